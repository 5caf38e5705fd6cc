#include "support/runs.hpp"

#include <algorithm>

#include "support/small_world.hpp"

namespace ecosim::testing {

Simulation run_where_rules_decide(Overrides overrides, int seed, int steps) {
  overrides.insert(overrides.begin(), {"policy.municipality.budget_per_capita=3000",
                                       "simulation.seed=" + std::to_string(seed),
                                       "simulation.steps=" + std::to_string(steps)});
  Simulation sim(small_scenario(overrides));
  for (int t = 0; t < steps; ++t) sim.step();
  return sim;
}

ProjectTotals totals(const World& w) {
  ProjectTotals t;
  for (const Project& p : w.projects) {
    if (!p.started()) continue;
    t.started += 1;
    t.municipal += p.municipal_nok;
    t.agency += p.agency_nok;
    t.public_money += p.public_nok();
    t.private_money += p.private_cash_nok();
    t.leaked += p.leaked_nok;
    t.cross_region += p.cross_region;
    t.success_probability += p.success_probability;
    if (p.status == ProjectStatus::completed || p.status == ProjectStatus::failed ||
        p.status == ProjectStatus::continued) {
      t.ended += 1;
      t.succeeded += p.succeeded;
    }
  }
  return t;
}

double over_seeds(const Overrides& overrides,
                  const std::function<double(const Simulation&)>& stat) {
  double sum = 0;
  for (int seed = 1; seed <= 5; ++seed) sum += stat(run_where_rules_decide(overrides, seed));
  return sum / 5;
}

double mean_success(const Simulation& sim) {
  const ProjectTotals t = totals(sim.world());
  return t.success_probability / std::max(1.0, t.started);
}

}  // namespace ecosim::testing
