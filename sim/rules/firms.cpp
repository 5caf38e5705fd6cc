#include "rules/firms.hpp"

#include <algorithm>
#include <cmath>

namespace ecosim {

double wage_for(const Scenario& s, Sector sector, double productivity) {
  return s.firms.wage_nok_per_month[sector] *
         std::pow(productivity, s.firms.wage_productivity_elasticity);
}

double value_added(const FirmParams& fp, const FirmAtWork& f) {
  const double per_worker = value_added_per_worker(fp, f.sector) * f.productivity_trend;
  if (f.is_public) return f.employees * per_worker;
  const double demand = f.demand_trend * f.demand;
  const double infrastructure =
      1.0 + fp.infrastructure_productivity_gain * (f.infrastructure - 0.5);
  return persons_sold(f.employees, f.capacity) * per_worker * f.productivity * demand *
         infrastructure * (1.0 + fp.knowledge_productivity_gain * f.knowledge);
}

double fixed_costs(const FirmParams& fp, const FirmAtWork& f) {
  if (f.is_public) return 0.0;
  return fp.fixed_cost_share * (f.employees + 1.0) * value_added_per_worker(fp, f.sector) *
         f.productivity * f.productivity_trend * f.demand_trend;
}

double growth_sigma(const FirmParams& fp, double size) {
  return fp.growth_sigma_per_month * std::pow(std::max(1.0, size), -fp.growth_size_exponent);
}

double draw_growth_variance(double sigma, Rng& rng) {
  return -12.0 * sigma * sigma * std::log(1.0 - uniform01(rng));
}

double exit_hazard_per_year(const FirmParams& p, double age_years, int employees) {
  return exit_hazard(p, std::pow(employees + 1.0, -p.exit_size_exponent),
                     std::exp(-age_years / p.exit_young_years));
}

SmallTable::SmallTable(int size, std::function<double(int)> f) : f_(std::move(f)) {
  values_.reserve(static_cast<std::size_t>(std::max(size, 0)));
  for (int n = 0; n < size; ++n) values_.push_back(f_(n));
}

ExitHazards::ExitHazards(const FirmParams& p)
    : p_(p),
      size_factor_(1024, [x = p.exit_size_exponent](
                             int employees) { return std::pow(employees + 1.0, -x); }),
      age_factor_(1200, [young = p.exit_young_years](int months) {
        return std::exp(-(months / 12.0) / young);
      }) {}

}  // namespace ecosim
