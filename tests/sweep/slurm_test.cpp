// Sweeps on a Slurm cluster (sweep/slurm.cpp): the cost of a sweep's largest run, and the
// job-array script's tasks, cores, memory, time limit and command.
#include "sweep/slurm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run/resources.hpp"
#include "scenario/load.hpp"
#include "support/temp_dir.hpp"
#include "sweep/execute.hpp"
#include "sweep/plan.hpp"
#include "sweep/spec.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

// A sweep of the small world (tests/data/small.toml: 700 firms in the studied region, 500 in
// the other) over the studied region's firms; `body` goes on in its [sweep] table.
SweepPlan plan_of(const std::string& body) {
  return make_plan(load_sweep_text("[sweep]\nscenario = \"../small.toml\"\n" + body +
                                       "\n[[parameter]]\nkey = \"region.0.firms\"\n"
                                       "values = [100, 2000]\n",
                                   std::string(ECOSIM_TEST_DATA) + "/sweeps/slurm_test.toml"));
}

// The value of the script's `#SBATCH --NAME=` line, or "" when it has none.
std::string sbatch_option(const std::string& script, const std::string& name) {
  std::istringstream in(script);
  const std::string prefix = "#SBATCH --" + name + "=";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  return "";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Seconds of a Slurm time limit D-HH:MM:SS, each field in its range; -1 when malformed.
long seconds_of(const std::string& limit) {
  int days = -1, hours = -1, minutes = -1, seconds = -1;
  char end = 0;
  if (std::sscanf(limit.c_str(), "%d-%2d:%2d:%2d%c", &days, &hours, &minutes, &seconds, &end) != 4)
    return -1;
  if (days < 0 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
      seconds > 59)
    return -1;
  return ((days * 24L + hours) * 60 + minutes) * 60 + seconds;
}

TEST(SweepSlurm, TheCostOfASweepIsThatOfItsLargestRun) {
  const SweepPlan plan = plan_of("replicates = 3\nset = { \"simulation.steps\" = 24 }");
  ASSERT_EQ(plan.runs.size(), 6u);
  const RunCost small = estimate_run(scenario_of(plan, plan.runs[0]));
  const RunCost large = estimate_run(scenario_of(plan, plan.runs[3]));
  ASSERT_EQ(plan.runs[3].values[0].number, 2000);
  EXPECT_LT(small.seconds, large.seconds);
  EXPECT_LT(small.bytes, large.bytes);
  const RunCost sweep = estimate_run(plan);
  EXPECT_DOUBLE_EQ(sweep.seconds, large.seconds) << "one run's, not the sweep's total";
  EXPECT_DOUBLE_EQ(sweep.bytes, large.bytes);
  // A resume estimates the runs it still has to run: the small point's replicates alone here.
  const std::vector<int> small_runs{1, 2};
  EXPECT_DOUBLE_EQ(estimate_run(plan, &small_runs).bytes, small.bytes);
  const std::vector<int> mixed{2, 5};
  EXPECT_DOUBLE_EQ(estimate_run(plan, &mixed).bytes, large.bytes);
}

TEST(SweepSlurm, TheScriptRunsOneShardPerArrayTaskWithTheSweepsCommand) {
  const SweepPlan plan = plan_of("replicates = 2\nset = { \"simulation.steps\" = 12 }");
  const fs::path sweep_file = "/home/me/sweeps/trust.toml", out = "/scratch/me/trust";
  const fs::path ecosim = "/opt/ecosim/bin/ecosim";
  const std::string script = sbatch_script(plan, sweep_file, out, ecosim, 3, 2);
  const std::vector<std::string> lines = lines_of(script);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines.front(), "#!/bin/bash");
  EXPECT_NE(script.find("4 runs in 3 array tasks of 2 cores"), std::string::npos) << script;
  EXPECT_EQ(sbatch_option(script, "array"), "0-2");
  EXPECT_EQ(sbatch_option(script, "ntasks"), "1");
  EXPECT_EQ(sbatch_option(script, "cpus-per-task"), "2");
  EXPECT_EQ(sbatch_option(script, "job-name"), "ecosim-trust");
  // %A (the job) as well as %a: a resubmitted task does not overwrite the first one's log.
  EXPECT_EQ(sbatch_option(script, "output"), "/scratch/me/trust/slurm/task_%A_%a.out");
  // Task I runs shard I of the 3 the script was written for (not of the tasks submitted), on
  // the cores Slurm gave it; paths single-quoted.
  EXPECT_EQ(lines.back(),
            "exec '/opt/ecosim/bin/ecosim' sweep '/home/me/sweeps/trust.toml' --output "
            "'/scratch/me/trust' --shard \"${SLURM_ARRAY_TASK_ID}/3\" --jobs "
            "\"${SLURM_CPUS_PER_TASK:-2}\" --threads 1");
  EXPECT_NE(script.find("set -euo pipefail\n"), std::string::npos);
  EXPECT_EQ(script.find("--wait"), std::string::npos) << "no stray advice";
}

