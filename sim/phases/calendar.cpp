// The calendar at the start of a step (ODD: submodel "calendar").
#include "phases/phases.hpp"

namespace ecosim {

void begin_step(World& world, const Scenario& s) {
  for (RegionState& region : world.regions) region.flows = {};
  if (world.step % 12 == 0) {
    // Budgets per inhabitant: inhabitants grow as the working-age population does.
    for (Municipality& m : world.municipalities) {
      const RegionParams& p = s.regions[m.region];
      const double growth =
          world.regions[m.region].working_age / (p.population * p.working_age_share);
      m.budget_left_nok = s.municipality.budget_per_capita * m.population * growth;
    }
    world.agency.budget_left_nok = s.public_agency.budget_per_year;
    for (Municipality& m : world.municipalities) m.partnerships_this_year = 0;
    // Investors: this year's capital, with what capital projects mobilised last year; their
    // appetite returns toward its base.
    const double fade = s.investors.appetite_decay_per_year;
    for (PrivateInvestor& investor : world.investors) {
      investor.capital_left_nok = s.investors.capital_nok_per_year + investor.mobilised_nok;
      investor.mobilised_nok = 0;
      investor.risk_tolerance += fade * (s.investors.risk_tolerance - investor.risk_tolerance);
    }
  }
}

}  // namespace ecosim
