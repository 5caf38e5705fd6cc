// What the last index found of each run (sweep/known_runs.cpp): taken while the file that said
// so is unchanged and written for the same run, read again otherwise.
#include "sweep/known_runs.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.hpp"
#include "sweep/execute.hpp"
#include "sweep/index.hpp"
#include "sweep/plan.hpp"
#include "sweep/spec.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

// Two runs of the small world (tests/data/small.toml) of one month; `steps` changes the
// sweep's fixed settings, and so every run's digest.
SweepPlan plan_of(int steps = 1) {
  return make_plan(load_sweep_text(
      "[sweep]\nscenario = \"../small.toml\"\nset = { \"simulation.steps\" = " +
          std::to_string(steps) +
          " }\n[[parameter]]\nkey = \"region.0.generalised_trust\"\nvalues = [0.45, 0.7]\n",
      std::string(ECOSIM_TEST_DATA) + "/sweeps/known_runs_test.toml"));
}

// Rewrites a file's bytes in place and puts its modification time back: the one change the
// cache cannot see (what shows that a resume does not reopen the files it knows).
void scribble_keeping_stamp(const fs::path& path) {
  struct stat before {};
  ASSERT_EQ(::stat(path.c_str(), &before), 0);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(0);
    file << "XXXXXXXX";  // the HDF5 signature: no longer an HDF5 file
  }
  const timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

TEST(KnownRuns, AnIndexRemembersEachRunAndTheNextTakesItWhileItsFileIsUnchanged) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  const RunOutcome done = execute_run(plan, plan.runs[0], out.path(), 1);
  ASSERT_EQ(done.status, RunStatus::done) << done.error;
  fs::remove_all(out / ".journal");  // the index cache alone here (journals: the tests below)
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[0]), std::nullopt) << "no index yet";

  EXPECT_EQ(write_index(plan, out.path()).done, 1);
  const KnownRuns known(out.path());
  const auto found = known.find(plan, plan.runs[0]);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, RunStatus::done);
  EXPECT_EQ(found->wall_s, verified_run(plan, plan.runs[0], out.path())->wall_s);
  EXPECT_EQ(known.find(plan, plan.runs[1]), std::nullopt) << "run 1 never ran";

  // Known and unchanged: neither the index nor a resume reopens it.
  scribble_keeping_stamp(out / plan.runs[0].file);
  EXPECT_FALSE(verified_run(plan, plan.runs[0], out.path())) << "the file itself is broken now";
  EXPECT_EQ(write_index(plan, out.path()).done, 1);
  EXPECT_EQ(runs_to_do(plan, out.path(), {}), std::vector<int>{1});
}

TEST(KnownRuns, AChangedMissingOrOtherRunsFileIsReadAgain) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  for (const PlannedRun& run : plan.runs)
    ASSERT_EQ(execute_run(plan, run, out.path(), 1).status, RunStatus::done);
  ASSERT_EQ(write_index(plan, out.path()).done, 2);

  // Truncated: its size changed.
  fs::resize_file(out / plan.runs[0].file, 100);
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[0]), std::nullopt);
  // Deleted.
  fs::remove(out / plan.runs[1].file);
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[1]), std::nullopt);
  const IndexCounts after = write_index(plan, out.path());
  EXPECT_EQ(after.done, 0);
  EXPECT_EQ(after.missing, 2);
  EXPECT_EQ(runs_to_do(plan, out.path(), {}), (std::vector<int>{0, 1}));

  // Written for another sweep (its fixed settings changed): not this run's, whatever the cache.
  ASSERT_EQ(execute_run(plan, plan.runs[0], out.path(), 1).status, RunStatus::done);
  ASSERT_EQ(write_index(plan, out.path()).done, 1);
  const SweepPlan longer = plan_of(2);
  EXPECT_EQ(KnownRuns(out.path()).find(longer, longer.runs[0]), std::nullopt);
  StaleRuns stale;
  EXPECT_EQ(runs_to_do(longer, out.path(), {}, &stale), (std::vector<int>{0, 1}));
  EXPECT_EQ(stale.scenario, 1);
}

