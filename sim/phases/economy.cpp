// Phase 1, Economy (ODD: Details, submodel "economy").
#include "phases/economy.hpp"

#include <algorithm>
#include <boost/random/laplace_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <cstdlib>

#include "engine/binomial.hpp"
#include "engine/parallel.hpp"
#include "phases/phases.hpp"
#include "rules/firms.hpp"
#include "world/build.hpp"
#include "world/random.hpp"

namespace ecosim {

double monthly(double per_year) { return std::pow(1.0 + per_year, 1.0 / 12.0); }

void update_markets(World& world, const Scenario& s) {
  const MarketParams& m = s.market;
  // Demand that projects added fades (attractions age); firms shrink with it.
  const double fade = 1.0 - std::pow(1.0 - s.projects.tourism_demand_decay_per_year, 1.0 / 12.0);
  for (const RegionId r : world.regions.ids()) {
    RegionState& region = world.regions[r];
    for (const Sector k : kAllSectors) {
      const double faded = fade * region.demand_level[k];
      region.demand_level[k] -= faded;
      region.level_change[k] -= faded;
      Rng rng = rng_for(s, r, k, world.step, Stream::sector_demand);
      boost::random::normal_distribution<double> shock(0.0, m.demand_volatility);
      const double before = region.log_demand[k];
      region.log_demand[k] = m.demand_persistence * before + shock(rng);
      region.demand_change[k] = region.log_demand[k] - before + region.level_change[k];
      region.level_change[k] = 0;
    }
    region.demand_trend *= monthly(m.demand_growth_per_year);
    region.productivity_trend *= monthly(m.productivity_growth_per_year);
    region.emission_trend *= monthly(s.firms.emission_trend_per_year);
  }
}

double labour_force_answering_jobs(double working_age, double participation_at_start,
                                   double employed, double reference_unemployment,
                                   double response) {
  // LF = WA (P0 - k (u - u_ref)) with u = 1 - employed / LF, solved for LF at once (a lagged
  // answer overshoots: k / P0 > 1): LF^2 - a LF - b = 0.
  const double a = working_age * (participation_at_start - response * (1 - reference_unemployment));
  const double b = working_age * response * employed;
  return (a + std::sqrt(a * a + 4 * b)) / 2;
}

void update_labour_supply(World& world, const Scenario& s) {
  const MarketParams& m = s.market;
  for (const RegionId r : world.regions.ids()) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions[r];
    // People of working age grow, and move in while jobs are easier to find than at the start
    // (out while harder); the skilled answer their own market the same way (Blanchard & Katz,
    // for graduates). Participation answers the jobs at once.
    const double u = unemployment_rate(region, region.jobs);
    const double u_skilled = skilled_unemployment_rate(region, region.skilled_jobs);
    const double participation = region.labour_force / std::max(1.0, region.working_age);
    const double moving_in =
        m.migration_response * (region.unemployment_at_start - u) * region.labour_force / 12.0;
    const double skilled_moving_in = m.migration_response *
                                     (region.skilled_unemployment_at_start - u_skilled) *
                                     region.skilled_labour_force / 12.0;
    const double before = region.labour_force;
    const double working_age =
        std::max(1.0, region.working_age * monthly(p.population_growth_per_year) +
                          (moving_in + skilled_moving_in) / participation);
    const double labour_force = std::max(
        1.0, labour_force_answering_jobs(working_age, region.participation_at_start,
                                         region.residents_per_job * region.jobs,
                                         region.unemployment_at_start, m.participation_response));
    const double general_growth = labour_force - before - skilled_moving_in;
    region.working_age_growth = working_age / std::max(1.0, region.working_age);
    region.working_age = working_age;
    region.labour_force = labour_force;
    // Graduates and skilled newcomers replace the skilled who retire.
    const double retiring = region.skilled_labour_force * m.skilled_attrition_per_year / 12.0;
    const double arriving =
        (s.universities.graduates_per_year * p.universities + region.skilled_inflow_per_year) /
            12.0 +
        p.human_capital * general_growth + skilled_moving_in;
    region.skilled_labour_force =
        std::clamp(region.skilled_labour_force + arriving - retiring, 0.0, region.labour_force);
    // Wages follow the wage curve: higher when unemployment is below its start.
    const double target =
        std::pow(std::max(u, m.wage_curve_unemployment_floor * region.unemployment_at_start) /
                     region.unemployment_at_start,
                 m.wage_curve_elasticity);
    const double wage = region.wage_index + m.wage_adjust_per_month * (target - region.wage_index);
    region.wage_change = std::log(wage / region.wage_index);
    region.wage_index = wage;
  }
}

