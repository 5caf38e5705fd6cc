// The rules of a firm's economy that need no state of the world (docs/MODEL.md §7.2 Economy,
// §7.9 Demography): its wage, its sector's value added per worker, its yearly growth variance
// and its exit hazard. Pure functions of the scenario, used by initialisation (world/build.cpp)
// and by the economy and demography phases.
#pragma once

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

// This year's variance of a firm's yearly log growth: exponential around
// 12 (growth_sigma_per_month size^-growth_size_exponent)^2, so yearly growth is Laplace.
double draw_growth_variance(const FirmParams& fp, double size, Rng& rng);

// Yearly exit hazard of a private firm of this age and size: an old firm's hazard, lower for
// larger firms, times 1 + exit_young_excess fading with age over exit_young_years.
double exit_hazard_per_year(const FirmParams& p, double age_years, int employees);

}  // namespace ecosim
