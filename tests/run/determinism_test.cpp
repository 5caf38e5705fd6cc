// Same scenario + seed => bit-identical results at any thread count.
#include <gtest/gtest.h>

#include <cstring>

#include "engine/parallel.hpp"
#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "support/state_digest.hpp"

namespace ecosim {
namespace {

struct RunDigest {
  std::vector<Observation> observations;
  std::uint64_t state = 0;
};

RunDigest run(int threads, const std::vector<std::string>& overrides = {}) {
  ThreadLimit limit(threads);
  Simulation sim(testing::small_scenario(overrides));
  RunDigest d;
  for (int t = 0; t < sim.scenario().simulation.steps; ++t) d.observations.push_back(sim.step());
  d.state = testing::state_digest(sim.world());
  return d;
}

void expect_identical(const RunDigest& a, const RunDigest& b) {
  ASSERT_EQ(a.observations.size(), b.observations.size());
  for (std::size_t t = 0; t < a.observations.size(); ++t) {
    // Bitwise: memcmp distinguishes what == would forgive (e.g. -0.0 and 0.0).
    const auto& x = a.observations[t].values;
    const auto& y = b.observations[t].values;
    ASSERT_EQ(x.size(), y.size());
    ASSERT_EQ(0, std::memcmp(x.data(), y.data(), x.size() * sizeof(double))) << "step " << t;
    ASSERT_EQ(a.observations[t].breakdowns, b.observations[t].breakdowns);
  }
  EXPECT_EQ(a.state, b.state);
}

TEST(Determinism, IdenticalAtOneTwoAndFourThreads) {
  const RunDigest one = run(1);
  expect_identical(one, run(2));
  expect_identical(one, run(4));
}

TEST(Determinism, IdenticalWhenRunAgain) { expect_identical(run(2), run(2)); }

TEST(Determinism, AnotherSeedGivesAnotherRun) {
  EXPECT_NE(run(2).state, run(2, {"simulation.seed=8"}).state);
}

}  // namespace
}  // namespace ecosim
