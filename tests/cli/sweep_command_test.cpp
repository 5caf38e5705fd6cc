// ecosim sweep (cli/sweep_command.cpp), in process: its options refused before the sweep file is
// read, --plan, --check and --index-only writing no run, the Slurm script of --emit-sbatch, and
// a tiny sweep run here into its folder and index.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "support/command_line.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

using testing::Outcome;
using testing::run_ecosim;

namespace fs = std::filesystem;
using cli::kBadInput;
using cli::kOk;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A sweep of two runs (one point, two replicates) of three months of the small world, written
// into `dir`; its scenario by absolute path, so the sweep file may live anywhere.
fs::path tiny_sweep(const testing::TempDir& dir) {
  const fs::path file = dir / "tiny.toml";
  std::ofstream(file) << "[sweep]\nscenario = \"" << ECOSIM_TEST_DATA << "/small.toml\"\n"
                      << "replicates = 2\nseed = 3\nset = { \"simulation.steps\" = 3 }\n\n"
                      << "[[parameter]]\nkey = \"policy.municipality.min_external_share\"\n"
                      << "values = [0.2]\n";
  return file;
}

// Each option is checked before the sweep file is read (here it does not exist): one line
// naming the option and what it allows, exit 2.
TEST(SweepCommand, RefusesBadOptionsInOneLineBeforeReadingTheFile) {
  const testing::TempDir dir;
  const std::string absent = (dir / "absent.toml").string();
  const struct {
    std::vector<std::string> flags;
    std::string message;
  } cases[] = {
      {{"--jobs", "2000"}, "--jobs: out of range: 2000 (allowed: 0..1024)"},
      {{"--jobs", "-1"}, "--jobs: out of range: -1 (allowed: 0..1024)"},
      {{"--threads", "0"}, "--threads: out of range: 0 (allowed: 1..1024)"},
      {{"--tasks", "10001"}, "--tasks: out of range: 10001 (allowed: 0..10000)"},
      {{"--cpus-per-task", "0"}, "--cpus-per-task: out of range: 0 (allowed: 1..1024)"},
      {{"--shard", "2/2"}, "--shard: '2/2' is not a shard (allowed: I/N with 0 <= I < N)"},
      {{"--shard", "1/x"}, "--shard: '1/x' is not a shard (allowed: I/N with 0 <= I < N)"},
      {{"--shard", "0/2/3"}, "--shard: '0/2/3' is not a shard (allowed: I/N with 0 <= I < N)"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"sweep", absent, "-o", (dir / "out").string()};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    const Outcome o = run_ecosim(args);
    EXPECT_EQ(o.code, kBadInput) << c.message;
    EXPECT_EQ(o.err, "ecosim: " + c.message + "\n");
    EXPECT_EQ(o.out, "");
  }
  const Outcome missing = run_ecosim({"sweep", "--jobs", "2"});
  EXPECT_EQ(missing.code, kBadInput);
  EXPECT_EQ(missing.err, "ecosim: sweep: missing SWEEP.toml (allowed: a sweep file)\n");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(SweepCommand, RefusesAnOutputThatIsAFile) {
  const testing::TempDir dir;
  const fs::path sweep = tiny_sweep(dir);
  const fs::path file = dir / "file";
  std::ofstream(file) << "not a folder";
  const Outcome o = run_ecosim({"sweep", sweep.string(), "-o", file.string()});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.err, "ecosim: " + file.string() +
                       ": output exists and is not a folder (allowed: a folder)\n");
  EXPECT_EQ(testing::read_text(file), "not a folder");
}

