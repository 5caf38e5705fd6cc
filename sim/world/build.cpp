#include "world/build.hpp"

#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/sort/spreadsort/integer_sort.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "rules/firms.hpp"
#include "rules/trust.hpp"
#include "world/establishments.hpp"
#include "world/random.hpp"
#include "world/rosters.hpp"

namespace ecosim {
namespace {

struct FirstTie {
  FirmId holder;
  ActorRef other;
  float trust;
  std::int16_t contact;  // month of its last contact
};

// Draws a firm's first ties: a few firm-firm ties (mostly within its municipality, some across
// regions where allowed) and, for firms with knowledge, a tie to a local university, all near
// the trust a tie rests at (tie_trust). `tie_count` is the Poisson of the mean number of ties,
// made once for all firms (its exp is the same for each). Reads the world only.
void draw_first_ties(const World& world, const Scenario& s, FirmId firm, double mean_ties,
                     const boost::random::poisson_distribution<int>& tie_count, bool initial,
                     std::vector<FirstTie>& out) {
  const FirmTable& f = world.firms;
  Rng rng = rng_for(s, firm, world.step, Stream::initial_ties);
  // The initial world's ties were last used at any time within memory (so they are not all
  // forgotten together); an entrant's are new.
  auto contact = [&] {
    const int ago = initial ? static_cast<int>(uniform01(rng) * s.trust.tie_memory_months) : 0;
    return static_cast<std::int16_t>(world.trust.month() - ago);
  };
  const RegionId region = f.region[firm];
  const MunicipalityId muni = f.municipality[firm];
  const std::size_t neighbours = world.municipality_firms.size(muni);
  const int ties = mean_ties > 0 && neighbours > 0 ? tie_count(rng) : 0;
  for (int k = 0; k < ties; ++k) {
    FirmId other = world.municipality_firms.draw(muni, uniform01(rng));
    const auto spread = static_cast<float>(0.6 + 0.6 * uniform01(rng));
    // Who knows whom does not depend on the partnership rules (trust.allow_cross_region).
    if (s.regions.size() > 1 && uniform01(rng) < s.trust.cross_region_tie_share)
      other = FirmId(static_cast<std::size_t>(uniform01(rng) * f.size()));
    if (other == firm || !f.alive[other] || f.is_public[other]) continue;
    const float trust = tie_trust(s, region, f.region[other], spread);
    out.push_back({firm, ActorRef::firm(other), std::min(trust, 1.0f), contact()});
  }
  const IdRange<UniversityId> universities = world.regions[region].universities;
  if (universities.size() > 0 && uniform01(rng) < mean_of(f.knowledge[firm])) {
    const UniversityId u =
        universities.nth(static_cast<std::size_t>(uniform01(rng) * universities.size()));
    out.push_back({firm, ActorRef::university(u), tie_trust(s, region, region), contact()});
  }
}

}  // namespace

void form_first_ties(World& world, const Scenario& s, const std::vector<FirmId>& firms,
                     double mean_ties, bool initial) {
  // Drawn in parallel, stored in firm order: a full holder's slots then resolve the same way
  // whatever the number of threads.
  const boost::random::poisson_distribution<int> tie_count(std::max(1e-9, mean_ties));
  const std::vector<FirstTie> ties = gather_in_order<FirstTie>(
      firms.size(),
      [&](std::size_t k, std::vector<FirstTie>& out) {
        draw_first_ties(world, s, firms[k], mean_ties, tie_count, initial, out);
      },
      64);
  // Each holder's slots depend only on the order of its own ties: group the ties by holder
  // (in their serial order), give each holder room for its ties (one thread), and let holders
  // take them in parallel; the result is the same as applying them one by one.
  struct Held {
    FirmId holder;
    ActorRef other;
    float trust;
    std::int16_t contact;
  };
  std::vector<Held> held;
  held.reserve(2 * ties.size());
  for (const FirstTie& t : ties) {
    held.push_back({t.holder, t.other, t.trust, t.contact});
    // Firm-firm ties are held by both; a tie to a university by the firm only.
    if (const auto other = t.other.as_firm())
      held.push_back({*other, ActorRef::firm(t.holder), t.trust, t.contact});
  }
  const auto take = [&](std::uint32_t k) {
    if (world.trust.set(held[k].holder, held[k].other, held[k].trust))
      world.trust.touch(held[k].holder, held[k].other, held[k].contact);
  };
  // Sorted by holder, each holder's in serial order (the key is holder, then position): keys
  // sort without reading `held` at random, and only holders with ties are visited. A counting
  // sort into a bucket per firm took a serial pass over every firm: at 10^6 firms the initial
  // ties took 83 ms to bucket against 37 ms to sort (and a month's entrants a pass of its own).
  std::vector<std::uint64_t> order(held.size());
  for (std::uint32_t k = 0; k < order.size(); ++k)
    order[k] = std::uint64_t{held[k].holder.value()} << 32 | k;
  boost::sort::spreadsort::integer_sort(order.begin(), order.end());  // half std::sort's time
  const auto holder = [&](std::size_t k) { return order[k] >> 32; };
  const auto position = [&](std::size_t k) { return static_cast<std::uint32_t>(order[k]); };
  std::vector<std::size_t> starts;  // where each holder's ties begin in `order`
  for (std::size_t k = 0; k < order.size(); ++k)
    if (k == 0 || holder(k) != holder(k - 1)) starts.push_back(k);
  starts.push_back(order.size());
  // The holders lie anywhere in the table: their slots, then their lists, are asked for ahead.
  const std::size_t holders = starts.size() - 1;
  for (std::size_t g = 0; g < holders; ++g) {
    if (g + 16 < holders) world.trust.prefetch_slot(holder(starts[g + 16]));
    if (g + 8 < holders) world.trust.prefetch_ties(holder(starts[g + 8]));
    world.trust.make_room(FirmId(holder(starts[g])), starts[g + 1] - starts[g]);
  }
  for_each_index(
      holders,
      [&](std::size_t g) {
        for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) take(position(k));
      },
      64);  // a month's entrants hold a few thousand ties: small chunks keep both threads busy
}

