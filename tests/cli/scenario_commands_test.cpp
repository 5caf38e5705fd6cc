// ecosim check and ecosim validate (cli/scenario_commands.cpp), in process: a scenario accepted
// with its headline numbers or refused with the file, position and key; validate's exit code
// following its report, its report file, and its refused options.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
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
using cli::kFactFailed;
using cli::kOk;

const std::string kSmall = testing::small_scenario_file();

TEST(CheckCommand, AValidScenarioIsOkWithItsSizeStepsAndSeed) {
  const Outcome o = run_ecosim({"check", kSmall});
  EXPECT_EQ(o.code, kOk) << o.err;
  EXPECT_EQ(o.out, kSmall + ": ok (2 regions, 1200 firms, 36 steps, seed 7)\n");
  EXPECT_EQ(o.err, "");
}

// --set is checked with the file: the headline shows the overridden values.
TEST(CheckCommand, ReportsTheScenarioWithItsOverrides) {
  const Outcome o =
      run_ecosim({"check", kSmall, "--set", "simulation.seed=99", "--set", "simulation.steps=12"});
  EXPECT_EQ(o.code, kOk) << o.err;
  EXPECT_NE(o.out.find(": ok (2 regions, 1200 firms, 12 steps, seed 99)"), std::string::npos)
      << o.out;
}

TEST(CheckCommand, AnOutOfRangeKeyIsRefusedNamingTheFilePositionAndKey) {
  const testing::TempDir dir;
  const fs::path file = dir / "trust.toml";
  std::ofstream(file) << "# a region whose trust is above 1\n[[region]]\nname = \"A\"\n"
                         "generalised_trust = 1.5\n";
  const Outcome o = run_ecosim({"check", file.string()});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err, file.string() +
                       ":4:21: region[0].generalised_trust: out of range: 1.5 (allowed: number "
                       "0..1)\n");
}

TEST(CheckCommand, RefusesAMissingScenarioArgument) {
  const Outcome o = run_ecosim({"check"});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.err, "ecosim: check: missing SCENARIO (allowed: a TOML file path)\n");
}

TEST(CheckCommand, HelpPrintsItsOptionsAndExitsZero) {
  const Outcome o = run_ecosim({"check", "--help"});
  EXPECT_EQ(o.code, kOk);
  EXPECT_EQ(o.out.rfind("ecosim check SCENARIO [options]", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("--set"), std::string::npos) << o.out;
}

// One seed of the small world (a tenth of a second): the exit code follows the report (3 when a
// row says FAIL), and the report file holds exactly what was printed.
TEST(ValidateCommand, ExitsThreeExactlyWhenAFactFailsAndWritesTheReportPrinted) {
  const testing::TempDir dir;
  const fs::path report = dir / "report.md";
  const Outcome o =
      run_ecosim({"validate", kSmall, "--seeds", "1", "--threads", "2", "-o", report.string()});
  ASSERT_TRUE(o.code == kOk || o.code == kFactFailed) << o.code << ": " << o.err;
  EXPECT_EQ(o.code == kFactFailed, o.out.find("| FAIL |") != std::string::npos) << o.out;
  EXPECT_NE(o.out.find("| pass |"), std::string::npos) << o.out;
  EXPECT_EQ(testing::read_text(report), o.out);
  EXPECT_EQ(o.err, "validate: seed 1 of 1\n") << "progress, one line per seed";
}

TEST(ValidateCommand, QuietPrintsOnlyTheReport) {
  const Outcome o = run_ecosim({"validate", kSmall, "--seeds", "1", "--quiet"});
  EXPECT_TRUE(o.code == kOk || o.code == kFactFailed) << o.code << ": " << o.err;
  EXPECT_EQ(o.err, "");
  EXPECT_NE(o.out.find("| pass |"), std::string::npos) << o.out;
}

// Refused in one line, exit 2, before any seed is run.
TEST(ValidateCommand, RefusesBadOptionsInOneLine) {
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"validate", kSmall, "--seeds", "0"},
       "ecosim: --seeds: out of range: 0 (allowed: 1..100)\n"},
      {{"validate", kSmall, "--seeds", "101"},
       "ecosim: --seeds: out of range: 101 (allowed: 1..100)\n"},
      {{"validate", kSmall, "--threads", "-1"},
       "ecosim: --threads: out of range: -1 (allowed: 0..1024; 0 = all cores)\n"},
      {{"validate", kSmall, "--set", "simulation.snapshot_every=0"},
       "ecosim: validate needs firm snapshots: simulation.snapshot_every is 0 (allowed: "
       "1..100000)\n"},
  };
  for (const auto& c : cases) {
    const Outcome o = run_ecosim(c.args);
    EXPECT_EQ(o.code, kBadInput) << c.message;
    EXPECT_EQ(o.err, c.message);
    EXPECT_EQ(lines_in(o.err), 1u);
    EXPECT_EQ(o.out, "");
  }
}

}  // namespace
}  // namespace ecosim
