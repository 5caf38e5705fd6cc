#include "world/firms.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "world/actor.hpp"

namespace ecosim {

void FirmTable::resize(std::size_t n) {
  // Ties and parties refer to a firm by a 29-bit index; the scenario check (kMaxTotalFirms)
  // leaves room for entrants, so this is reached only by a region growing its firms fivefold.
  if (n > ActorRef::kIndexMask)
    throw std::runtime_error("the firm table outgrew the 29-bit firm index (" +
                             std::to_string(ActorRef::kIndexMask) +
                             " rows): start with fewer firms");
  // Entrants arrive every month: grow capacity by an eighth at a time, not by doubling, so a
  // million-firm table does not briefly hold twice its size (peak memory is a target).
  const std::size_t room = n > alive.capacity() ? n + n / 8 : alive.capacity();
  for_each_column([n, room](const char*, auto& column) {
    column.reserve(room);
    column.resize(n);
  });
}

double wage_for(const Scenario& s, Sector sector, double productivity) {
  return s.firms.wage_nok_per_month[sector] *
         std::pow(productivity, s.firms.wage_productivity_elasticity);
}

double exit_hazard_per_year(const FirmParams& p, double age_years, int employees) {
  return p.exit_hazard_per_year * std::pow(employees + 1.0, -p.exit_size_exponent) *
         (1.0 + p.exit_young_excess * std::exp(-age_years / p.exit_young_years));
}

}  // namespace ecosim