// The exec line, run by bash for array task 2 of a resubmission of tasks 0 and 2 only (Slurm
// then sets SLURM_ARRAY_TASK_COUNT=2): shard 2/3, whatever was submitted; a path with a $, a
// backtick or a quote reaches ecosim as it is, never expanded by the shell.
TEST(SweepSlurm, TheScriptsCommandRunsItsShardOfTheWholeArrayAndExpandsNoPath) {
  const SweepPlan plan = plan_of("replicates = 2\nset = { \"simulation.steps\" = 12 }");
  const testing::TempDir dir;
  const fs::path odd = dir / "it's $HOME `id`";
  fs::create_directories(odd);
  // A stand-in for ecosim that prints its arguments, one per line.
  const fs::path echo = odd / "ecosim";
  std::ofstream(echo) << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n";
  fs::permissions(echo, fs::perms::owner_all);
  const std::string script = sbatch_script(plan, odd / "sweep.toml", odd / "out", echo, 3, 2);
  const fs::path file = dir / "job.sh", printed = dir / "printed.txt";
  std::ofstream(file) << script;
  const std::string command =
      "env -i PATH=/usr/bin:/bin SLURM_ARRAY_TASK_ID=2 "
      "SLURM_ARRAY_TASK_COUNT=2 SLURM_CPUS_PER_TASK=5 bash " +
      shell_quoted(file.string()) + " > " + shell_quoted(printed.string());
  ASSERT_EQ(std::system(command.c_str()), 0) << script;
  std::ifstream in(printed);
  std::vector<std::string> args;
  for (std::string line; std::getline(in, line);) args.push_back(line);
  EXPECT_EQ(args, (std::vector<std::string>{"sweep", (odd / "sweep.toml").string(), "--output",
                                            (odd / "out").string(), "--shard", "2/3", "--jobs", "5",
                                            "--threads", "1"}));
}

// The sweep file's [slurm] table reaches both scripts: account, partition and more #SBATCH
// lines among the options, the preamble between `set -euo pipefail` and the command; the index
// job runs --index-only.
TEST(SweepSlurm, TheSlurmTableReachesBothScripts) {
  const SweepSpec spec = load_sweep_text(
      "[sweep]\nscenario = \"../small.toml\"\n[slurm]\naccount = \"nn9999k\"\n"
      "partition = \"normal\"\nsbatch = [\"--qos=devel\", \"--mail-type=END\"]\n"
      "preamble = [\"module load HDF5/1.14\", \"export OMP_NUM_THREADS=1\"]\n"
      "[[parameter]]\nkey = \"region.0.firms\"\nvalues = [100, 200]\n",
      std::string(ECOSIM_TEST_DATA) + "/sweeps/slurm_test.toml");
  const SweepPlan plan = make_plan(spec);
  for (const std::string& script :
       {sbatch_script(plan, "/s/trust.toml", "/o", "/bin/ecosim", 2, 1),
        sbatch_index_script(plan, "/s/trust.toml", "/o", "/bin/ecosim")}) {
    EXPECT_EQ(sbatch_option(script, "account"), "nn9999k");
    EXPECT_EQ(sbatch_option(script, "partition"), "normal");
    EXPECT_EQ(sbatch_option(script, "qos"), "devel");
    EXPECT_NE(script.find("\n#SBATCH --mail-type=END\nset -euo pipefail\nmodule load HDF5/1.14\n"
                          "export OMP_NUM_THREADS=1\nexec '/bin/ecosim' sweep"),
              std::string::npos)
        << script;
  }
  const std::string index = sbatch_index_script(plan, "/s/trust.toml", "/o", "/bin/ecosim");
  EXPECT_EQ(sbatch_option(index, "job-name"), "ecosim-trust-index");
  EXPECT_EQ(sbatch_option(index, "array"), "") << "one job, not an array";
  EXPECT_EQ(lines_of(index).back(),
            "exec '/bin/ecosim' sweep '/s/trust.toml' --output '/o' --index-only");
}

