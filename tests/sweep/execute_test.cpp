// Running a sweep's runs (sweep/execute.cpp): each run's scenario and file, the check that a file
// is this run's and complete, shards, the output folder's checks, and the local pool.
#include "sweep/execute.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/parallel.hpp"
#include "io/output_file.hpp"
#include "session/run_to_file.hpp"
#include "support/temp_dir.hpp"
#include "sweep/index.hpp"
#include "sweep/plan.hpp"
#include "sweep/spec.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

// A sweep of the small world (tests/data/small.toml, 700 firms in the studied region): `body`
// goes on in its [sweep] table. The sweep file need not exist; its folder places the scenario.
SweepPlan plan_of(const std::string& body) {
  return make_plan(load_sweep_text("[sweep]\nscenario = \"../small.toml\"\n" + body,
                                   std::string(ECOSIM_TEST_DATA) + "/sweeps/execute_test.toml"));
}

// Two points, two replicates, two months: four runs quick enough to run in a unit test.
const std::string kTwoByTwo = R"(replicates = 2
seed = 11
set = { "simulation.steps" = 2 }

[[parameter]]
key = "region.0.generalised_trust"
values = [0.45, 0.7]
)";

std::string text_of(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct StopRequestCleared {  // the request is process-wide
  ~StopRequestCleared() { stop_requested = false; }
};

// Fails the start of one run, as a run that cannot start would.
class FailingStart : public RunHooks {
 public:
  explicit FailingStart(int run) : run_(run) {}
  void sweep_run_starting(int run) const override {
    if (run == run_) throw std::runtime_error("refused to start\non two lines");
  }

 private:
  int run_;
};

// Asks for a stop once step `after` is simulated.
class StopAfter : public RunHooks {
 public:
  explicit StopAfter(int after) : after_(after) {}
  void step_simulated(int steps_done) const override {
    if (steps_done == after_) stop_requested = true;
  }

 private:
  int after_;
};

TEST(SweepExecute, ARunsScenarioIsTheBaseScenarioWithItsValueAndSeed) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  ASSERT_EQ(plan.runs.size(), 4u);
  for (const PlannedRun& run : plan.runs) {
    const Scenario s = scenario_of(plan, run);
    EXPECT_DOUBLE_EQ(s.regions[RegionId(0)].generalised_trust, run.values[0].number);
    EXPECT_EQ(s.simulation.seed, run.seed);
    EXPECT_EQ(s.simulation.steps, 2) << "the sweep's fixed overrides apply to every run";
    EXPECT_EQ(s.regions[RegionId(0)].firms, 700) << "the sweep's scenario, not the default";
  }
  EXPECT_NE(scenario_of(plan, plan.runs[0]).regions[RegionId(0)].generalised_trust,
            scenario_of(plan, plan.runs[2]).regions[RegionId(0)].generalised_trust);
}

TEST(SweepExecute, TheErrorFileSitsBesideTheRunFileWithItsName) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const fs::path out = "/some/sweep";
  EXPECT_EQ(error_path(out, plan.runs[3]), out / "runs" / "run_000003.error");
  EXPECT_EQ(error_path(out, plan.runs[3]).replace_extension(".h5"), out / plan.runs[3].file);
}

TEST(SweepExecute, ARunWritesItsCompleteFileWhichVerifiesForThatRunOnly) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  const PlannedRun& run = plan.runs[0];
  EXPECT_FALSE(verified_run(plan, run, out.path())) << "nothing run yet";

  const RunOutcome outcome = execute_run(plan, run, out.path(), 1);
  ASSERT_EQ(outcome.status, RunStatus::done) << outcome.error;
  EXPECT_TRUE(outcome.error.empty());
  EXPECT_GT(outcome.wall_s, 0.0);
  EXPECT_TRUE(fs::is_regular_file(out / run.file));
  EXPECT_FALSE(fs::exists(out.path() / (run.file + ".partial")));
  EXPECT_FALSE(fs::exists(error_path(out.path(), run)));

  const auto verified = verified_run(plan, run, out.path());
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ(verified->status, RunStatus::done);
  // The file's wall time is taken before the file is finished, so within the run's own.
  EXPECT_GT(verified->wall_s, 0.0);
  EXPECT_LE(verified->wall_s, outcome.wall_s);

  // The same file under another run's name is not that run's.
  const PlannedRun& other = plan.runs[1];
  fs::copy_file(out / run.file, out / other.file);
  EXPECT_FALSE(verified_run(plan, other, out.path())) << "its sweep_run is 0";
  // Nor is it run 0 of a sweep with other overrides (a longer run, here).
  std::string longer = kTwoByTwo;
  longer.replace(longer.find("= 2 }"), 5, "= 3 }");
  const SweepPlan changed = plan_of(longer);
  EXPECT_FALSE(verified_run(changed, changed.runs[0], out.path()));
}

