// The calendar at the start of a step (ODD: submodel "calendar").
#include "phases/phases.hpp"

namespace ecosim {

void begin_step(World& world, const Scenario& s) {
  for (RegionState& region : world.regions) region.flows = {};
  if (world.step % 12 == 0) {
    for (Municipality& m : world.municipalities)
      m.budget_left_nok = s.municipality.budget_per_capita * m.population *
                          world.regions[m.region].population / s.regions[m.region].population;
    world.agency.budget_left_nok = s.public_agency.budget_per_year;
  }
}

}  // namespace ecosim
