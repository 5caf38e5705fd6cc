#include "run/simulation.hpp"

#include <gtest/gtest.h>

#include <set>

#include "engine/parallel.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(Simulation, PhasesHaveOneNameEachInStepOrder) {
  std::set<std::string_view> names;
  for (std::size_t k = 0; k < PhaseSeconds{}.size(); ++k) names.insert(Simulation::phase_name(k));
  EXPECT_EQ(names.size(), kPhases.size() + 1);
  EXPECT_EQ(Simulation::phase_name(0), "calendar");
  EXPECT_EQ(Simulation::phase_name(kPhases.size()), "indicators");
}

TEST(Simulation, EachStepIsAMonthAndEveryPhaseTakesTime) {
  Simulation sim(testing::small_scenario());
  const Observation first = sim.step();
  const Observation second = sim.step();
  EXPECT_EQ(first.step, 0);
  EXPECT_EQ(second.step, 1);
  EXPECT_EQ(sim.steps_done(), 2);
  for (std::size_t k = 0; k < sim.phase_seconds().size(); ++k)
    EXPECT_GT(sim.phase_seconds()[k], 0.0) << Simulation::phase_name(k);  // timed, not skipped
  EXPECT_EQ(first.values.size(), 2 * kIndicators.size());
}

TEST(Simulation, AStopRequestAbandonsTheStep) {
  struct Cleared {  // the request is process-wide
    ~Cleared() { stop_requested = false; }
  } cleared;
  Simulation sim(testing::small_scenario());
  sim.step();
  stop_requested = true;
  EXPECT_THROW(sim.step(), StepAbandoned);
  EXPECT_EQ(sim.steps_done(), 1);  // the abandoned step never counted
}

}  // namespace
}  // namespace ecosim
