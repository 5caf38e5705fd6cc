#include "rules/firms.hpp"

#include <algorithm>
#include <cmath>

namespace ecosim {

double wage_for(const Scenario& s, Sector sector, double productivity) {
  return s.firms.wage_nok_per_month[sector] *
         std::pow(productivity, s.firms.wage_productivity_elasticity);
}

double draw_growth_variance(const FirmParams& fp, double size, Rng& rng) {
  const double sigma =
      fp.growth_sigma_per_month * std::pow(std::max(1.0, size), -fp.growth_size_exponent);
  return -12.0 * sigma * sigma * std::log(1.0 - uniform01(rng));
}

double exit_hazard_per_year(const FirmParams& p, double age_years, int employees) {
  return p.exit_hazard_per_year * std::pow(employees + 1.0, -p.exit_size_exponent) *
         (1.0 + p.exit_young_excess * std::exp(-age_years / p.exit_young_years));
}

}  // namespace ecosim
