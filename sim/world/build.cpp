#include "world/world.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "world/rosters.hpp"

namespace ecosim {

void FirmTable::resize(std::size_t n) {
  // Entrants arrive every month: grow capacity by an eighth at a time, not by doubling, so a
  // million-firm table does not briefly hold twice its size (peak memory is a target).
  const std::size_t room = n > alive.capacity() ? n + n / 8 : alive.capacity();
  auto grow = [n, room](auto& column) {
    column.reserve(room);
    column.resize(n);
  };
  grow(region), grow(municipality), grow(sector), grow(alive), grow(birth_step), grow(exit_step);
  grow(employees), grow(skilled), grow(capacity), grow(productivity), grow(wage_nok), grow(cash_nok);
  grow(knowledge);
  grow(expertise), grow(theme_mask), grow(emission_factor), grow(innovation_revenue_nok);
  grow(satisfaction), grow(trust_in_municipality), grow(promotion_org), grow(months_negative);
  grow(active_projects), grow(project_cash_nok_per_month), grow(skilled_wanted), grow(skilled_unfilled);
  grow(unskilled_wanted), grow(hired_skilled), grow(hired_unskilled), grow(output_nok), grow(emissions_t);
  grow(met_this_step), grow(idea_theme);
}

double wage_for(const Scenario& s, int sector, double productivity) {
  return s.firms.wage_nok_per_month[sector] * std::pow(productivity, s.firms.wage_productivity_elasticity);
}

namespace {

struct FirstTie {
  std::uint32_t holder;
  ActorRef other;
  float trust;
  bool both_ways;  // firm-firm ties are held by both; a tie to a university by the firm only
};

// Draws firm i's first ties: a few firm-firm ties (mostly within its municipality, some
// across regions where allowed) and, for firms with knowledge, a tie to a local university,
// all near the generalised trust of its region. Reads the world only.
void draw_first_ties(const World& world, const Scenario& s, std::uint32_t i, double mean_ties,
                     std::vector<FirstTie>& out) {
  const FirmTable& f = world.firms;
  Rng rng = make_rng(s.simulation.seed, AgentKind::firm, i, world.step, Stream::initial_ties);
  const std::uint16_t r = f.region[i];
  const float base = static_cast<float>(s.regions[r].generalised_trust);
  const Buckets& rosters = world.municipality_firms;
  const std::size_t muni = f.municipality[i];
  const std::size_t neighbours = rosters.size(muni);
  boost::random::poisson_distribution<int> tie_count(std::max(1e-9, mean_ties));
  const int ties = mean_ties > 0 && neighbours > 0 ? tie_count(rng) : 0;
  for (int k = 0; k < ties; ++k) {
    std::uint32_t other = rosters.at(muni, static_cast<std::size_t>(uniform01(rng) * neighbours));
    float trust = base * static_cast<float>(0.6 + 0.6 * uniform01(rng));
    if (s.trust.allow_cross_region && s.regions.size() > 1 && uniform01(rng) < s.trust.cross_region_tie_share) {
      other = static_cast<std::uint32_t>(uniform01(rng) * f.size());
      if (f.region[other] != r) trust *= static_cast<float>(s.trust.cross_region_factor);
    }
    if (other == i || !f.alive[other]) continue;
    out.push_back({i, ActorRef::firm(other), std::min(trust, 1.0f), true});
  }
  const auto unis = static_cast<std::uint32_t>(s.regions[r].universities);
  double mean_knowledge = 0;
  for (float k : f.knowledge[i]) mean_knowledge += k / kThemes;
  if (unis > 0 && uniform01(rng) < mean_knowledge) {
    const std::uint32_t u = world.regions[r].first_university + static_cast<std::uint32_t>(uniform01(rng) * unis);
    out.push_back({i, ActorRef::make(ActorKind::university, u), base, false});
  }
}

}  // namespace

void form_first_ties(World& world, const Scenario& s, const std::vector<std::uint32_t>& firms, double mean_ties) {
  // Drawn in parallel, stored in firm order: a full holder's slots then resolve the same way
  // whatever the number of threads.
  const std::vector<FirstTie> ties = gather_in_order<FirstTie>(
      firms.size(), [&](std::size_t k, std::vector<FirstTie>& out) { draw_first_ties(world, s, firms[k], mean_ties, out); },
      64);
  // Each holder's slots depend only on the order of its own ties: group the ties by holder
  // (in their serial order) and let holders take them in parallel; the result is the same as
  // applying them one by one.
  struct Held { std::uint32_t holder; ActorRef other; float trust; };
  std::vector<Held> held;
  held.reserve(2 * ties.size());
  for (const FirstTie& t : ties) {
    held.push_back({t.holder, t.other, t.trust});
    if (t.both_ways) held.push_back({t.other.index(), ActorRef::firm(t.holder), t.trust});
  }
  const Buckets by_holder = bucket_in_order(held.size(), world.firms.size(),
                                            [&](std::size_t k) { return static_cast<std::int64_t>(held[k].holder); });
  for_each_index(world.firms.size(), [&](std::size_t i) {
    for (const std::uint32_t* k = by_holder.begin(i); k != by_holder.end(i); ++k)
      world.trust.set(static_cast<std::uint32_t>(i), held[*k].other, held[*k].trust);
  });
}

void init_firm(World& world, const Scenario& s, std::uint32_t i, std::uint16_t r, bool entrant) {
  const RegionParams& region = s.regions[r];
  const FirmParams& fp = s.firms;
  Rng rng = make_rng(s.simulation.seed, AgentKind::firm, i, world.step,
                     entrant ? Stream::new_firm_state : Stream::firm_initial_state);
  FirmTable& f = world.firms;

  boost::random::discrete_distribution<int> pick_sector(region.sector_shares.begin(),
                                                        region.sector_shares.end());
  const int sector = pick_sector(rng);
  int employees = 0;
  if (!entrant && uniform01(rng) >= fp.no_employee_share) {
    // Zipf-like tail: P(S > s) = s^-alpha for employer firms (Axtell 2001).
    const double u = 1.0 - uniform01(rng);
    employees = static_cast<int>(std::min<double>(fp.max_initial_employees,
                                                  std::floor(std::pow(u, -1.0 / fp.size_tail_exponent))));
  }
  const RegionState& state = world.regions[r];
  boost::random::uniform_int_distribution<int> pick_muni(0, region.municipalities - 1);
  boost::random::lognormal_distribution<double> spread(0.0, 0.3);
  boost::random::lognormal_distribution<double> knowledge_spread(0.0, 0.5);

  f.region[i] = r;
  f.municipality[i] = state.first_municipality + pick_muni(rng);
  f.sector[i] = static_cast<std::uint8_t>(sector);
  f.alive[i] = 1;
  f.birth_step[i] = entrant ? world.step : -1;
  f.exit_step[i] = -1;
  f.employees[i] = employees;
  f.skilled[i] = static_cast<int>(std::lround(employees * fp.skilled_share[sector]));
  f.capacity[i] = entrant ? static_cast<float>(uniform01(rng) * 2.0) : static_cast<float>(employees);
  f.productivity[i] = static_cast<float>(spread(rng));
  f.wage_nok[i] = static_cast<float>(wage_for(s, sector, f.productivity[i]));
  f.cash_nok[i] = fp.initial_cash_months * std::max(1, employees) * f.wage_nok[i];
  for (std::size_t t = 0; t < kThemes; ++t)
    f.knowledge[i][t] = static_cast<float>(std::min(1.0, fp.initial_knowledge * knowledge_spread(rng)));
  f.expertise[i].fill(0.0f);
  f.emission_factor[i] = static_cast<float>(spread(rng));
  f.innovation_revenue_nok[i] = 0;
  f.satisfaction[i] = static_cast<float>(region.service_quality);
  f.trust_in_municipality[i] = static_cast<float>(region.generalised_trust);
  f.promotion_org[i] = -1;
  f.months_negative[i] = 0;
  f.active_projects[i] = 0;
  f.project_cash_nok_per_month[i] = 0;
  if (region.promotion_orgs > 0 && uniform01(rng) < s.dialogue.membership_share) {
    boost::random::uniform_int_distribution<int> pick_org(0, region.promotion_orgs - 1);
    f.promotion_org[i] = static_cast<std::int32_t>(state.first_promotion_org) + pick_org(rng);
  }
}

namespace {

void build_institutions(World& world, const Scenario& s) {
  world.regions.resize(s.regions.size());
  for (std::uint16_t r = 0; r < s.regions.size(); ++r) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions[r];
    region.population = p.population;
    region.labour_force = p.population * p.labour_force_share;
    region.skilled_labour_force = region.labour_force * p.human_capital;
    region.first_municipality = static_cast<std::uint32_t>(world.municipalities.size());
    region.first_university = static_cast<std::uint32_t>(world.universities.size());
    region.first_investor = static_cast<std::uint32_t>(world.investors.size());
    region.first_promotion_org = static_cast<std::uint32_t>(world.promotion_orgs.size());
    for (int m = 0; m < p.municipalities; ++m)
      world.municipalities.push_back({r, p.population / p.municipalities, 0, 0});
    for (int u = 0; u < p.universities; ++u) {
      University uni{r, region.first_municipality + static_cast<std::uint32_t>(u % p.municipalities), {}, 0};
      uni.research.fill(static_cast<float>(s.universities.research_strength));
      world.universities.push_back(uni);
    }
    for (int k = 0; k < p.private_investors; ++k)
      world.investors.push_back({r, s.investors.risk_tolerance, s.investors.capital_nok, 0});
    for (int k = 0; k < p.promotion_orgs; ++k)
      world.promotion_orgs.push_back({r, 0, s.dialogue.public_grant_nok_per_year, 1.0});
  }
}

}  // namespace

World build_world(const Scenario& s) {
  World world;
  world.step = 0;
  world.trust = TrustNetwork(s.trust.max_ties_per_firm);
  build_institutions(world, s);

  std::vector<std::uint16_t> region_of;
  for (std::uint16_t r = 0; r < s.regions.size(); ++r)
    region_of.insert(region_of.end(), s.regions[r].firms, r);
  world.firms.resize(region_of.size());
  for_each_index(region_of.size(), [&](std::size_t i) {
    init_firm(world, s, static_cast<std::uint32_t>(i), region_of[i], false);
  });
  world.trust.resize(world.firms.size());
  rebuild_rosters(world, s.dialogue.member_fee_nok_per_year);
  // Each tie counts for both ends, so each firm starts half of its mean.
  std::vector<std::uint32_t> all(world.firms.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  form_first_ties(world, s, all, s.trust.initial_ties_per_firm / 2);
  return world;
}

}  // namespace ecosim
