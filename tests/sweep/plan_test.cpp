// The runs of a sweep (sweep/plan.cpp): designs laid out as the analysis expects them, seeds,
// overrides, and the check of every point before the first run.
#include "sweep/plan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "scenario/load.hpp"

namespace ecosim {
namespace {

SweepPlan plan_of(const std::string& text) {
  return make_plan(load_sweep_text(text, "/tmp/plan_sweep.toml"));
}

const std::string kTwoRanges = R"(
[[parameter]]
key = "region.0.generalised_trust"
lower = 0.4
upper = 0.8

[[parameter]]
key = "trust.gain_dialogue"
lower = 0.01
upper = 0.04
scale = "log"
)";

TEST(SweepPlan, GridCrossesEveryValueLastParameterFastestWithReplicates) {
  const SweepPlan plan = plan_of(R"(
[sweep]
replicates = 2
seed = 10
[[parameter]]
key = "policy.municipality.min_external_share"
values = [0.0, 0.3, 0.5]
[[parameter]]
key = "region.0.generalised_trust"
lower = 0.4
upper = 0.8
levels = 2
)");
  EXPECT_EQ(plan.points, 6);
  ASSERT_EQ(plan.runs.size(), 12u);
  EXPECT_EQ(plan.runs[2].values[0].number, 0.0);
  EXPECT_EQ(plan.runs[2].values[1].number, 0.8) << "point 1: the last parameter moved first";
  EXPECT_EQ(plan.runs[4].values[0].number, 0.3);
  for (const PlannedRun& r : plan.runs) {
    EXPECT_EQ(r.point, r.run / 2);
    EXPECT_EQ(r.replicate, r.run % 2);
    EXPECT_EQ(r.seed, 10 + r.replicate) << "common random numbers: replicate r, same seed";
    EXPECT_EQ(r.block, r.point);
    EXPECT_EQ(r.position, 0);
  }
  EXPECT_EQ(plan.runs[5].file, "runs/run_000005.h5");
}

// A sweep of more than kRunsPerFolder runs puts its files in folders of that many (a folder of
// 10^5 files is slow to list); smaller sweeps keep one folder.
TEST(SweepPlan, LargeSweepsFanTheirRunFilesOutIntoFoldersOfAThousand) {
  EXPECT_EQ(run_file_name(999, 1000), "runs/run_000999.h5");
  EXPECT_EQ(run_file_name(0, 1001), "runs/000/run_000000.h5");
  EXPECT_EQ(run_file_name(999, 1001), "runs/000/run_000999.h5");
  EXPECT_EQ(run_file_name(1000, 1001), "runs/001/run_001000.h5");
  EXPECT_EQ(run_file_name(123456, 200000), "runs/123/run_123456.h5");
  const SweepPlan plan = plan_of(R"(
[sweep]
design = "random"
samples = 1001
[[parameter]]
key = "region.0.generalised_trust"
lower = 0.4
upper = 0.8
)");
  ASSERT_EQ(plan.runs.size(), 1001u);
  for (const PlannedRun& r : plan.runs) EXPECT_EQ(r.file, run_file_name(r.run, 1001));
  EXPECT_EQ(plan.runs.back().file, "runs/001/run_001000.h5");
}

// A log grid's ends are its bounds, not exp(log(bound)): 0.3..3.0 once asked for
// 3.0000000000000004, which the key's range (at most 3) refused, and 0.01..0.1 stored
// 0.010000000000000004. Values between stay inside the range.
TEST(SweepPlan, GridAndRangeEndsAreTheGivenBoundsExactly) {
  const SweepPlan plan = plan_of(R"(
[sweep]
design = "grid"
[[parameter]]
key = "firms.productivity_log_sd"
lower = 0.3
upper = 3.0
scale = "log"
levels = 4
[[parameter]]
key = "trust.gain_dialogue"
lower = 0.01
upper = 0.1
scale = "log"
levels = 3
)");
  ASSERT_EQ(plan.points, 12);
  std::set<double> first, second;
  for (const PlannedRun& r : plan.runs)
    first.insert(r.values[0].number), second.insert(r.values[1].number);
  EXPECT_EQ(*first.begin(), 0.3);
  EXPECT_EQ(*first.rbegin(), 3.0);
  EXPECT_EQ(*second.begin(), 0.01);
  EXPECT_EQ(*second.rbegin(), 0.1);
  EXPECT_EQ(plan.runs[0].values[1].column_text(false), "0.01") << "stored as written";
  for (const double x : first) EXPECT_TRUE(x >= 0.3 && x <= 3.0) << x;
  EXPECT_NEAR(*std::next(first.begin()), 0.3 * std::pow(10.0, 1.0 / 3), 1e-12) << "log spaced";
  // Morris trajectories reach the ends of their ranges too.
  const SweepPlan morris = plan_of(R"(
[sweep]
design = "morris"
trajectories = 6
seed = 3
[[parameter]]
key = "firms.productivity_log_sd"
lower = 0.3
upper = 3.0
scale = "log"
)");
  for (const PlannedRun& r : morris.runs)
    EXPECT_TRUE(r.values[0].number >= 0.3 && r.values[0].number <= 3.0) << r.values[0].number;
}

TEST(SweepPlan, WithoutCommonRandomNumbersEveryRunHasItsOwnSeed) {
  const SweepPlan plan =
      plan_of("[sweep]\nreplicates = 3\nseed = 7\ncommon_random_numbers = false\n" +
              std::string("[[parameter]]\nkey = \"trust.gain_dialogue\"\nvalues = [0.01, 0.02]\n"));
  std::set<std::int64_t> seeds;
  for (const PlannedRun& r : plan.runs) seeds.insert(r.seed);
  EXPECT_EQ(seeds.size(), plan.runs.size());
}

TEST(SweepPlan, LatinHypercubePutsOnePointInEachStratumOfEachParameter) {
  const SweepPlan plan = plan_of("[sweep]\ndesign = \"lhs\"\nsamples = 10\n" + kTwoRanges);
  ASSERT_EQ(plan.points, 10);
  std::set<int> trust, gain;
  for (const PlannedRun& r : plan.runs) {
    const double t = r.values[0].number, g = r.values[1].number;
    EXPECT_GE(t, 0.4);
    EXPECT_LE(t, 0.8);
    trust.insert(int((t - 0.4) / 0.04));
    gain.insert(int(std::log(g / 0.01) / std::log(4.0) * 10));  // log scale: strata in log space
  }
  EXPECT_EQ(trust.size(), 10u);
  EXPECT_EQ(gain.size(), 10u);
}

TEST(SweepPlan, MorrisTrajectoriesMoveOneParameterByDeltaAtEachStep) {
  const SweepPlan plan =
      plan_of("[sweep]\ndesign = \"morris\"\ntrajectories = 5\nlevels = 4\n" + kTwoRanges);
  const std::vector<std::vector<double>> unit = unit_design(plan.spec);
  ASSERT_EQ(unit.size(), 5u * 3u);
  const double delta = 4 / (2.0 * 3);
  for (std::size_t t = 0; t < 5; ++t)
    for (std::size_t s = 1; s < 3; ++s) {
      const auto& a = unit[t * 3 + s - 1];
      const auto& b = unit[t * 3 + s];
      int moved = 0;
      for (std::size_t j = 0; j < 2; ++j)
        if (a[j] != b[j]) {
          ++moved;
          EXPECT_NEAR(std::abs(a[j] - b[j]), delta, 1e-12);
        }
      EXPECT_EQ(moved, 1);
    }
  EXPECT_EQ(plan.runs[4].block, 1);
  EXPECT_EQ(plan.runs[4].position, 1);
}

TEST(SweepPlan, SaltelliBlocksAreABThenBWithOneColumnSwapped) {
  const SweepPlan plan = plan_of("[sweep]\ndesign = \"saltelli\"\nsamples = 6\n" + kTwoRanges);
  const auto unit = unit_design(plan.spec);
  ASSERT_EQ(unit.size(), 6u * 4u);
  for (std::size_t j = 0; j < 6; ++j) {
    const auto& a = unit[j * 4];
    const auto& b = unit[j * 4 + 3];
    for (std::size_t i = 0; i < 2; ++i) {
      const auto& ab = unit[j * 4 + 1 + i];
      for (std::size_t c = 0; c < 2; ++c) EXPECT_EQ(ab[c], c == i ? b[c] : a[c]);
    }
  }
  EXPECT_EQ(plan.runs[7].block, 1);
  EXPECT_EQ(plan.runs[7].position, 3);
}

TEST(SweepPlan, TheSameFileGivesTheSamePlan) {
  const std::string text = "[sweep]\ndesign = \"random\"\nsamples = 5\nseed = 3\n" + kTwoRanges;
  const SweepPlan a = plan_of(text), b = plan_of(text);
  for (std::size_t i = 0; i < a.runs.size(); ++i)
    EXPECT_EQ(overrides_of(a, a.runs[i]), overrides_of(b, b.runs[i]));
}

TEST(SweepPlan, OverridesAreTheFixedOnesThenTheValuesThenTheSeed) {
  const SweepPlan plan = plan_of(R"(
[sweep]
set = { "simulation.steps" = 12 }
[[parameter]]
key = "region.0.firms"
values = [1234.4]
)");
  EXPECT_EQ(overrides_of(plan, plan.runs[0]),
            (std::vector<std::string>{"simulation.steps=12", "region.0.firms=1234",
                                      "simulation.seed=1"}));
}

TEST(SweepPlan, ACheckedPointThatTheScenarioRefusesIsPlacedAtItsParameter) {
  const SweepPlan plan = plan_of(
      "[sweep]\n\n[[parameter]]\nkey = \"region.0.firms\"\n"
      "values = [100, 0]\n");
  try {
    check_plan(plan);
    FAIL() << "0 firms was accepted";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, "/tmp/plan_sweep.toml");
    EXPECT_EQ(d.line, 3);
    EXPECT_NE(d.message.find("value 0 (point 1): out of range"), std::string::npos) << d.message;
  }
  EXPECT_NO_THROW(
      check_plan(plan_of("[sweep]\n[[parameter]]\nkey = \"region.0.firms\"\nvalues = [100]\n")));
  // A resume checks the points it still has to run: here point 0 alone, which is valid.
  const std::vector<int> first{0};
  EXPECT_NO_THROW(check_plan(plan, &first));
  const std::vector<int> second{1};
  EXPECT_THROW(check_plan(plan, &second), ScenarioError);
  const std::vector<int> none;
  EXPECT_NO_THROW(check_plan(plan, &none));
}

}  // namespace
}  // namespace ecosim