TEST(SweepExecute, AFileThatIsNotACompleteRunFileIsNotDone) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  const PlannedRun& run = plan.runs[2];
  fs::create_directories((out / run.file).parent_path());
  std::ofstream(out / run.file) << "not an HDF5 file\n";
  EXPECT_FALSE(verified_run(plan, run, out.path()));
  fs::remove(out / run.file);
  fs::create_directory(out / run.file);  // a folder of that name
  EXPECT_FALSE(verified_run(plan, run, out.path()));
}

TEST(SweepExecute, AFailedRunWritesItsMessageOnOneLineAndARerunClearsIt) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  const PlannedRun& run = plan.runs[1];
  prepare_output(plan, out.path(), false);  // as the sweep does first: runs/ is there
  const FailingStart hooks(run.run);
  const RunOutcome failed = execute_run(plan, run, out.path(), 1, &hooks);
  EXPECT_EQ(failed.status, RunStatus::failed);
  EXPECT_EQ(failed.error, "refused to start on two lines") << "the index row has one line";
  // The message on the first line; then the time the run took before it failed.
  std::istringstream file(text_of(error_path(out.path(), run)));
  std::string message, label;
  double wall_s = -1;
  std::getline(file, message);
  file >> label >> wall_s;
  EXPECT_EQ(message, failed.error);
  EXPECT_EQ(label, "wall_s");
  EXPECT_GE(wall_s, 0.0);
  EXPECT_LE(wall_s, failed.wall_s);
  EXPECT_FALSE(fs::exists(out / run.file));
  EXPECT_FALSE(verified_run(plan, run, out.path()));

  // Run again without the fault: done, and the stale message is gone.
  const RunOutcome rerun = execute_run(plan, run, out.path(), 1);
  EXPECT_EQ(rerun.status, RunStatus::done) << rerun.error;
  EXPECT_FALSE(fs::exists(error_path(out.path(), run)));
  EXPECT_TRUE(verified_run(plan, run, out.path()));
}

// In a sweep of more than kRunsPerFolder runs, a run makes its folder: its file, or its error
// file when it fails first thing, lands there, and the index names it.
TEST(SweepExecute, ARunOfALargeSweepWritesInItsOwnFolder) {
  const SweepPlan plan = plan_of(R"(design = "random"
samples = 1001
set = { "simulation.steps" = 1 }
[[parameter]]
key = "region.0.generalised_trust"
lower = 0.4
upper = 0.8
)");
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  const PlannedRun& run = plan.runs[1000];
  ASSERT_EQ(run.file, "runs/001/run_001000.h5");
  const FailingStart hooks(run.run);
  EXPECT_EQ(execute_run(plan, run, out.path(), 1, &hooks).status, RunStatus::failed);
  EXPECT_TRUE(fs::is_regular_file(out / "runs/001/run_001000.error"));
  const IndexCounts failed = write_index(plan, out.path());
  EXPECT_EQ(failed.failed, 1);
  EXPECT_NE(text_of(out / "index.csv").find(",failed,runs/001/run_001000.error,"),
            std::string::npos);

  ASSERT_EQ(execute_run(plan, run, out.path(), 1).status, RunStatus::done);
  EXPECT_TRUE(verified_run(plan, run, out.path()));
  EXPECT_EQ(write_index(plan, out.path()).done, 1);
  EXPECT_NE(text_of(out / "index.csv").find(",done,runs/001/run_001000.h5,"), std::string::npos);
}

TEST(SweepExecute, AStopRequestLeavesTheRunMissingWithItsPartialFile) {
  const StopRequestCleared cleared;
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  const PlannedRun& run = plan.runs[0];
  const StopAfter hooks(1);
  const RunOutcome stopped = execute_run(plan, run, out.path(), 1, &hooks);
  EXPECT_EQ(stopped.status, RunStatus::missing);
  EXPECT_EQ(stopped.error, "interrupted");
  EXPECT_FALSE(fs::exists(out / run.file));
  EXPECT_FALSE(fs::exists(error_path(out.path(), run))) << "a stop is not a failure";
  const fs::path partial = out.path() / (run.file + ".partial");
  ASSERT_TRUE(fs::is_regular_file(partial));
  // Under the final name, the unfinished file is still not taken as done.
  fs::rename(partial, out / run.file);
  EXPECT_FALSE(verified_run(plan, run, out.path()));
}

