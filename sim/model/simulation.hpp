// A run: the frozen Scenario, the World it acts on, and the step that tells the model's story.
#pragma once

#include "model/indicators.hpp"
#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace ecosim {

class Simulation {
 public:
  explicit Simulation(Scenario scenario);

  // Simulates one month and returns its indicators.
  Observation step();

  const Scenario& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  int steps_done() const { return steps_done_; }

 private:
  Scenario scenario_;
  World world_;
  Observer observer_;
  int steps_done_ = 0;
};

}  // namespace ecosim
