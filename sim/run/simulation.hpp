// A run: the frozen Scenario, the World it acts on, and the step that tells the model's story.
#pragma once

#include <array>
#include <string_view>

#include "indicators/indicators.hpp"
#include "phases/phases.hpp"
#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

struct Phase {
  std::string_view name;
  void (*run)(World&, const Scenario&);
};

// One month, in order (docs/MODEL.md §3). Observing the indicators follows as a last phase.
inline constexpr std::array kPhases = {
    Phase{"calendar", begin_step},    Phase{"economy", run_economy},
    Phase{"dialogue", hold_dialogue}, Phase{"partnerships", form_partnerships},
    Phase{"projects", run_projects},  Phase{"demography", update_demography},
};
inline constexpr std::string_view kObservePhase = "indicators";

// Wall-clock seconds spent in each phase (kPhases, then observing), summed over the steps done:
// for the benchmark; timing never changes results.
using PhaseSeconds = std::array<double, kPhases.size() + 1>;

class Simulation {
 public:
  explicit Simulation(Scenario scenario);
  // Continues a run from a checkpoint's state (io/checkpoint.hpp): after steps_done steps.
  Simulation(Scenario scenario, World world, Observer observer, int steps_done);

  // Simulates one month and returns its indicators. Throws StepAbandoned (engine/parallel.hpp)
  // on a stop request, leaving the world half-way through the month: not to be used further.
  Observation step();

  const Scenario& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  const Observer& observer() const { return observer_; }
  int steps_done() const { return steps_done_; }
  const PhaseSeconds& phase_seconds() const { return phase_seconds_; }
  // The name of each entry of phase_seconds().
  static std::string_view phase_name(std::size_t k) {
    return k < kPhases.size() ? kPhases[k].name : kObservePhase;
  }

 private:
  Scenario scenario_;
  World world_;
  Observer observer_;
  int steps_done_ = 0;
  PhaseSeconds phase_seconds_{};
};

}  // namespace ecosim