namespace {

// An old firm's yearly exit hazard at a size: the rate initial_age_years draws ages from.
double old_firm_hazard(const FirmParams& fp, int employees) {
  return std::max(1e-6, exit_hazard_per_year(fp, 1e9, employees));
}

// What init_firm reads by a firm's employees, looked up for the initial world's many firms
// rather than computed per firm (a pow and an exp that underflows each, a tenth of the
// default world's build); an entrant's are computed.
struct SizeTables {
  explicit SizeTables(const FirmParams& fp)
      : old_hazard(1024, [&fp](int employees) { return old_firm_hazard(fp, employees); }),
        growth_sigma(1024,
                     [&fp](int employees) { return ecosim::growth_sigma(fp, employees + 1.0); }) {}
  SmallTable old_hazard, growth_sigma;
};

// The age of a firm of the initial world: drawn from the ages a stock of firms reaches when
// firms are born at a steady rate and exit at exit_hazard_per_year (density ~ survival), by
// rejection from the exponential of an old firm's hazard (old_firm_hazard).
double initial_age_years(const FirmParams& fp, double old, Rng& rng) {
  const double excess = old * fp.exit_young_excess * fp.exit_young_years;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const double age = std::min(100.0, -std::log(1.0 - uniform01(rng)) / old);
    if (uniform01(rng) < std::exp(-excess * (1.0 - std::exp(-age / fp.exit_young_years))))
      return age;
  }
  return 0.0;
}

// Cash at the level the payout rule keeps a firm at: the buffer plus what a month's profit
// adds before the payout takes it back (cash* = buffer + profit (1 / payout - 1)).
double steady_cash(const FirmParams& fp, double buffer, double profit) {
  return buffer + std::max(0.0, profit) * (1.0 / std::max(1e-9, fp.payout_per_month) - 1.0);
}