TEST(SweepSlurm, TheSlurmTableRefusesWhatWouldBreakAScript) {
  const auto refused = [](const std::string& slurm) {
    try {
      load_sweep_text("[sweep]\n[slurm]\n" + slurm +
                          "\n[[parameter]]\nkey = \"region.0.firms\"\nvalues = [100]\n",
                      "x.toml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(refused("account = \"a b\"").find("slurm.account: 'a b' is not a Slurm name"),
            std::string::npos);
  EXPECT_NE(refused("sbatch = [\"qos=devel\"]").find("slurm.sbatch: 'qos=devel' is not accepted"),
            std::string::npos);
  EXPECT_NE(refused("preamble = \"module load x\"").find("slurm.preamble: must be an array"),
            std::string::npos);
  EXPECT_NE(refused("queue = \"x\"").find("slurm.queue"), std::string::npos);
  EXPECT_EQ(refused("partition = \"gpu-1\""), "");
}

TEST(SweepSlurm, ReadsMaxArraySizeFromScontrolsConfig) {
  EXPECT_EQ(max_array_size_of("Configuration data as of 2026-12-07T03:00:00\n"
                              "MaxArraySize            = 4001\nMaxJobCount = 10000\n"),
            4001);
  EXPECT_EQ(max_array_size_of("MaxJobCount = 10000\n"), std::nullopt);
  EXPECT_EQ(max_array_size_of(""), std::nullopt);
  EXPECT_EQ(shell_quoted("a'b"), "'a'\\''b'");
}

TEST(SweepSlurm, TheTimeLimitIsTwiceTheTasksRoundsOfRunsAndTenMinutesMore) {
  // Long runs (100,000 months) and many replicates, so that the limit runs into days.
  const SweepPlan plan = plan_of("replicates = 200\nset = { \"simulation.steps\" = 100000 }");
  ASSERT_EQ(plan.runs.size(), 400u);
  const double run = estimate_run(plan).seconds;
  ASSERT_GT(run, 60.0);
  auto limit = [&](int tasks, int cpus) {
    return seconds_of(
        sbatch_option(sbatch_script(plan, "s.toml", "out", "ecosim", tasks, cpus), "time"));
  };
  // tasks x cpus -> rounds of runs one core does: 400 runs in 1 x 1 -> 400; 100 x 2 -> 2;
  // 400 x 1 -> 1; 3 x 7 -> ceil(ceil(400 / 3) / 7) = 20.
  const std::vector<std::vector<int>> cases = {{1, 1, 400}, {100, 2, 2}, {400, 1, 1}, {3, 7, 20}};
  for (const auto& c : cases) {
    const long seconds = limit(c[0], c[1]);
    ASSERT_GT(seconds, 0) << c[0] << " tasks of " << c[1] << ": not D-HH:MM:SS";
    const double wanted = 2 * c[2] * run + 600;
    EXPECT_GE(double(seconds), wanted) << c[0] << " tasks of " << c[1];
    EXPECT_LT(double(seconds), wanted + 1) << c[0] << " tasks of " << c[1];
  }
  EXPECT_GE(limit(1, 1), 86400L) << "the case that needs the days field";
}

TEST(SweepSlurm, MemoryCoversEveryCoreRunningARunAtOnce) {
  const SweepPlan plan = plan_of("set = { \"simulation.steps\" = 12 }");
  const double run = estimate_run(plan).bytes;
  auto mib = [&](int cpus) {
    const std::string mem =
        sbatch_option(sbatch_script(plan, "s.toml", "out", "ecosim", 2, cpus), "mem");
    EXPECT_TRUE(mem.ends_with('M')) << mem;
    return std::stol(mem);
  };
  for (const int cpus : {1, 4, 16}) {
    EXPECT_GE(double(mib(cpus)) * (1 << 20), cpus * run) << cpus << " cores";
    EXPECT_LT(double(mib(cpus)) * (1 << 20), 2 * cpus * run + (512 << 20)) << "not far more";
  }
  EXPECT_LT(mib(1), mib(4));
  EXPECT_LT(mib(4), mib(16));
}

}  // namespace
}  // namespace ecosim