LabourMarket plan_employment(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const FirmParams& fp = s.firms;
  const double trend_per_month = std::log(monthly(s.market.demand_growth_per_year));
  const bool new_year = world.step % 12 == 0;
  const Binomials leaving(fp.separation_rate_per_month);
  // One pass: each firm's plan, and its wishes and staff added to its region's (the reduce
  // visits each firm once, so it may change its own row).
  return deterministic_reduce(
      f.size(), LabourMarket(world.regions.size()), [&](LabourMarket& acc, std::size_t k) {
        const FirmId i(k);
        f.start_month(i);
        if (!f.alive[i]) return;
        if (f.employees[i] > 0 && fp.separation_rate_per_month > 0) {
          // Workers leave (quits, retirement, moves) and join the region's job seekers; the firm's
          // capacity is unchanged, so it seeks to replace them below.
          Rng rng = rng_for(s, i, world.step, Stream::separations);
          const int skilled_left = leaving(f.skilled[i], rng);
          const int others_left = leaving(f.employees[i] - f.skilled[i], rng);
          f.skilled[i] -= skilled_left;
          f.separations[i] = skilled_left + others_left;
          f.employees[i] -= f.separations[i];
        }
        const RegionState& region = world.regions[f.region[i]];
        const Sector sector = f.sector[i];
        double capacity = f.capacity[i];
        if (f.is_public[i]) {
          // Public services grow with the people they serve.
          capacity *= region.working_age_growth;
        } else {
          const double size = f.capacity[i] + 1.0;
          if (new_year) {
            Rng rng = rng_for(s, i, world.step, Stream::growth_variance);
            f.growth_variance[i] =
                static_cast<float>(draw_growth_variance(growth_sigma(fp, size), rng));
          }
          // A normal shock whose variance is this year's draw: twelve of them add up to a Laplace
          // yearly growth rate (Stanley et al. 1996), centred so that E[exp(shock)] = exp(drift).
          double drift = region.demand_change[sector] + trend_per_month +
                         s.market.labour_demand_wage_elasticity * region.wage_change;
          if (f.cash_nok[i] < 0) drift -= fp.loss_shrink_per_month;
          // The local business climate: a firm more satisfied with its municipality than the
          // neutral grade expands a little faster, a less satisfied one slower (§13).
          drift += s.dialogue.climate_growth_per_year / 12.0 *
                   (f.satisfaction[i] - s.dialogue.neutral_satisfaction);
          const double variance = f.growth_variance[i] / 12.0;
          Rng rng = rng_for(s, i, world.step, Stream::firm_growth);
          boost::random::normal_distribution<double> shock(drift - variance / 2,
                                                           std::sqrt(variance));
          // Capacity may fall below zero (a one-person firm drifting further from hiring): cutting
          // it at zero would turn every unlucky draw of the many one-person firms into upward
          // drift.
          capacity = std::clamp(size * std::exp(shock(rng)) - 1.0, -0.9, 1e7);
        }
        f.capacity[i] = static_cast<float>(capacity);

        // The first employee is a step of its own (payroll, an employer's risks): a firm without
        // employees hires only once demand reaches first_hire_capacity persons.
        const bool employer = f.employees[i] + f.separations[i] > 0;
        const int target = employer || capacity >= fp.first_hire_capacity
                               ? static_cast<int>(std::lround(std::max(0.0, capacity)))
                               : 0;
        const int skilled_target = skilled_jobs_wanted(world, s, i, target);
        if (target < f.employees[i]) {
          // Layoffs keep the skill mix the firm wants where its staff allows.
          const int unskilled = f.employees[i] - f.skilled[i];
          f.skilled[i] = std::clamp(skilled_target, target - unskilled, f.skilled[i]);
          f.employees[i] = target;
        }
        const int hires = target - f.employees[i];
        f.skilled_wanted[i] = std::clamp(skilled_target - f.skilled[i], 0, hires);
        f.unskilled_wanted[i] = hires - f.skilled_wanted[i];
        acc.add(f, i);
      });
}

LabourMarket labour_market(const World& world) {
  const FirmTable& f = world.firms;
  return deterministic_reduce(f.size(), LabourMarket(world.regions.size()),
                              [&](LabourMarket& acc, std::size_t k) {
                                if (f.alive[FirmId(k)]) acc.add(f, FirmId(k));
                              });
}

double fill_ratio(std::int64_t wanted, double seekers, double match_rate, double fill_max) {
  if (wanted <= 0 || fill_max <= 0) return 0.0;
  const double x = match_rate * std::max(0.0, seekers) / static_cast<double>(wanted);
  return fill_max * -std::expm1(-x / fill_max);
}