// init_firm on a row that is all zero, with the initial world's tables where given.
void init_zeroed_firm(World& world, const Scenario& s, FirmId i, RegionId r, const Establishment& e,
                      bool entrant, const SizeTables* sizes) {
  const RegionParams& region = s.regions[r];
  const FirmParams& fp = s.firms;
  Rng rng =
      rng_for(s, i, world.step, entrant ? Stream::new_firm_state : Stream::firm_initial_state);
  FirmTable& f = world.firms;
  const RegionState& state = world.regions[r];
  boost::random::uniform_int_distribution<int> pick_muni(0, region.municipalities - 1);
  boost::random::lognormal_distribution<double> productivity(0.0, fp.productivity_log_sd);
  boost::random::lognormal_distribution<double> emission(0.0, fp.emission_factor_log_sd);
  boost::random::lognormal_distribution<double> knowledge_spread(0.0, fp.knowledge_log_sd);

  f.region[i] = r;
  f.municipality[i] = state.municipalities.nth(static_cast<std::size_t>(pick_muni(rng)));
  f.sector[i] = e.sector;
  f.alive[i] = 1;
  f.is_public[i] = e.is_public;
  f.owner_works[i] = e.owner_works;
  f.birth_step[i] =
      entrant ? world.step
              : world.step - static_cast<Step>(std::lround(
                                 12 * initial_age_years(fp,
                                                        sizes ? sizes->old_hazard(e.employees)
                                                              : old_firm_hazard(fp, e.employees),
                                                        rng)));
  f.exit_step[i] = kNoStep;
  f.exit_cause[i] = ExitCause::none;
  f.employees[i] = e.employees;
  f.skill_rounding[i] = static_cast<float>(uniform01(rng));
  f.skilled[i] = skilled_jobs_wanted(world, s, i, e.employees);
  f.capacity[i] = static_cast<float>(e.employees);
  f.productivity[i] = e.is_public ? 1.0f : static_cast<float>(productivity(rng));
  f.wage_nok[i] = static_cast<float>(wage_for(s, e.sector, f.productivity[i]));
  for (Theme t : kAllThemes)
    f.knowledge[i][t] =
        static_cast<float>(std::min(1.0, fp.initial_knowledge * knowledge_spread(rng)));
  f.expertise[i].fill(0.0f);
  f.emission_factor[i] = static_cast<float>(emission(rng));
  f.growth_variance[i] = static_cast<float>(draw_growth_variance(
      sizes ? sizes->growth_sigma(e.employees) : growth_sigma(fp, e.employees + 1.0), rng));
  f.innovation_revenue_nok[i] = 0;
  f.satisfaction[i] = static_cast<float>(region.service_quality);
  f.trust_in_municipality[i] = static_cast<float>(region.generalised_trust);
  f.promotion_org[i] = std::nullopt;
  f.months_negative[i] = 0;
  f.months_since_unfilled[i] = 255;  // no recruitment problem yet
  f.active_projects[i] = 0;
  f.project_cost_nok_per_month[i] = 0;
  // At the wages of the month it is born in (an entrant's, after the wage curve has moved).
  const double wage_bill = e.employees * current_wage(world, i);
  boost::random::lognormal_distribution<double> buffer_months(
      std::log(std::max(1e-9, fp.cash_target_months)), fp.cash_months_log_sd);
  f.cash_buffer_months[i] = static_cast<float>(buffer_months(rng));
  // What production reads of the firm, gathered once for its buffer, value added and fixed
  // costs (each would gather it again, with an exp of the region's demand each time).
  const FirmAtWork at = firm_at_work(world, s, i);
  const double buffer = f.cash_buffer_months[i] * buffer_costs(world, s, i, at);
  f.cash_nok[i] =
      e.is_public ? 0.0
                  : steady_cash(fp, buffer, value_added(fp, at) - wage_bill - fixed_costs(fp, at));
  if (!e.is_public && region.promotion_orgs > 0 && uniform01(rng) < s.dialogue.membership_share) {
    boost::random::uniform_int_distribution<int> pick_org(0, region.promotion_orgs - 1);
    f.promotion_org[i] = state.promotion_orgs.nth(static_cast<std::size_t>(pick_org(rng)));
  }
}

}  // namespace

void init_firm(World& world, const Scenario& s, FirmId i, RegionId r, const Establishment& e,
               bool entrant) {
  // A reused row (an entrant takes a closed firm's) starts as a new row does, all zero: once the
  // dead firm's output and emissions of its last month passed to 683 of 714 entrants.
  world.firms.for_each_column([i](const char*, auto& column) { column[i] = {}; });
  init_zeroed_firm(world, s, i, r, e, entrant, nullptr);
}

namespace {

void build_institutions(World& world, const Scenario& s) {
  for (const RegionId r : s.regions.ids()) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions.emplace_back();
    region.working_age = p.population * p.working_age_share;
    region.labour_force = p.population * p.labour_force_share;
    region.skilled_labour_force = region.labour_force * p.human_capital;
    region.unemployment_at_start = p.unemployment_rate;
    region.participation_at_start = p.labour_force_share / p.working_age_share;
    // Firms of a region with fewer graduates need fewer: the sectors' skilled shares are scaled
    // so that the region's skilled jobs are its human capital.
    double need = 0;
    for (const Sector k : kAllSectors) need += p.sector_shares[k] * s.firms.skilled_share[k];
    region.skill_scale = need > 0 ? p.human_capital / need : 1.0;
    region.municipalities =
        ids(world.municipalities.next_id(), static_cast<std::size_t>(p.municipalities));
    region.universities =
        ids(world.universities.next_id(), static_cast<std::size_t>(p.universities));
    region.investors =
        ids(world.investors.next_id(), static_cast<std::size_t>(p.private_investors));
    region.promotion_orgs =
        ids(world.promotion_orgs.next_id(), static_cast<std::size_t>(p.promotion_orgs));
    for (int m = 0; m < p.municipalities; ++m)
      world.municipalities.push_back({r, p.population / p.municipalities});
    for (int u = 0; u < p.universities; ++u) {
      // Universities are hosted in turn by the region's municipalities.
      University uni{
          r, region.municipalities.nth(static_cast<std::size_t>(u % p.municipalities)), {}, 0};
      uni.research.fill(static_cast<float>(s.universities.research_strength));
      world.universities.push_back(uni);
    }
    for (int k = 0; k < p.private_investors; ++k)
      world.investors.push_back({r, s.investors.risk_tolerance, 0, 0, 0});
    for (int k = 0; k < p.promotion_orgs; ++k)
      world.promotion_orgs.push_back({r, 0, s.dialogue.public_grant_nok_per_year, 1.0});
  }
}

