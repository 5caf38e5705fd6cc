// The calendar at the start of a step (ODD: submodel "calendar").
#include "phases/phases.hpp"

namespace ecosim {

void begin_step(World& world, const Scenario& s) {
  for (RegionState& region : world.regions) region.flows = {};
  world.trust.start_month(world.step);
  // Funders release a twelfth of their yearly budget each month (calls and decisions run through
  // the year); what is unspent carries over to the end of the year, when it lapses.
  const bool january = world.step % 12 == 0;
  auto release = [january](double& left, double per_year) {
    left = (january ? 0.0 : left) + per_year / 12.0;
  };
  for (Municipality& m : world.municipalities) {
    // Budgets per inhabitant: inhabitants grow as the working-age population does.
    const RegionParams& p = s.regions[m.region];
    const double growth =
        world.regions[m.region].working_age / (p.population * p.working_age_share);
    release(m.budget_left_nok, s.municipality.budget_per_capita * m.population * growth);
    if (january) m.partnerships_this_year = 0;
  }
  release(world.agency.budget_left_nok, s.public_agency.budget_per_year);
  // Investors: this year's capital, with what capital projects mobilised last year; their
  // appetite returns toward its base.
  for (PrivateInvestor& investor : world.investors) {
    if (january) {
      investor.mobilised_last_year_nok = investor.mobilised_nok;
      investor.mobilised_nok = 0;
    }
    release(investor.capital_left_nok,
            s.investors.capital_nok_per_year + investor.mobilised_last_year_nok);
    if (!january) continue;
    investor.risk_tolerance += s.investors.appetite_decay_per_year *
                               (s.investors.risk_tolerance - investor.risk_tolerance);
  }
}

}  // namespace ecosim
