#include "model/simulation.hpp"

#include "model/phases.hpp"

namespace ecosim {

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), world_(build_world(scenario_)), observer_(scenario_.trust.ladder) {}

Observation Simulation::step() {
  world_.step = steps_done_;
  begin_step(world_, scenario_);
  run_economy(world_, scenario_);
  hold_dialogue(world_, scenario_);
  form_partnerships(world_, scenario_);
  run_projects(world_, scenario_);
  update_demography(world_, scenario_);
  ++steps_done_;
  return observer_.observe(world_);
}

}  // namespace ecosim