namespace {

// Per region: skilled hires and all hires, or skilled jobs and all jobs.
struct Hires {
  std::vector<std::int64_t> skilled, all;
  explicit Hires(std::size_t regions) : skilled(regions, 0), all(regions, 0) {}
  void merge(const Hires& o) {
    for (std::size_t r = 0; r < skilled.size(); ++r) skilled[r] += o.skilled[r], all[r] += o.all[r];
  }
};

// Rounding every firm's share up or down at random keeps hires unbiased; in the rare month
// when the rounding overshoots the pool, later firms (in index order) hire fewer.
void clip_to_pool(const FirmTable& f, IdVector<FirmId, std::int32_t>& hires, RegionId region,
                  std::int64_t pool) {
  for (const FirmId i : f.ids()) {
    if (!f.alive[i] || f.region[i] != region) continue;
    hires[i] = static_cast<std::int32_t>(std::clamp<std::int64_t>(pool, 0, hires[i]));
    pool -= hires[i];
  }
}

}  // namespace

void hire_and_produce(World& world, const Scenario& s, const LabourMarket& market) {
  FirmTable& f = world.firms;
  const FirmParams& fp = s.firms;
  const std::size_t regions = world.regions.size();
  // Skilled jobs need skilled job seekers; anyone out of work can take an unskilled job.
  IdVector<RegionId, double> fill_s(regions), fill_u(regions);
  IdVector<RegionId, std::int64_t> pool(regions), pool_s(regions);
  for (const RegionId r : world.regions.ids()) {
    const RegionState& region = world.regions[r];
    const LabourMarket& m = market;
    const double employed =
        double(m.at(r, LabourMarket::employed_s) + m.at(r, LabourMarket::employed_u));
    // The region's residents hold its jobs residents_per_job each (net commuting).
    const double supply = region.labour_force / region.residents_per_job;
    const double skilled_supply = region.skilled_labour_force / region.skilled_residents_per_job;
    pool[r] = static_cast<std::int64_t>(std::floor(std::max(0.0, supply - employed)));
    pool_s[r] = std::min<std::int64_t>(
        pool[r], static_cast<std::int64_t>(std::floor(
                     std::max(0.0, skilled_supply - double(m.at(r, LabourMarket::employed_s))))));
    fill_s[r] = fill_ratio(m.at(r, LabourMarket::want_s), double(pool_s[r]), fp.hiring_match_rate,
                           fp.hiring_fill_max);
    const double expected_s = fill_s[r] * double(m.at(r, LabourMarket::want_s));
    fill_u[r] = fill_ratio(m.at(r, LabourMarket::want_u), double(pool[r]) - expected_s,
                           fp.hiring_match_rate, fp.hiring_fill_max);
  }

  IdVector<FirmId, std::int32_t>& hired_s = f.hired_skilled;
  IdVector<FirmId, std::int32_t>& hired_u = f.hired_unskilled;
  const Hires totals =
      deterministic_reduce(f.size(), Hires(regions), [&](Hires& acc, std::size_t k) {
        const FirmId i(k);
        hired_s[i] = hired_u[i] = 0;
        // The draws only round a fraction of a hire: a firm seeking no one (most, each month)
        // has none to round, and its stream's block is never computed (Philox runs at the
        // first draw).
        if (!f.alive[i] || f.skilled_wanted[i] + f.unskilled_wanted[i] == 0) return;
        Rng rng = rng_for(s, i, world.step, Stream::hiring);
        const RegionId r = f.region[i];
        hired_s[i] = round_randomly(f.skilled_wanted[i] * fill_s[r], rng);
        hired_u[i] = round_randomly(f.unskilled_wanted[i] * fill_u[r], rng);
        acc.skilled[r.index()] += hired_s[i];
        acc.all[r.index()] += hired_s[i] + hired_u[i];
      });
  for (const RegionId r : world.regions.ids()) {
    if (totals.skilled[r.index()] > pool_s[r]) clip_to_pool(f, hired_s, r, pool_s[r]);
    if (totals.all[r.index()] > pool[r]) {
      std::int64_t skilled = 0;
      for (const FirmId i : f.ids())
        if (f.alive[i] && f.region[i] == r) skilled += hired_s[i];
      clip_to_pool(f, hired_u, r, pool[r] - skilled);
    }
  }

  const double innovation_fade =
      std::pow(1.0 - s.projects.innovation_revenue_decay_per_year, 1.0 / 12.0);
  const double bad_debt_chance = 1.0 - std::exp(-fp.bad_debt_per_year / 12.0);
  const DemandFactors demand = demand_factors(world);  // nothing below moves demand
  // One pass: each firm's hires, production and cash, and its jobs added to its region's.
  const Hires jobs = deterministic_reduce(f.size(), Hires(regions), [&](Hires& acc, std::size_t k) {
    const FirmId i(k);
    if (!f.alive[i]) return;
    f.skilled_unfilled[i] = f.skilled_wanted[i] - hired_s[i];
    // A recruitment problem (NAV's measure): a hire sought this month and not found.
    const int hired = hired_s[i] + hired_u[i];
    const bool short_of_staff = f.skilled_wanted[i] + f.unskilled_wanted[i] > hired;
    f.months_since_unfilled[i] =
        short_of_staff ? 0
                       : static_cast<std::uint8_t>(std::min(255, f.months_since_unfilled[i] + 1));
    f.skilled[i] += hired_s[i];
    f.employees[i] += hired;
    acc.all[f.region[i].index()] += jobs_of(f, i);
    acc.skilled[f.region[i].index()] += f.skilled[i];
    // A wish to grow that found no one lapses little by little (growth postponed: NHO 2024, 43%
    // of firms short of skills); replacing those who left does not (nor does the fraction of a
    // worker below the next hire: either would pull every firm down).
    if (!f.is_public[i] && short_of_staff) {
      const double kept = f.employees[i] + std::max(0, f.separations[i] - hired);
      if (f.capacity[i] > kept)
        f.capacity[i] -= static_cast<float>(fp.vacancy_expiry_per_month * (f.capacity[i] - kept));
    }

    const Sector sector = f.sector[i];
    const RegionState& region = world.regions[f.region[i]];
    // What production, costs and the buffer read of the firm, gathered once: nothing they read
    // changes below.
    const FirmAtWork at = firm_at_work(world, s, i, demand);
    const double value = value_added(s.firms, at);
    const double wage = current_wage(world, i);
    // Products age: innovation revenue fades before this month's is earned.
    f.innovation_revenue_nok[i] *= innovation_fade;
    // The staff hired for new products earn their part within value added (sell_new_products).
    const double margin = (1.0 - s.projects.innovation_hiring_share) * f.innovation_revenue_nok[i];
    f.output_nok[i] = static_cast<float>(value + margin);
    f.emissions_t[i] = static_cast<float>(value / 1e6 * fp.emissions_t_per_mnok[sector] *
                                          f.emission_factor[i] * region.emission_trend);
    if (f.is_public[i]) return;  // paid from public budgets
    const double costs = monthly_costs(f.employees[i], wage, fixed_costs(s.firms, at),
                                       f.project_cost_nok_per_month[i]);
    f.cash_nok[i] += value + margin - costs;
    if (fp.bad_debt_per_year > 0) {
      // Now and then a customer pays late or never: sales already made are lost. A firm of n
      // people sells to about n times as many customers, so one customer's share of its sales
      // falls as 1/sqrt(n) (the loss is bad_debt_months of a one-person firm's sales).
      Rng rng = rng_for(s, i, world.step, Stream::bad_debts);
      if (uniform01(rng) < bad_debt_chance)
        f.cash_nok[i] += fp.bad_debt_months * value / std::sqrt(f.employees[i] + 1.0) *
                         std::log(1.0 - uniform01(rng));
    }
    // Cash above the buffer is paid out to the owners, a share each month.
    const double buffer = f.cash_buffer_months[i] * buffer_costs(world, s, i, at);
    if (f.cash_nok[i] > buffer) f.cash_nok[i] -= fp.payout_per_month * (f.cash_nok[i] - buffer);
    f.months_negative[i] =
        f.cash_nok[i] < 0 ? static_cast<std::uint8_t>(std::min(255, f.months_negative[i] + 1)) : 0;
  });
  for (const RegionId r : world.regions.ids()) {
    world.regions[r].jobs = double(jobs.all[r.index()]);
    world.regions[r].skilled_jobs = double(jobs.skilled[r.index()]);
  }
}

void settle_reference_unemployment(World& world) {
  for (RegionState& region : world.regions) {
    region.unemployment_at_start = unemployment_rate(region, region.jobs);
    region.skilled_unemployment_at_start = skilled_unemployment_rate(region, region.skilled_jobs);
  }
}

void run_economy(World& world, const Scenario& s) {
  update_markets(world, s);
  update_labour_supply(world, s);
  hire_and_produce(world, s, plan_employment(world, s));
  if (world.step == 0) settle_reference_unemployment(world);
}

}  // namespace ecosim
