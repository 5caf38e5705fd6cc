#include "run/simulation.hpp"

#include <chrono>

#include "engine/parallel.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

// Runs `body` and adds its wall time to `seconds`.
template <class Body>
void timed(double& seconds, Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), world_(build_world(scenario_)), observer_(scenario_) {}

Simulation::Simulation(Scenario scenario, World world, Observer observer, int steps_done)
    : scenario_(std::move(scenario)),
      world_(std::move(world)),
      observer_(std::move(observer)),
      steps_done_(steps_done) {}

Observation Simulation::step() {
  world_.step = steps_done_;
  for (std::size_t k = 0; k < kPhases.size(); ++k) {
    abandon_step_if_stop_requested();
    timed(phase_seconds_[k], [&] { kPhases[k].run(world_, scenario_); });
  }
  ++steps_done_;
  Observation o;
  timed(phase_seconds_.back(), [&] { o = observer_.observe(world_); });
  return o;
}

}  // namespace ecosim
