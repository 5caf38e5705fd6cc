#include "run/simulation.hpp"

#include <chrono>

#include "phases/phases.hpp"

namespace ecosim {
namespace {

// Runs one phase and adds its wall time to its slot.
template <class Body>
void timed(PhaseSeconds& seconds, Phase phase, Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  seconds[static_cast<std::size_t>(phase)] +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), world_(build_world(scenario_)), observer_(scenario_.trust.ladder) {}

Observation Simulation::step() {
  World& w = world_;
  const Scenario& s = scenario_;
  PhaseSeconds& t = phase_seconds_;
  w.step = steps_done_;
  timed(t, Phase::calendar, [&] { begin_step(w, s); });
  timed(t, Phase::economy, [&] { run_economy(w, s); });
  timed(t, Phase::dialogue, [&] { hold_dialogue(w, s); });
  timed(t, Phase::partnerships, [&] { form_partnerships(w, s); });
  timed(t, Phase::projects, [&] { run_projects(w, s); });
  timed(t, Phase::demography, [&] { update_demography(w, s); });
  ++steps_done_;
  Observation o;
  timed(t, Phase::indicators, [&] { o = observer_.observe(w); });
  return o;
}

}  // namespace ecosim
