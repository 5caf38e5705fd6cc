// ecosim run and ecosim resume (cli/run_command.cpp), in process: the options that shape the run
// file, the flags refused before any file is made, and a stopped run resumed from its checkpoint
// or refused without one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "engine/parallel.hpp"
#include "io/h5.hpp"
#include "support/command_line.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

using testing::lines_in;
using testing::Outcome;
using testing::run_ecosim;

namespace fs = std::filesystem;
using cli::kBadInput;
using cli::kInterrupted;
using cli::kOk;

const std::string kSmall = testing::small_scenario_file();

// The root attributes of a run file and the rows of its indicators.
struct RunFile {
  explicit RunFile(const fs::path& path)
      : file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose) {}
  std::int64_t attribute(const std::string& name) const {
    return h5::read_int_attribute(file.get(), name);
  }
  std::string text(const std::string& name) const {
    return h5::read_string_attribute(file.get(), name);
  }
  std::size_t months() const {
    h5::Handle g = h5::open_group(file.get(), "indicators");
    return h5::read_doubles(g.get(), "time", nullptr).size();
  }
  h5::Handle file;
};

// Stops the run after a chosen step, as a Ctrl-C there would; uninstalled and the process-wide
// stop request cleared when it goes, so that a resume after it runs to the end.
class StopAfter : public RunHooks {
 public:
  explicit StopAfter(int step) : step_(step) { cli::install_run_hooks(this); }
  ~StopAfter() override {
    cli::install_run_hooks(nullptr);
    stop_requested = false;
  }
  void step_simulated(int steps_done) const override {
    if (steps_done == step_) stop_requested = true;
  }

 private:
  int step_;
};

TEST(RunCommand, WritesACompleteFileAndSaysWhere) {
  const testing::TempDir dir;
  const fs::path path = dir / "run.h5";
  const Outcome o =
      run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "3", "--threads", "2"});
  ASSERT_EQ(o.code, kOk) << o.err;
  EXPECT_EQ(o.out.rfind("wrote " + path.string() + "\n", 0), 0u) << o.out;
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "run.h5.checkpoint"));
  const RunFile file(path);
  EXPECT_EQ(file.attribute("complete"), 1);
  EXPECT_EQ(file.attribute("steps"), 3);
  EXPECT_EQ(file.attribute("threads"), 2);
  EXPECT_EQ(file.months(), 3u);
}

// --seed and --steps are shorthands for --set: all three land in the stored scenario, which
// alone repeats the run.
TEST(RunCommand, ShorthandsAndOverridesLandInTheStoredScenario) {
  const testing::TempDir dir;
  const fs::path path = dir / "set.h5";
  const Outcome o = run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "2", "--seed", "99",
                                "--set", "region.1.name=Overridden", "--quiet"});
  ASSERT_EQ(o.code, kOk) << o.err;
  EXPECT_EQ(o.out, "") << "--quiet prints no summary";
  const RunFile file(path);
  EXPECT_EQ(file.attribute("seed"), 99);
  EXPECT_EQ(file.attribute("steps"), 2);
  EXPECT_NE(file.text("scenario").find("Overridden"), std::string::npos);
}

// Each refused flag is one line naming it, exit 2, checked before any file is made (a bad flag
// costs no time and leaves nothing behind).
TEST(RunCommand, RefusesBadFlagsInOneLineBeforeWritingAnything) {
  const testing::TempDir dir;
  const std::string out = (dir / "never.h5").string();
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"run", kSmall, "-o", out, "--threads", "-3"},
       "ecosim: --threads: out of range: -3 (allowed: 0..1024; 0 = all cores)\n"},
      {{"run", kSmall, "-o", out, "--checkpoint-every", "-1"},
       "ecosim: --checkpoint-every: out of range: -1 (allowed: 0..1000000)\n"},
      {{"run", kSmall, "-o", out, "--checkpoint-every", "1000001"},
       "ecosim: --checkpoint-every: out of range: 1000001 (allowed: 0..1000000)\n"},
      {{"run", kSmall, "-o", out, "--max-memory", "lots"},
       "ecosim: --max-memory: not a size: 'lots' (allowed: a positive size such as 800M, 4G, "
       "1.5GiB)\n"},
      {{"resume", out, "--threads", "2000"},
       "ecosim: --threads: out of range: 2000 (allowed: 0..1024; 0 = all cores)\n"},
  };
  for (const auto& c : cases) {
    const Outcome o = run_ecosim(c.args);
    EXPECT_EQ(o.code, kBadInput) << c.message;
    EXPECT_EQ(o.err, c.message);
    EXPECT_EQ(o.out, "");
  }
  EXPECT_TRUE(fs::is_empty(dir.path())) << "a refused run left a file";
}

