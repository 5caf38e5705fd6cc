// A run: the frozen Scenario, the World it acts on, and the step that tells the model's story.
#pragma once

#include <array>
#include <string_view>

#include "indicators/indicators.hpp"
#include "world/world.hpp"
#include "scenario/scenario.hpp"

namespace ecosim {

// Wall-clock seconds spent in each phase of the step, summed over the steps done (for the
// benchmark; timing never changes results).
enum class Phase : std::size_t { calendar, economy, dialogue, partnerships, projects, demography, indicators, count };
inline constexpr std::size_t kPhases = static_cast<std::size_t>(Phase::count);
inline constexpr std::array<std::string_view, kPhases> kPhaseNames = {
    "calendar", "economy", "dialogue", "partnerships", "projects", "demography", "indicators"};
using PhaseSeconds = std::array<double, kPhases>;

class Simulation {
 public:
  explicit Simulation(Scenario scenario);

  // Simulates one month and returns its indicators.
  Observation step();

  const Scenario& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  int steps_done() const { return steps_done_; }
  const PhaseSeconds& phase_seconds() const { return phase_seconds_; }

 private:
  Scenario scenario_;
  World world_;
  Observer observer_;
  int steps_done_ = 0;
  PhaseSeconds phase_seconds_{};
};

}  // namespace ecosim