TEST(SweepExecute, EachShardTakesItsOwnRunsThatAreNotYetDone) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  EXPECT_EQ(runs_to_do(plan, out.path(), {0, 1}), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(runs_to_do(plan, out.path(), {0, 2}), (std::vector<int>{0, 2}));
  EXPECT_EQ(runs_to_do(plan, out.path(), {1, 2}), (std::vector<int>{1, 3}));
  EXPECT_EQ(runs_to_do(plan, out.path(), {2, 3}), (std::vector<int>{2}));

  ASSERT_EQ(execute_run(plan, plan.runs[1], out.path(), 1).status, RunStatus::done);
  EXPECT_EQ(runs_to_do(plan, out.path(), {0, 1}), (std::vector<int>{0, 2, 3}));
  EXPECT_EQ(runs_to_do(plan, out.path(), {1, 2}), (std::vector<int>{3}));
  EXPECT_EQ(runs_to_do(plan, out.path(), {0, 2}), (std::vector<int>{0, 2})) << "not its run";
}

TEST(SweepExecute, PreparingMakesTheRunsFolderAndRefusesAFileInTheWay) {
  const testing::TempDir dir;
  const SweepPlan plan = plan_of(kTwoByTwo);
  EXPECT_NO_THROW(prepare_output(plan, dir / "sweep", false));
  EXPECT_TRUE(fs::is_directory(dir / "sweep" / "runs"));
  EXPECT_NO_THROW(prepare_output(plan, dir / "sweep", false)) << "an existing folder is fine";

  std::ofstream(dir / "file") << "x\n";
  EXPECT_THROW(prepare_output(plan, dir / "file", false), OutputPathError);
  EXPECT_THROW(prepare_output(plan, dir / "file", true), OutputPathError) << "--force or not";
}

TEST(SweepExecute, AFolderWithAnotherSweepsIndexIsRefusedUnlessForced) {
  const testing::TempDir out;
  const SweepPlan plan = plan_of(kTwoByTwo);
  prepare_output(plan, out.path(), false);
  write_index(plan, out.path());
  ASSERT_TRUE(fs::is_regular_file(out / "index.h5"));
  EXPECT_NO_THROW(prepare_output(plan, out.path(), false)) << "the same sweep resumes";

  const SweepPlan other = plan_of("replicates = 3\n" + kTwoByTwo.substr(kTwoByTwo.find('\n') + 1));
  EXPECT_THROW(prepare_output(other, out.path(), false), OutputPathError);
  EXPECT_NO_THROW(prepare_output(other, out.path(), true));

  // Where it runs is not what it runs: a [slurm] table added, or a comment, is the same sweep.
  const SweepPlan on_a_cluster =
      plan_of("# now on the cluster\n" + kTwoByTwo +
              "\n[slurm]\naccount = \"nn9999k\"\npreamble = [\"module load HDF5\"]\n");
  EXPECT_NO_THROW(prepare_output(on_a_cluster, out.path(), false));

  // An index that cannot be read decides nothing: the runs' own files do.
  std::ofstream(out / "index.h5", std::ios::trunc) << "not an HDF5 file\n";
  EXPECT_NO_THROW(prepare_output(other, out.path(), false));
}

TEST(SweepExecute, RunningLocallyRunsEachRunToDoOnceAndReportsIt) {
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  const std::vector<int> todo = {0, 2, 3};
  std::multiset<int> reported;
  run_local(plan, todo, out.path(), 2, 1, [&](const PlannedRun& run, const RunOutcome& outcome) {
    reported.insert(run.run);
    EXPECT_EQ(outcome.status, RunStatus::done) << run.run << ": " << outcome.error;
  });
  EXPECT_EQ(reported, (std::multiset<int>{0, 2, 3}));
  for (const int r : todo) EXPECT_TRUE(verified_run(plan, plan.runs[std::size_t(r)], out.path()));
  EXPECT_FALSE(fs::exists(out / plan.runs[1].file)) << "not in the list: not run";
  EXPECT_EQ(runs_to_do(plan, out.path(), {0, 1}), (std::vector<int>{1}));
}

TEST(SweepExecute, RunningLocallyAfterAStopRequestStartsNoRun) {
  const StopRequestCleared cleared;
  const SweepPlan plan = plan_of(kTwoByTwo);
  const testing::TempDir out;
  int reported = 0;
  stop_requested = true;
  run_local(plan, {0, 1, 2, 3}, out.path(), 2, 1,
            [&](const PlannedRun&, const RunOutcome&) { ++reported; });
  EXPECT_EQ(reported, 0);
  EXPECT_FALSE(fs::exists(out / plan.runs[0].file));
  stop_requested = false;
  run_local(plan, {}, out.path(), 4, 1, [&](const PlannedRun&, const RunOutcome&) { ++reported; });
  EXPECT_EQ(reported, 0) << "nothing to do: nothing reported";
}

}  // namespace
}  // namespace ecosim