// --plan prints the run table (the same columns as the index, before the status) and writes
// nothing, not even the output folder.
TEST(SweepCommand, PlanPrintsTheRunTableAndWritesNothing) {
  const testing::TempDir dir;
  const fs::path sweep = tiny_sweep(dir);
  const Outcome o = run_ecosim({"sweep", sweep.string(), "--plan", "-o", (dir / "out").string()});
  EXPECT_EQ(o.code, kOk) << o.err;
  EXPECT_EQ(o.out,
            "run,point,replicate,block,position,policy.municipality.min_external_share,seed,file\n"
            "0,0,0,0,0,0.2,3,runs/run_000000.h5\n"
            "1,0,1,0,0,0.2,4,runs/run_000001.h5\n");
  EXPECT_EQ(o.err, "sweep: 2 runs (1 points x 2 replicates), design grid; nothing written\n");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(SweepCommand, CheckAndIndexOnlyRunNothing) {
  const testing::TempDir dir;
  const fs::path sweep = tiny_sweep(dir);
  const fs::path out = dir / "out";
  const Outcome check = run_ecosim({"sweep", sweep.string(), "--check", "-o", out.string()});
  EXPECT_EQ(check.code, kOk) << check.err;
  EXPECT_EQ(check.out, sweep.string() + ": ok (2 runs, 1 points, design grid)\n");
  EXPECT_FALSE(fs::exists(out / "runs"));

  const Outcome index = run_ecosim({"sweep", sweep.string(), "--index-only", "-o", out.string()});
  EXPECT_EQ(index.code, kOk) << index.err;
  EXPECT_EQ(index.out, "wrote " + (out / "index.h5").string() + " (0 done, 0 failed, 2 missing)\n");
  const std::vector<std::string> rows = lines_of(testing::read_text(out / "index.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NE(rows[1].find(",missing,runs/run_000000.h5,"), std::string::npos) << rows[1];
  EXPECT_NE(rows[2].find(",missing,runs/run_000001.h5,"), std::string::npos) << rows[2];
  EXPECT_FALSE(fs::exists(out / "runs" / "run_000000.h5"));
}

// The script runs this very binary on the sweep and folder by absolute path, in no more array
// tasks than there are runs (5 asked for, 2 runs), each running --cpus-per-task runs at once.
TEST(SweepCommand, EmitSbatchWritesAScriptForThisBinaryAndRunsNothing) {
  const testing::TempDir dir;
  const fs::path sweep = tiny_sweep(dir);
  const fs::path out = dir / "out", script = dir / "job.sh";
  const Outcome o = run_ecosim({"sweep", sweep.string(), "-o", out.string(), "--emit-sbatch",
                                script.string(), "--tasks", "5", "--cpus-per-task", "3"});
  ASSERT_EQ(o.code, kOk) << o.err;
  const fs::path index_script = dir / "job.index.sh";
  EXPECT_EQ(o.out, "wrote " + script.string() + ": 2 runs in 2 array tasks, and " +
                       index_script.string() +
                       ": the index once they end; submit with:\n  jid=$(sbatch --parsable '" +
                       script.string() + "') && sbatch --dependency=afterany:${jid%%;*} '" +
                       index_script.string() + "'\n");
  EXPECT_NE(testing::read_text(index_script).find(" --index-only\n"), std::string::npos)
      << testing::read_text(index_script);
  const std::string text = testing::read_text(script);
  EXPECT_EQ(text.rfind("#!/bin/bash\n", 0), 0u) << text;
  EXPECT_NE(text.find("\n#SBATCH --array=0-1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n#SBATCH --cpus-per-task=3\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find("\nexec '" + fs::canonical("/proc/self/exe").string() + "' sweep '" +
                sweep.string() + "' --output '" + out.string() +
                "' --shard \"${SLURM_ARRAY_TASK_ID}/2\" --jobs \"${SLURM_CPUS_PER_TASK:-3}\""),
      std::string::npos)
      << text;
  EXPECT_TRUE(fs::is_directory(out / "slurm")) << "the tasks' logs go there: it must exist";
  EXPECT_FALSE(fs::exists(out / "runs"));
  EXPECT_FALSE(fs::exists(out / "index.csv"));

  // Without --tasks: one task per 20 runs, at least one.
  const Outcome one =
      run_ecosim({"sweep", sweep.string(), "-o", out.string(), "--emit-sbatch", script.string()});
  ASSERT_EQ(one.code, kOk) << one.err;
  EXPECT_NE(testing::read_text(script).find("\n#SBATCH --array=0-0\n"), std::string::npos);
}

// More array tasks than Slurm's MaxArraySize: refused here with the limit (1001 when scontrol
// cannot tell), instead of by sbatch at submission; the script is not written.
TEST(SweepCommand, EmitSbatchRefusesMoreTasksThanTheClustersMaxArraySize) {
  const testing::TempDir dir;
  const fs::path sweep = dir / "many.toml";
  std::ofstream(sweep) << "[sweep]\nscenario = \"" << ECOSIM_TEST_DATA << "/small.toml\"\n"
                       << "replicates = 1100\nset = { \"simulation.steps\" = 1 }\n\n"
                       << "[[parameter]]\nkey = \"policy.municipality.min_external_share\"\n"
                       << "values = [0.2, 0.4]\n";
  const fs::path script = dir / "job.sh";
  const Outcome o = run_ecosim({"sweep", sweep.string(), "-o", (dir / "out").string(),
                                "--emit-sbatch", script.string(), "--tasks", "2000"});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_NE(o.err.find("--tasks: 2000 array tasks, above the cluster's MaxArraySize"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(fs::exists(script));

  // Counts as people read them.
  const Outcome check = run_ecosim({"sweep", sweep.string(), "--check"});
  EXPECT_EQ(check.code, kOk) << check.err;
  EXPECT_EQ(check.out, sweep.string() + ": ok (2,200 runs, 2 points, design grid)\n");
}

// Two runs of three months, two at a time: both done, indexed, and a second invocation finds
// nothing left to run.
TEST(SweepCommand, RunsATinySweepIntoItsFolderAndIndexesIt) {
  const testing::TempDir dir;
  const fs::path sweep = tiny_sweep(dir);
  const fs::path out = dir / "out";
  const Outcome o = run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-j", "2", "-q"});
  ASSERT_EQ(o.code, kOk) << o.err;
  EXPECT_EQ(o.out, "wrote " + (out / "index.h5").string() +
                       " and index.csv: 2 done, 0 failed, 0 missing of 2\n");
  EXPECT_EQ(o.err,
            "sweep: 2 runs (1 points x 2 replicates, design grid): 2 to run, 2 at a time x "
            "1 thread, into " +
                out.string() + "\n");
  const std::vector<std::string> rows = lines_of(testing::read_text(out / "index.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "run,point,replicate,block,position,policy.municipality.min_external_share,seed,"
            "status,file,wall_s,error");
  EXPECT_EQ(rows[1].rfind("0,0,0,0,0,0.2,3,done,runs/run_000000.h5,", 0), 0u) << rows[1];
  EXPECT_EQ(rows[2].rfind("1,0,1,0,0,0.2,4,done,runs/run_000001.h5,", 0), 0u) << rows[2];
  EXPECT_TRUE(fs::is_regular_file(out / "runs" / "run_000000.h5"));
  EXPECT_TRUE(fs::is_regular_file(out / "runs" / "run_000001.h5"));
  EXPECT_TRUE(fs::is_regular_file(out / "index.h5"));

  const Outcome again = run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-q"});
  EXPECT_EQ(again.code, kOk) << again.err;
  EXPECT_NE(again.err.find(": 0 to run, "), std::string::npos) << again.err;
  EXPECT_NE(again.out.find(": 2 done, 0 failed, 0 missing of 2"), std::string::npos) << again.out;
}

// A resume sees a change of the base scenario, not only of the overrides: once, editing
// `firms = 700` to 300 in the base file and running again said "0 to run" and kept the old
// results. The runs written for the old scenario are redone, and the command says how many and
// why; with --no-redo-changed it refuses instead (exit 2, nothing run).
TEST(SweepCommand, AChangedBaseScenarioIsRedoneOrRefused) {
  const testing::TempDir dir;
  const fs::path base = dir / "base.toml";
  std::ofstream(base) << testing::read_text(fs::path(ECOSIM_TEST_DATA) / "small.toml");
  const fs::path sweep = dir / "changed.toml";
  std::ofstream(sweep) << "[sweep]\nscenario = \"" << base.string() << "\"\n"
                       << "replicates = 2\nseed = 3\nset = { \"simulation.steps\" = 2 }\n\n"
                       << "[[parameter]]\nkey = \"policy.municipality.min_external_share\"\n"
                       << "values = [0.2]\n";
  const fs::path out = dir / "out";
  ASSERT_EQ(run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-q"}).code, kOk);

  // The base scenario changes one value (the composed text is compared, so a comment would not
  // count as a change).
  const std::string text = testing::read_text(base);
  std::ofstream(base) << text << "\n[market]\ndemand_volatility = 0.031\n";

  const Outcome refused =
      run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-q", "--no-redo-changed"});
  EXPECT_EQ(refused.code, kBadInput);
  EXPECT_NE(refused.err.find("2 finished runs written for another scenario (2: its base "
                             "scenario, fixed settings or values changed) or ecosim version (0)"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--no-redo-changed"), std::string::npos) << refused.err;

  const Outcome redone = run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-q"});
  EXPECT_EQ(redone.code, kOk) << redone.err;
  EXPECT_NE(redone.err.find("2 finished runs written for another scenario"), std::string::npos)
      << redone.err;
  EXPECT_NE(redone.err.find(": 2 to run, "), std::string::npos) << redone.err;
  const Outcome again = run_ecosim({"sweep", sweep.string(), "-o", out.string(), "-q"});
  EXPECT_NE(again.err.find(": 0 to run, "), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("another scenario"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace ecosim
