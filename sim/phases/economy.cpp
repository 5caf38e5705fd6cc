// Phase 1, Economy (ODD: Details, submodel "economy").
#include "phases/economy.hpp"

#include <algorithm>
#include <boost/random/laplace_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "phases/phases.hpp"
#include "world/random.hpp"

namespace ecosim {

double monthly(double per_year) { return std::pow(1.0 + per_year, 1.0 / 12.0); }

void update_markets(World& world, const Scenario& s) {
  const MarketParams& m = s.market;
  for (const RegionId r : world.regions.ids()) {
    RegionState& region = world.regions[r];
    for (const Sector k : kAllSectors) {
      Rng rng = rng_for(s, r, k, world.step, Stream::sector_demand);
      boost::random::normal_distribution<double> shock(0.0, m.demand_volatility);
      const double before = region.log_demand[k];
      region.log_demand[k] = m.demand_persistence * before + shock(rng);
      region.demand_change[k] = region.log_demand[k] - before + region.level_change[k];
      region.level_change[k] = 0;
    }
    region.demand_trend *= monthly(m.demand_growth_per_year);
  }
}

void update_labour_supply(World& world, const Scenario& s) {
  for (const RegionId r : world.regions.ids()) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions[r];
    region.population *= monthly(p.population_growth_per_year);
    region.labour_force = region.population * p.labour_force_share;
    const double graduates = s.universities.graduates_per_year / 12.0 * p.universities;
    const double leaving = region.skilled_labour_force * s.market.skilled_attrition_per_year / 12.0;
    region.skilled_labour_force =
        std::clamp(region.skilled_labour_force + graduates - leaving, 0.0, region.labour_force);
  }
}

void plan_employment(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const FirmParams& fp = s.firms;
  const double trend_per_month = std::log(monthly(s.market.demand_growth_per_year));
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    f.skilled_wanted[i] = f.skilled_unfilled[i] = f.unskilled_wanted[i] = 0;
    if (!f.alive[i]) return;
    Rng rng = rng_for(s, i, world.step, Stream::firm_growth);
    const Sector sector = f.sector[i];
    const double size = f.capacity[i] + 1.0;
    double drift = world.regions[f.region[i]].demand_change[sector] + trend_per_month;
    if (f.cash_nok[i] < 0) drift -= fp.loss_shrink_per_month;
    const double sigma = fp.growth_sigma_per_month * std::pow(size, -fp.growth_size_exponent);
    // Laplace shock with standard deviation sigma, centred so that E[exp(shock)] = exp(drift).
    const double scale = std::min(std::max(sigma, 1e-12) / std::sqrt(2.0), 0.5);
    boost::random::laplace_distribution<double> shock(drift + std::log(1.0 - scale * scale), scale);
    // Capacity may fall below zero (a one-person firm drifting further from hiring): cutting
    // it at zero would turn every unlucky draw of the many one-person firms into upward drift.
    const double capacity = std::clamp(size * std::exp(shock(rng)) - 1.0, -0.9, 1e7);
    f.capacity[i] = static_cast<float>(capacity);

    const int target = static_cast<int>(std::lround(std::max(0.0, capacity)));
    if (target < f.employees[i]) {
      f.skilled[i] = static_cast<int>(std::lround(f.skilled[i] * double(target) / f.employees[i]));
      f.employees[i] = target;
    }
    const int hires = target - f.employees[i];
    const int skilled_target = static_cast<int>(std::lround(target * fp.skilled_share[sector]));
    f.skilled_wanted[i] = std::clamp(skilled_target - f.skilled[i], 0, hires);
    f.unskilled_wanted[i] = hires - f.skilled_wanted[i];
  });
}

double fill_ratio(std::int64_t wanted, double seekers, double match_rate) {
  if (wanted <= 0) return 0.0;
  return std::clamp(match_rate * std::max(0.0, seekers) / static_cast<double>(wanted), 0.0, 1.0);
}

