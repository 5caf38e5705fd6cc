// The rules of a firm's economy (docs/MODEL.md §7.2 Economy, §7.9 Demography): its production,
// costs and wage, the skilled share of its jobs, its yearly growth variance and its exit hazard.
// Pure functions of the scenario and of the values they are given; world/world.hpp gathers
// those of a firm and its region, for initialisation (world/build.cpp) and the phases alike.
#pragma once

#include <algorithm>
#include <cmath>

#include "engine/rng.hpp"
#include "scenario/scenario.hpp"
#include "scenario/vocabulary.hpp"

namespace ecosim {

// Monthly wage cost of one employee of a firm of this sector and productivity: the sector's
// wage, higher in more productive firms (so margins differ less than productivity does).
double wage_for(const Scenario& s, Sector sector, double productivity);

// Value added per worker of a sector (wage cost / labour share), before productivity, demand,
// infrastructure and knowledge.
inline double value_added_per_worker(const FirmParams& p, Sector sector) {
  return p.wage_nok_per_month[sector] / p.labour_share[sector];
}

// What production reads of a firm and of its region this month.
struct FirmAtWork {
  Sector sector{};
  bool is_public = false;
  int employees = 0;
  float capacity = 0;      // employment it wants; below zero, demand fell short of the owner
  float productivity = 1;  // on its sector's value added per worker
  double knowledge = 0;    // its mean capability over themes
  double log_demand = 0;   // the region's deviation and lasting gains of the sector's demand
  double demand_trend = 1, productivity_trend = 1;
  double infrastructure = 0.5;  // the region's, in [0, 1]
};

// The persons whose work a private firm sells: its employees and its owner, the owner only as
// far as demand reaches (a firm without employees whose demand fell below one person's has
// capacity < 0 and sells that much less).
inline double persons_sold(int employees, float capacity) {
  return employees + 1.0 + std::min(0.0f, capacity);
}

// A firm's value added this month: its workers (employees and the owner; public ones:
// employees) times its sector's value added per worker, its productivity, the region's demand
// for its sector, infrastructure and knowledge (public: none of these three), and the
// productivity trend.
double value_added(const FirmParams& fp, const FirmAtWork& f);

// A private firm's monthly costs that do not follow demand (premises, equipment, interest):
// fixed_cost_share of what its people (owner included) produce at trend demand; 0 for a public
// establishment.
double fixed_costs(const FirmParams& fp, const FirmAtWork& f);

// The monthly wage per employee now: its wage at the start's level moved by the region's wage
// curve and productivity trend.
inline double current_wage(float wage_nok, double wage_index, double productivity_trend) {
  return double(wage_nok) * wage_index * productivity_trend;
}

// Monthly costs of `paid` employees at `wage`, fixed costs and project instalments: what a firm
// pays (its employees), and what its cash buffer and runway count in (at least one wage).
inline double monthly_costs(int paid, double wage, double fixed, double projects) {
  return paid * wage + fixed + projects;
}

// The share of a firm's jobs that need skilled workers: its sector's, scaled so that the
// region's skilled jobs match its human capital.
inline double skilled_need(const FirmParams& fp, Sector sector, double skill_scale) {
  return std::min(1.0, fp.skilled_share[sector] * skill_scale);
}
// Of `employees`, how many a firm wants skilled: `need` of them rounded by the firm's own
// offset in [0, 1), so that small firms do not all round the same way and drift the mix.
inline int skilled_jobs_wanted(int employees, double need, float rounding) {
  return std::min(employees, static_cast<int>(std::floor(employees * need + rounding)));
}

// This year's variance of a firm's yearly log growth: exponential around
// 12 (growth_sigma_per_month size^-growth_size_exponent)^2, so yearly growth is Laplace.
double draw_growth_variance(const FirmParams& fp, double size, Rng& rng);

// Yearly exit hazard of a private firm of this age and size: an old firm's hazard, lower for
// larger firms, times 1 + exit_young_excess fading with age over exit_young_years.
double exit_hazard_per_year(const FirmParams& p, double age_years, int employees);

}  // namespace ecosim