TEST(KnownRuns, AFailureIsRememberedWithItsMessageAndTimeUntilItsErrorFileGoes) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  std::ofstream(error_path(out.path(), plan.runs[1])) << "disk full\nwall_s 1.25\n";
  ASSERT_EQ(write_index(plan, out.path()).failed, 1);
  const auto found = KnownRuns(out.path()).find(plan, plan.runs[1]);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, RunStatus::failed);
  EXPECT_EQ(found->error, "disk full");
  EXPECT_EQ(found->wall_s, 1.25);
  fs::remove(error_path(out.path(), plan.runs[1]));
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[1]), std::nullopt);
  EXPECT_EQ(write_index(plan, out.path()).missing, 2);
}

TEST(KnownRuns, ADamagedCacheIsNoCache) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  ASSERT_EQ(execute_run(plan, plan.runs[0], out.path(), 1).status, RunStatus::done);
  fs::remove_all(out / ".journal");  // the cache alone
  ASSERT_EQ(write_index(plan, out.path()).done, 1);
  std::ofstream(out / ".index_cache", std::ios::app) << "not a row\n";
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[0]), std::nullopt);
  EXPECT_EQ(write_index(plan, out.path()).done, 1) << "read from the run file again";
  EXPECT_TRUE(KnownRuns(out.path()).find(plan, plan.runs[0]).has_value()) << "and remembered";
}

// Each run notes its outcome in its process's journal as it ends, so that the first index (no
// cache yet: a sweep that crashed, or the first array task to end) need not open its file.
TEST(KnownRuns, AnEndedRunIsKnownFromItsJournalBeforeAnyIndex) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  const RunOutcome done = execute_run(plan, plan.runs[0], out.path(), 1);
  ASSERT_EQ(done.status, RunStatus::done) << done.error;
  ASSERT_FALSE(fs::exists(out / ".index_cache"));
  const auto found = KnownRuns(out.path()).find(plan, plan.runs[0]);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, RunStatus::done);
  EXPECT_EQ(found->wall_s, verified_run(plan, plan.runs[0], out.path())->wall_s)
      << "the wall time the file records";

  scribble_keeping_stamp(out / plan.runs[0].file);  // so the index cannot have opened it
  EXPECT_EQ(write_index(plan, out.path()).done, 1);
  EXPECT_EQ(runs_to_do(plan, out.path(), {}), std::vector<int>{1});

  // Changed since its line was written: read again (and found broken).
  fs::resize_file(out / plan.runs[0].file, 100);
  fs::remove(out / ".index_cache");
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[0]), std::nullopt);
  EXPECT_EQ(write_index(plan, out.path()).missing, 2);
}

TEST(KnownRuns, AJournalLineCutOffOrDamagedIsSkippedAndTheOthersKept) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  for (const PlannedRun& run : plan.runs)
    ASSERT_EQ(execute_run(plan, run, out.path(), 1).status, RunStatus::done);
  std::vector<fs::path> journals;
  for (const auto& entry : fs::directory_iterator(out / ".journal")) journals.push_back(entry);
  ASSERT_EQ(journals.size(), 1u) << "one journal per process";
  const std::string text = testing::read_text(journals[0]);
  const auto second = text.find('\n') + 1;
  ASSERT_EQ(text.find('\n', second), text.size() - 1) << "a line per run: " << text;
  // A damaged first line, then the second cut off before its newline (killed while writing).
  std::ofstream(journals[0], std::ios::trunc) << "garbage line\n"
                                              << text.substr(second, text.size() - 1 - second);
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[0]), std::nullopt);
  EXPECT_EQ(KnownRuns(out.path()).find(plan, plan.runs[1]), std::nullopt);
  std::ofstream(journals[0], std::ios::app) << "\n";  // the same line, whole
  EXPECT_TRUE(KnownRuns(out.path()).find(plan, plan.runs[1]).has_value());
  EXPECT_EQ(write_index(plan, out.path()).done, 2) << "run 0 read from its file";
}

TEST(KnownRuns, AFailedRunIsJournalledWithItsMessage) {
  const SweepPlan plan = plan_of();
  const testing::TempDir out;
  prepare_output(plan, out.path(), false);
  fs::create_directories(out / plan.runs[1].file);  // a folder where the run file goes
  const RunOutcome failed = execute_run(plan, plan.runs[1], out.path(), 1);
  ASSERT_EQ(failed.status, RunStatus::failed);
  const auto found = KnownRuns(out.path()).find(plan, plan.runs[1]);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, RunStatus::failed);
  EXPECT_EQ(found->error, failed.error);
  EXPECT_EQ(found->wall_s, failed.wall_s);
}

}  // namespace
}  // namespace ecosim
