#include "world/build.hpp"

#include <algorithm>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "world/random.hpp"
#include "world/rosters.hpp"

namespace ecosim {
namespace {

struct FirstTie {
  FirmId holder;
  ActorRef other;
  float trust;
  bool both_ways;  // firm-firm ties are held by both; a tie to a university by the firm only
};

// Draws a firm's first ties: a few firm-firm ties (mostly within its municipality, some across
// regions where allowed) and, for firms with knowledge, a tie to a local university, all near
// the trust a tie rests at (tie_trust). Reads the world only.
void draw_first_ties(const World& world, const Scenario& s, FirmId firm, double mean_ties,
                     std::vector<FirstTie>& out) {
  const FirmTable& f = world.firms;
  Rng rng = rng_for(s, firm, world.step, Stream::initial_ties);
  const RegionId region = f.region[firm];
  const MunicipalityId muni = f.municipality[firm];
  const std::size_t neighbours = world.municipality_firms.size(muni);
  boost::random::poisson_distribution<int> tie_count(std::max(1e-9, mean_ties));
  const int ties = mean_ties > 0 && neighbours > 0 ? tie_count(rng) : 0;
  for (int k = 0; k < ties; ++k) {
    FirmId other =
        world.municipality_firms.at(muni, static_cast<std::size_t>(uniform01(rng) * neighbours));
    const auto spread = static_cast<float>(0.6 + 0.6 * uniform01(rng));
    if (s.trust.allow_cross_region && s.regions.size() > 1 &&
        uniform01(rng) < s.trust.cross_region_tie_share)
      other = FirmId(static_cast<std::size_t>(uniform01(rng) * f.size()));
    if (other == firm || !f.alive[other]) continue;
    const float trust = tie_trust(s, region, f.region[other], spread);
    out.push_back({firm, ActorRef::firm(other), std::min(trust, 1.0f), true});
  }
  const IdRange<UniversityId> universities = world.regions[region].universities;
  if (universities.size() > 0 && uniform01(rng) < mean_of(f.knowledge[firm])) {
    const UniversityId u =
        universities[static_cast<std::size_t>(uniform01(rng) * universities.size())];
    out.push_back({firm, ActorRef::university(u), tie_trust(s, region, region), false});
  }
}

}  // namespace

void form_first_ties(World& world, const Scenario& s, const std::vector<FirmId>& firms,
                     double mean_ties) {
  // Drawn in parallel, stored in firm order: a full holder's slots then resolve the same way
  // whatever the number of threads.
  const std::vector<FirstTie> ties = gather_in_order<FirstTie>(
      firms.size(),
      [&](std::size_t k, std::vector<FirstTie>& out) {
        draw_first_ties(world, s, firms[k], mean_ties, out);
      },
      64);
  // Each holder's slots depend only on the order of its own ties: group the ties by holder
  // (in their serial order) and let holders take them in parallel; the result is the same as
  // applying them one by one.
  struct Held {
    FirmId holder;
    ActorRef other;
    float trust;
  };
  std::vector<Held> held;
  held.reserve(2 * ties.size());
  for (const FirstTie& t : ties) {
    held.push_back({t.holder, t.other, t.trust});
    if (t.both_ways) held.push_back({t.other.firm_id(), ActorRef::firm(t.holder), t.trust});
  }
  const auto by_holder =
      bucket_in_order<FirmId>(held.size(), world.firms.size(),
                              [&](std::size_t k) { return std::optional(held[k].holder); });
  for_each_id<FirmId>(world.firms.size(), [&](FirmId holder) {
    for (const std::uint32_t* k = by_holder.begin(holder); k != by_holder.end(holder); ++k)
      world.trust.set(holder, held[*k].other, held[*k].trust);
  });
}

void init_firm(World& world, const Scenario& s, FirmId i, RegionId r, bool entrant) {
  const RegionParams& region = s.regions[r];
  const FirmParams& fp = s.firms;
  Rng rng =
      rng_for(s, i, world.step, entrant ? Stream::new_firm_state : Stream::firm_initial_state);
  FirmTable& f = world.firms;

  boost::random::discrete_distribution<int> pick_sector(region.sector_shares.begin(),
                                                        region.sector_shares.end());
  const auto sector = static_cast<Sector>(pick_sector(rng));
  int employees = 0;
  if (!entrant && uniform01(rng) >= fp.no_employee_share) {
    // Zipf-like tail: P(S > s) = s^-alpha for employer firms (Axtell 2001).
    const double u = 1.0 - uniform01(rng);
    employees = static_cast<int>(std::min<double>(
        fp.max_initial_employees, std::floor(std::pow(u, -1.0 / fp.size_tail_exponent))));
  }
  const RegionState& state = world.regions[r];
  boost::random::uniform_int_distribution<int> pick_muni(0, region.municipalities - 1);
  boost::random::lognormal_distribution<double> spread(0.0, 0.3);
  boost::random::lognormal_distribution<double> knowledge_spread(0.0, 0.5);

  f.region[i] = r;
  f.municipality[i] = state.municipalities[static_cast<std::size_t>(pick_muni(rng))];
  f.sector[i] = sector;
  f.alive[i] = 1;
  f.birth_step[i] = entrant ? world.step : kPresentAtStart;
  f.exit_step[i] = kNoStep;
  f.employees[i] = employees;
  f.skilled[i] = static_cast<int>(std::lround(employees * fp.skilled_share[sector]));
  f.capacity[i] =
      entrant ? static_cast<float>(uniform01(rng) * 2.0) : static_cast<float>(employees);
  f.productivity[i] = static_cast<float>(spread(rng));
  f.wage_nok[i] = static_cast<float>(wage_for(s, sector, f.productivity[i]));
  f.cash_nok[i] = fp.initial_cash_months * std::max(1, employees) * f.wage_nok[i];
  for (Theme t : kAllThemes)
    f.knowledge[i][t] =
        static_cast<float>(std::min(1.0, fp.initial_knowledge * knowledge_spread(rng)));
  f.expertise[i].fill(0.0f);
  f.emission_factor[i] = static_cast<float>(spread(rng));
  f.innovation_revenue_nok[i] = 0;
  f.satisfaction[i] = static_cast<float>(region.service_quality);
  f.trust_in_municipality[i] = static_cast<float>(region.generalised_trust);
  f.promotion_org[i] = std::nullopt;
  f.months_negative[i] = 0;
  f.active_projects[i] = 0;
  f.project_cash_nok_per_month[i] = 0;
  if (region.promotion_orgs > 0 && uniform01(rng) < s.dialogue.membership_share) {
    boost::random::uniform_int_distribution<int> pick_org(0, region.promotion_orgs - 1);
    f.promotion_org[i] = state.promotion_orgs[static_cast<std::size_t>(pick_org(rng))];
  }
}

namespace {

void build_institutions(World& world, const Scenario& s) {
  for (const RegionId r : s.regions.ids()) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions.emplace_back();
    region.population = p.population;
    region.labour_force = p.population * p.labour_force_share;
    region.skilled_labour_force = region.labour_force * p.human_capital;
    region.municipalities =
        ids(world.municipalities.next_id(), static_cast<std::size_t>(p.municipalities));
    region.universities =
        ids(world.universities.next_id(), static_cast<std::size_t>(p.universities));
    region.investors =
        ids(world.investors.next_id(), static_cast<std::size_t>(p.private_investors));
    region.promotion_orgs =
        ids(world.promotion_orgs.next_id(), static_cast<std::size_t>(p.promotion_orgs));
    for (int m = 0; m < p.municipalities; ++m)
      world.municipalities.push_back({r, p.population / p.municipalities, 0, 0});
    for (int u = 0; u < p.universities; ++u) {
      // Universities are hosted in turn by the region's municipalities.
      University uni{
          r, region.municipalities[static_cast<std::size_t>(u % p.municipalities)], {}, 0};
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

  std::vector<RegionId> region_of_firm;
  for (const RegionId r : s.regions.ids())
    region_of_firm.insert(region_of_firm.end(), static_cast<std::size_t>(s.regions[r].firms), r);
  world.firms.resize(region_of_firm.size());
  for_each_id<FirmId>(region_of_firm.size(),
                      [&](FirmId i) { init_firm(world, s, i, region_of_firm[i.index()], false); });
  world.trust.resize(world.firms.size());
  rebuild_rosters(world, s.dialogue.member_fee_nok_per_year);
  // Each tie counts for both ends, so each firm starts half of its mean.
  std::vector<FirmId> all;
  all.reserve(world.firms.size());
  for (const FirmId i : world.firms.ids()) all.push_back(i);
  form_first_ties(world, s, all, s.trust.initial_ties_per_firm / 2);
  return world;
}

}  // namespace ecosim