// The estimate is compared with --max-memory before the output is taken: the message says the
// estimate, what it is made of, and the limit it is over.
TEST(RunCommand, RefusesARunAboveMaxMemoryWithTheEstimate) {
  const testing::TempDir dir;
  const Outcome o =
      run_ecosim({"run", kSmall, "-o", (dir / "big.h5").string(), "--max-memory", "1K"});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(lines_in(o.err), 1u) << o.err;
  EXPECT_EQ(o.err.rfind("ecosim: the run needs about ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("(1,200 firms x "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("more than --max-memory 1K"), std::string::npos) << o.err;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

// --force discards an earlier run, and with it a checkpoint it left, before the new run starts:
// a new run stopped before it finishes (which would remove it too) must not leave the old
// state beside its rows for resume to pick up.
TEST(RunCommand, ForceRemovesTheCheckpointOfTheRunItReplaces) {
  const testing::TempDir dir;
  const fs::path path = dir / "run.h5";
  ASSERT_EQ(run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "1", "-q"}).code, kOk);
  std::ofstream(dir / "run.h5.checkpoint") << "an earlier run's state";
  const Outcome refused = run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "1", "-q"});
  EXPECT_EQ(refused.code, kBadInput);
  EXPECT_NE(refused.err.find("output exists"), std::string::npos) << refused.err;
  EXPECT_TRUE(fs::exists(dir / "run.h5.checkpoint")) << "a refused run removed a file";
  const StopAfter stop(1);
  const Outcome forced =
      run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "3", "-q", "--force"});
  EXPECT_EQ(forced.code, kInterrupted) << forced.err;
  EXPECT_TRUE(fs::exists(dir / "run.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "run.h5.checkpoint"));
}

// A stopped run with checkpoints exits 130 saying how to go on; resume continues from the last
// checkpoint (after step 2, not the step 3 it stopped after) to a complete file.
TEST(ResumeCommand, ContinuesAStoppedRunFromItsLastCheckpointToACompleteFile) {
  const testing::TempDir dir;
  const fs::path path = dir / "run.h5";
  {
    const StopAfter stop(3);
    const Outcome o = run_ecosim(
        {"run", kSmall, "-o", path.string(), "--steps", "6", "--checkpoint-every", "2", "--quiet"});
    EXPECT_EQ(o.code, kInterrupted);
    EXPECT_EQ(o.err, "ecosim: interrupted after 3 steps; recorded rows kept in " +
                         (dir / "run.h5.partial").string() + "; continue with: ecosim resume " +
                         path.string() + "\n");
  }
  ASSERT_TRUE(fs::exists(dir / "run.h5.partial"));
  ASSERT_TRUE(fs::exists(dir / "run.h5.checkpoint"));
  ASSERT_FALSE(fs::exists(path));

  const Outcome resumed = run_ecosim({"resume", path.string(), "--threads", "1"});
  ASSERT_EQ(resumed.code, kOk) << resumed.err;
  EXPECT_EQ(resumed.err.rfind("ecosim: resuming " + path.string() + " after step 2 of 6\n", 0), 0u)
      << resumed.err;
  EXPECT_EQ(resumed.out.rfind("wrote " + path.string() + "\n", 0), 0u) << resumed.out;
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "run.h5.checkpoint"));
  const RunFile file(path);
  EXPECT_EQ(file.attribute("complete"), 1);
  EXPECT_EQ(file.attribute("resumed_at_step"), 2);
  EXPECT_EQ(file.attribute("threads"), 1);
  EXPECT_EQ(file.months(), 6u) << "rows after the checkpoint were recorded twice or lost";
}

// Without --checkpoint-every a stopped run keeps its rows but offers no resume, and resume
// refuses it naming the missing checkpoint, leaving the rows where they were.
TEST(ResumeCommand, RefusesARunWithoutACheckpointAndKeepsItsRows) {
  const testing::TempDir dir;
  const fs::path path = dir / "plain.h5";
  {
    const StopAfter stop(2);
    const Outcome o = run_ecosim({"run", kSmall, "-o", path.string(), "--steps", "6", "--quiet"});
    EXPECT_EQ(o.code, kInterrupted);
    EXPECT_NE(o.err.find("interrupted after 2 steps"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("continue with"), std::string::npos) << "nothing to resume from";
  }
  ASSERT_TRUE(fs::exists(dir / "plain.h5.partial"));
  const Outcome o = run_ecosim({"resume", path.string()});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.err, "ecosim: " + (dir / "plain.h5.checkpoint").string() +
                       ": no checkpoint (allowed: a run started with --checkpoint-every)\n");
  EXPECT_TRUE(fs::exists(dir / "plain.h5.partial"));
  EXPECT_FALSE(fs::exists(path));
}

TEST(ResumeCommand, RefusesAMissingFileArgumentOrAPathWithNoUnfinishedRun) {
  const testing::TempDir dir;
  const Outcome missing = run_ecosim({"resume"});
  EXPECT_EQ(missing.code, kBadInput);
  EXPECT_EQ(missing.err, "ecosim: resume: missing FILE (allowed: the run file of ecosim run -o)\n");
  const Outcome none = run_ecosim({"resume", (dir / "none.h5").string()});
  EXPECT_EQ(none.code, kBadInput);
  EXPECT_EQ(lines_in(none.err), 1u) << none.err;
  EXPECT_NE(none.err.find("none.h5.partial: no unfinished run here"), std::string::npos)
      << none.err;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace ecosim
