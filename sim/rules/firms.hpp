// The rules of a firm's economy (docs/MODEL.md §7.2 Economy, §7.9 Demography): its production,
// costs and wage, the skilled share of its jobs, its yearly growth variance and its exit hazard.
// Pure functions of the scenario and of the values they are given; world/world.hpp gathers
// those of a firm and its region, for initialisation (world/build.cpp) and the phases alike.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

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
  double demand =
      1;  // the sector's demand in the region on its trend: exp(deviation + lasting gains)
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

// The monthly growth sigma of a firm of `size`: growth_sigma_per_month size^-growth_size_exponent.
double growth_sigma(const FirmParams& fp, double size);
// This year's variance of a firm's yearly log growth: exponential around 12 sigma^2 (sigma
// from growth_sigma), so yearly growth is Laplace.
double draw_growth_variance(double sigma, Rng& rng);

// A table of f(n) for n in [0, size), made once where f of the same n is asked for again and
// again (a size's meeting weight or hazard): the same numbers, without a pow or an exp per
// firm and month; f(n) beyond the table is computed.
class SmallTable {
 public:
  SmallTable(int size, std::function<double(int)> f);
  double operator()(int n) const {
    return n >= 0 && n < static_cast<int>(values_.size()) ? values_[static_cast<std::size_t>(n)]
                                                          : f_(n);
  }

 private:
  std::function<double(int)> f_;
  std::vector<double> values_;
};

// Yearly exit hazard of a private firm from its two factors: an old firm's hazard, times
// size_factor = (employees + 1)^-exit_size_exponent, times 1 + exit_young_excess x age_factor,
// age_factor = exp(-age_years / exit_young_years) fading with age.
inline double exit_hazard(const FirmParams& p, double size_factor, double age_factor) {
  return p.exit_hazard_per_year * size_factor * (1.0 + p.exit_young_excess * age_factor);
}
double exit_hazard_per_year(const FirmParams& p, double age_years, int employees);

// exit_hazard_per_year of every firm of a month, by age in whole months: the factors looked up.
class ExitHazards {
 public:
  explicit ExitHazards(const FirmParams& p);
  double per_year(int age_months, int employees) const {
    return exit_hazard(p_, size_factor_(employees), age_factor_(age_months));
  }

 private:
  const FirmParams& p_;
  SmallTable size_factor_, age_factor_;  // sizes up to 1023 employees; ages up to 100 years
};

}  // namespace ecosim