// The labour market as the start leaves it: residents per job (all, and skilled) so that the
// region has its unemployment rate, lower among the skilled; skilled workers moving in to replace
// those retiring, net of graduates, so that the skilled labour force holds; the share of solo firms
// whose owner works.
void settle_labour(World& world, const Scenario& s) {
  const FirmTable& f = world.firms;
  IdVector<RegionId, double> jobs(world.regions.size(), 0.0), solo(world.regions.size(), 0.0),
      owners(world.regions.size(), 0.0), skilled(world.regions.size(), 0.0);
  for (const FirmId i : f.ids()) {
    jobs[f.region[i]] += jobs_of(f, i);
    skilled[f.region[i]] += f.skilled[i];
    solo[f.region[i]] += f.employees[i] == 0;
    owners[f.region[i]] += f.owner_works[i];
  }
  for (const RegionId r : world.regions.ids()) {
    RegionState& region = world.regions[r];
    region.jobs = jobs[r];
    region.skilled_jobs = skilled[r];
    region.residents_per_job =
        jobs[r] > 0 ? region.labour_force * (1.0 - region.unemployment_at_start) / jobs[r] : 1.0;
    const double skilled_unemployment =
        s.market.skilled_unemployment_ratio * region.unemployment_at_start;
    region.skilled_unemployment_at_start = skilled_unemployment;
    region.skilled_residents_per_job =
        skilled[r] > 0 ? region.skilled_labour_force * (1.0 - skilled_unemployment) / skilled[r]
                       : 1.0;
    region.skilled_inflow_per_year =
        s.market.skilled_attrition_per_year * region.skilled_labour_force -
        s.universities.graduates_per_year * s.regions[r].universities;
    region.owner_works_share = solo[r] > 0 ? owners[r] / solo[r] : 0.0;
  }
}

}  // namespace

World build_world(const Scenario& s) {
  World world;
  world.step = 0;
  world.trust = TrustNetwork(s.trust.max_ties_per_firm);
  build_institutions(world, s);

  // Each region's establishments from its own stream, regions side by side (the larger of the
  // default's two took 47 ms at 10^6 firms), joined in region order.
  std::vector<std::vector<Establishment>> drawn(s.regions.size());
  for_each_index(
      s.regions.size(),
      [&](std::size_t k) {
        const RegionId r(k);
        Rng rng = rng_for(s, r, 0, Stream::initial_sizes);
        drawn[k] = draw_establishments(s, r, rng);
      },
      1);
  std::size_t total = 0;
  for (const auto& region : drawn) total += region.size();
  std::vector<RegionId> region_of_firm;
  std::vector<Establishment> establishments;
  region_of_firm.reserve(total);
  establishments.reserve(total);
  for (const RegionId r : s.regions.ids()) {
    region_of_firm.insert(region_of_firm.end(), drawn[r.index()].size(), r);
    establishments.insert(establishments.end(), drawn[r.index()].begin(), drawn[r.index()].end());
    drawn[r.index()] = {};
  }
  world.firms.resize(region_of_firm.size());  // new rows, all zero
  const SizeTables sizes(s.firms);
  for_each_id<FirmId>(region_of_firm.size(), [&](FirmId i) {
    init_zeroed_firm(world, s, i, region_of_firm[i.index()], establishments[i.index()], false,
                     &sizes);
    world.firms.uid[i] = static_cast<std::uint32_t>(i.index());
  });
  world.next_uid = static_cast<std::uint32_t>(world.firms.size());
  settle_labour(world, s);
  world.trust.resize(world.firms.size());
  rebuild_rosters(world, s);
  // Each tie counts for both ends, so each firm starts half of its mean.
  std::vector<FirmId> all;
  all.reserve(world.firms.size());
  for (const FirmId i : world.firms.ids())
    if (!world.firms.is_public[i]) all.push_back(i);
  form_first_ties(world, s, all, s.trust.initial_ties_per_firm / 2, true);
  return world;
}

}  // namespace ecosim