namespace {

// Per region: who wants to hire, and who is already employed.
struct LabourMarket {
  enum : std::size_t { want_s, want_u, employed_s, employed_u, n };
  std::vector<std::int64_t> cells;  // [region][counter]
  explicit LabourMarket(std::size_t regions) : cells(regions * n, 0) {}
  std::int64_t& at(RegionId r, std::size_t k) { return cells[r.index() * n + k]; }
  std::int64_t at(RegionId r, std::size_t k) const { return cells[r.index() * n + k]; }
  void merge(const LabourMarket& o) {
    for (std::size_t j = 0; j < cells.size(); ++j) cells[j] += o.cells[j];
  }
};

// Per region: skilled hires, and all hires.
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

void hire_and_produce(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const FirmParams& fp = s.firms;
  const std::size_t regions = world.regions.size();
  const LabourMarket market =
      deterministic_reduce(f.size(), LabourMarket(regions), [&](LabourMarket& acc, std::size_t k) {
        const FirmId i(k);
        if (!f.alive[i]) return;
        const RegionId r = f.region[i];
        acc.at(r, LabourMarket::want_s) += f.skilled_wanted[i];
        acc.at(r, LabourMarket::want_u) += f.unskilled_wanted[i];
        acc.at(r, LabourMarket::employed_s) += f.skilled[i];
        acc.at(r, LabourMarket::employed_u) += f.employees[i] - f.skilled[i];
      });
  // Skilled jobs need skilled job seekers; anyone out of work can take an unskilled job.
  IdVector<RegionId, double> fill_s(regions), fill_u(regions);
  IdVector<RegionId, std::int64_t> pool(regions), pool_s(regions);
  for (const RegionId r : world.regions.ids()) {
    const RegionState& region = world.regions[r];
    const LabourMarket& m = market;
    const double employed =
        double(m.at(r, LabourMarket::employed_s) + m.at(r, LabourMarket::employed_u));
    pool[r] = static_cast<std::int64_t>(std::floor(std::max(0.0, region.labour_force - employed)));
    pool_s[r] = std::min<std::int64_t>(
        pool[r],
        static_cast<std::int64_t>(std::floor(std::max(
            0.0, region.skilled_labour_force - double(m.at(r, LabourMarket::employed_s))))));
    fill_s[r] = fill_ratio(m.at(r, LabourMarket::want_s), double(pool_s[r]), fp.hiring_match_rate);
    const double expected_s = fill_s[r] * double(m.at(r, LabourMarket::want_s));
    fill_u[r] = fill_ratio(m.at(r, LabourMarket::want_u), double(pool[r]) - expected_s,
                           fp.hiring_match_rate);
  }

  IdVector<FirmId, std::int32_t>& hired_s = f.hired_skilled;
  IdVector<FirmId, std::int32_t>& hired_u = f.hired_unskilled;
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    hired_s[i] = hired_u[i] = 0;
    if (!f.alive[i]) return;
    Rng rng = rng_for(s, i, world.step, Stream::hiring);
    const RegionId r = f.region[i];
    auto round_randomly = [&](double x) {
      const double whole = std::floor(x);
      return static_cast<int>(whole) + (uniform01(rng) < x - whole ? 1 : 0);
    };
    hired_s[i] = round_randomly(f.skilled_wanted[i] * fill_s[r]);
    hired_u[i] = round_randomly(f.unskilled_wanted[i] * fill_u[r]);
  });
  const Hires totals =
      deterministic_reduce(f.size(), Hires(regions), [&](Hires& acc, std::size_t k) {
        const FirmId i(k);
        if (!f.alive[i]) return;
        acc.skilled[f.region[i].index()] += hired_s[i];
        acc.all[f.region[i].index()] += hired_s[i] + hired_u[i];
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
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    if (!f.alive[i]) return;
    const RegionId r = f.region[i];
    f.skilled_unfilled[i] = f.skilled_wanted[i] - hired_s[i];
    f.skilled[i] += hired_s[i];
    f.employees[i] += hired_s[i] + hired_u[i];

    const Sector sector = f.sector[i];
    const RegionState& region = world.regions[r];
    const double demand =
        region.demand_trend * std::exp(region.log_demand[sector] + region.demand_level[sector]);
    const double infrastructure =
        1.0 + fp.infrastructure_productivity_gain * (s.regions[r].infrastructure - 0.5);
    const double output = (f.employees[i] + 1.0) * fp.output_nok_per_worker_month[sector] *
                          f.productivity[i] * demand * infrastructure *
                          (1.0 + fp.knowledge_productivity_gain * mean_of(f.knowledge[i]));
    // Products age: innovation revenue fades before this month's is earned.
    f.innovation_revenue_nok[i] *= innovation_fade;
    const double costs = fp.input_cost_share * output + f.employees[i] * double(f.wage_nok[i]) +
                         f.project_cash_nok_per_month[i];
    f.cash_nok[i] += output + f.innovation_revenue_nok[i] - costs;
    f.months_negative[i] =
        f.cash_nok[i] < 0 ? static_cast<std::uint8_t>(std::min(255, f.months_negative[i] + 1)) : 0;
    f.output_nok[i] = static_cast<float>(output + f.innovation_revenue_nok[i]);
    f.emissions_t[i] =
        static_cast<float>(output / 1e6 * fp.emissions_t_per_mnok[sector] * f.emission_factor[i]);
  });
}

void run_economy(World& world, const Scenario& s) {
  update_markets(world, s);
  update_labour_supply(world, s);
  plan_employment(world, s);
  hire_and_produce(world, s);
}

}  // namespace ecosim
