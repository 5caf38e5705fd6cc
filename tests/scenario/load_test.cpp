#include "scenario/load.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/input_file.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> errors_of(const std::string& text,
                                   const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario_text(text, "s.toml", overrides);
  } catch (const ScenarioError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.to_string());
    return lines;
  }
  return {};
}

// Each file in tests/data/bad_scenarios opens with one "# expect: ..." line per error it
// must produce; <file> stands for its path. All errors of a file are reported at once.
TEST(LoadScenario, EveryBadScenarioGivesExactlyItsExpectedErrors) {
  int files = 0;
  for (const auto& entry :
       fs::directory_iterator(std::string(ECOSIM_TEST_DATA) + "/bad_scenarios")) {
    const std::string path = entry.path().string();
    SCOPED_TRACE(path);
    ++files;
    std::vector<std::string> expected;
    std::istringstream lines(testing::read_text(path));
    for (std::string line; std::getline(lines, line) && line.rfind("# expect: ", 0) == 0;) {
      std::string e = line.substr(10);
      for (std::size_t at; (at = e.find("<file>")) != std::string::npos;) e.replace(at, 6, path);
      const std::string dir = entry.path().parent_path().string();
      for (std::size_t at; (at = e.find("<dir>")) != std::string::npos;) e.replace(at, 5, dir);
      expected.push_back(e);
    }
    ASSERT_FALSE(expected.empty()) << "a bad scenario must say what it expects";
    try {
      load_scenario_file(path);
      ADD_FAILURE() << "loaded without error";
    } catch (const ScenarioError& error) {
      ASSERT_EQ(error.diagnostics().size(), expected.size()) << error.what();
      for (std::size_t k = 0; k < expected.size(); ++k) {
        const std::string got = error.diagnostics()[k].to_string();
        EXPECT_EQ(got.substr(0, expected[k].size()), expected[k]);
      }
    }
  }
  EXPECT_GE(files, 10);
}

TEST(LoadScenario, MissingFileIsAnError) {
  EXPECT_THROW(load_scenario_file("/nonexistent/scenario.toml"), ScenarioError);
}

TEST(LoadScenario, EmptyFileTakesEveryDefault) {
  const Scenario s = load_scenario_text("", "empty.toml");
  const Scenario defaults;
  EXPECT_EQ(s.simulation.steps, defaults.simulation.steps);
  EXPECT_EQ(s.simulation.seed, defaults.simulation.seed);
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[RegionId(0)].name, "Studied");
  EXPECT_EQ(s.municipality.min_external_share, 0.5);
  EXPECT_EQ(s.trust.min_rung_to_partner, Rung::cooperation);
}

TEST(LoadScenario, RegionKeysLeftOutTakeDefaultsAndSectorSharesAreNormalised) {
  const Scenario s = load_scenario_text(
      "[[region]]\nname = \"A\"\nfirms = 10\nsector_shares = { ict = 1.0, services = 3.0 }\n",
      "s.toml");
  ASSERT_EQ(s.regions.size(), 1u);
  EXPECT_EQ(s.regions[RegionId(0)].firms, 10);
  EXPECT_EQ(s.regions[RegionId(0)].population, RegionParams{}.population);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(0)].sector_shares[Sector::ict], 0.25);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(0)].sector_shares[Sector::services], 0.75);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(0)].sector_shares[Sector::energy], 0.0);
}

TEST(LoadScenario, OverridesSetAnyKeyIncludingRegionsAndTables) {
  const Scenario s = load_scenario_text(
      "[[region]]\nname = \"A\"\n[[region]]\nname = \"B\"\n", "s.toml",
      {"simulation.steps=7", "region.1.firms=33", "region[0].name=Drammen",
       "policy.municipality.in_kind_counts=false", "trust.min_rung_to_partner=joint_action"});
  EXPECT_EQ(s.simulation.steps, 7);
  EXPECT_EQ(s.regions[RegionId(1)].firms, 33);
  EXPECT_EQ(s.regions[RegionId(0)].name, "Drammen");
  EXPECT_FALSE(s.municipality.in_kind_counts);
  EXPECT_EQ(s.trust.min_rung_to_partner, Rung::joint_action);
}

// Written as in a TOML file, with spaces around '=': the spaces belong to neither side.
TEST(LoadScenario, OverridesMayHaveSpacesAroundTheEqualsSign) {
  const Scenario s = load_scenario_text("[[region]]\nname = \"A\"\n", "s.toml",
                                        {"simulation.steps = 7", " region.0.name\t=  Drammen "});
  EXPECT_EQ(s.simulation.steps, 7);
  EXPECT_EQ(s.regions[RegionId(0)].name, "Drammen");
}

TEST(LoadScenario, BadOverridesAreReportedLikeFileErrorsInTheOrderGiven) {
  const auto errors =
      errors_of("[[region]]\nname = \"A\"\n[[region]]\nname = \"B\"\n",
                {"simulation.stepz=3", "simulation.seed=-1", "region.5.firms=3", "novalue"});
  ASSERT_EQ(errors.size(), 4u);
  // An unknown key made by --set points at that --set, not at the scenario's line 1.
  EXPECT_EQ(errors[0].find("--set simulation.stepz=3:1:9: simulation.stepz: unknown key; did you "
                           "mean 'steps'?"),
            0u)
      << errors[0];
  EXPECT_EQ(errors[1].find("--set simulation.seed=-1:1:9: simulation.seed: out of range: -1"), 0u)
      << errors[1];
  EXPECT_NE(errors[2].find("region.5.firms: no entry '5' (allowed: index 0..1)"), std::string::npos)
      << errors[2];
  EXPECT_NE(errors[3].find("novalue: expected key.path=value"), std::string::npos) << errors[3];
}

// One error each, and its text: the hostile inputs of issue 11, which were accepted or crashed.
std::string only_error(const std::string& text, const std::vector<std::string>& overrides = {}) {
  const auto errors = errors_of(text, overrides);
  EXPECT_EQ(errors.size(), 1u);
  return errors.empty() ? "" : errors.front();
}

TEST(LoadScenario, HostileOverridesAreRefusedAtTheOverride) {
  EXPECT_EQ(only_error("", {"region[0.firms=3"}),
            "--set region[0.firms=3:1:1: region[0.firms: malformed key path: unbalanced or "
            "non-numeric [index] at character 7 (allowed: key.path or key[index].path)");
  EXPECT_NE(only_error("", {"region]0.firms=3"}).find("unbalanced ']'"), std::string::npos);
  EXPECT_NE(only_error("", {"region..firms=3"}).find("empty part"), std::string::npos);
  // Once "stoul" was the whole message, with exit code 1.
  EXPECT_NE(only_error("[[region]]\nname = \"A\"\n", {"region.99999999999999999999999.firms=3"})
                .find("no entry '99999999999999999999999' (allowed: index 0..0)"),
            std::string::npos);
  // A line break once cut the stored text: the run file no longer repeated the run.
  EXPECT_EQ(only_error("", {"simulation.steps=5\nsimulation.seed=3"}),
            "--set simulation.steps=5\\nsimulation.seed=3:1:1: (--set): contains a line break "
            "(allowed: key.path=value on one line)");
  std::string deep = "a";
  for (int k = 0; k < 100; ++k) deep += ".a";
  EXPECT_NE(only_error("", {deep + "=1"}).find("more than 64 parts"), std::string::npos);
}

TEST(LoadScenario, DeepKeysAreRefusedBeforeTheyOverflowTheStack) {
  std::string deep = "a";
  for (int k = 0; k < 50000; ++k) deep += ".a";
  EXPECT_EQ(only_error(deep + " = 1\n").substr(0, 31), "s.toml:1:128: (syntax): a key o");
  EXPECT_EQ(only_error("x = 1\n[" + deep + "]\n").substr(0, 13), "s.toml:2:129:");
  // Dots inside strings and comments, and in floats, are not key parts.
  EXPECT_TRUE(errors_of("# " + deep + "\n[simulation]\nseed = 3\n").empty());
  EXPECT_TRUE(errors_of("[[region]]\nname = \"" + deep + "\"\n").empty());
}

TEST(LoadScenario, NonsenseValuesAreRefused) {
  EXPECT_NE(only_error("[trust]\nladder = [0.2, nan, 0.9]\n").find("s.toml:2:10: trust.ladder:"),
            std::string::npos);
  // "A\0B" and "A\0C" were both cut to "A" in the run file.
  EXPECT_EQ(only_error("[[region]]\nname = \"A\\u0000B\"\n"),
            "s.toml:2:8: region[0].name: contains a control character (NUL, newline, tab, ...) "
            "(allowed: printable text on one line)");
  EXPECT_EQ(only_error("[simulation]\nsteps = 12\nrecord_every = 24\n"),
            "s.toml:3:16: simulation.record_every: is more than simulation.steps, so no row would "
            "be recorded (allowed: 1..12)");
  EXPECT_EQ(only_error("[trust]\nmax_ties_per_firm = 4\ninitial_ties_per_firm = 6\n"),
            "s.toml:3:25: trust.initial_ties_per_firm: is more than trust.max_ties_per_firm, the "
            "slots a firm has (allowed: 0..4)");
  EXPECT_NE(only_error("[trust]\nmax_ties_per_firm = 1\n").find("trust.entrant_ties"),
            std::string::npos);
  // Once accepted, with an employment rate of 1.5 to 510.
  EXPECT_EQ(only_error("[[region]]\nname = \"A\"\npopulation = 1000\nfirms = 900\n"),
            "s.toml:4:9: region[0].firms: more establishments than the labour force (population x "
            "labour_force_share = 497) (allowed: 1..497)");
}

TEST(LoadScenario, FirmsOverAllRegionsStayWithinTheActorIndex) {
  std::string text;
  for (int k = 0; k < 3; ++k)
    text += "[[region]]\nname = \"R" + std::to_string(k) +
            "\"\npopulation = 900000000\nfirms = 50000000\n";
  EXPECT_NE(only_error(text).find("the regions' firms sum to 150000000, beyond what a firm index "
                                  "holds with room for entrants (allowed: at most 100000000"),
            std::string::npos);
}

TEST(LoadScenario, LimitsAndSeedsArePrintedInFull) {
  EXPECT_NE(only_error("", {"simulation.seed=-1"}).find("(allowed: integer 0..9000000000000000)"),
            std::string::npos);
}

TEST(LoadScenario, LongErrorListsAreCappedInFileOrder) {
  std::string text;
  for (int k = 0; k < 5000; ++k) text += "unknown" + std::to_string(k) + " = 1\n";
  try {
    load_scenario_text(text, "s.toml");
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.diagnostics().size(), 5000u);
    std::istringstream lines(e.what());
    std::vector<std::string> shown;
    for (std::string line; std::getline(lines, line);) shown.push_back(line);
    ASSERT_EQ(shown.size(), kMaxDiagnosticsShown + 1);
    for (std::size_t k = 0; k < kMaxDiagnosticsShown; ++k)
      EXPECT_EQ(
          shown[k].find("s.toml:" + std::to_string(k + 1) + ":1: unknown" + std::to_string(k)), 0u);
    EXPECT_EQ(shown.back(), "... and 4980 more");
  }
}

TEST(LoadScenario, OnlyRegularFilesOfBoundedSizeAreRead) {
  auto error_of = [](const fs::path& path) {
    try {
      load_scenario_file(path);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  EXPECT_NE(error_of(dir).find("cannot read scenario file: is a directory"), std::string::npos);
  EXPECT_NE(error_of("/dev/zero").find("is not a regular file"), std::string::npos);
  const fs::path fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(error_of(fifo).find("is not a regular file"), std::string::npos);  // did not block
  const fs::path large = dir / "large.toml";
  { std::ofstream(large) << "# x\n"; }
  fs::resize_file(large, kMaxInputBytes + 1);
  EXPECT_NE(error_of(large).find("larger than 16 MiB"), std::string::npos);
  { std::ofstream(dir / "on_fifo.toml") << "base = \"fifo\"\n"; }
  EXPECT_NE(error_of(dir / "on_fifo.toml").find("on_fifo.toml:1:8: base: cannot read"),
            std::string::npos);
}

TEST(LoadScenario, TextAfterOverridesRepeatsTheRun) {
  const std::vector<std::string> overrides = {"simulation.seed=99", "region.0.firms=123"};
  const Scenario first = load_default_scenario(overrides);
  EXPECT_NE(first.text.find("seed = 99"), std::string::npos);
  const Scenario again = load_scenario_text(first.text, "again.toml");
  EXPECT_EQ(again.simulation.seed, 99);
  EXPECT_EQ(again.regions[RegionId(0)].firms, 123);
  EXPECT_EQ(again.regions[RegionId(0)].name, first.regions[RegionId(0)].name);
  EXPECT_EQ(again.regions[RegionId(1)].sector_shares, first.regions[RegionId(1)].sector_shares);
}

TEST(LoadScenario, TextWithoutOverridesIsVerbatim) {
  const std::string text = "# a comment that must survive\n[simulation]\nsteps = 3\n";
  EXPECT_EQ(load_scenario_text(text, "s.toml").text, text);
}

TEST(LoadScenario, EmbeddedDefaultIsScenariosDefaultToml) {
  EXPECT_EQ(std::string(embedded_default_scenario()),
            testing::read_text(std::string(ECOSIM_SOURCE_DIR) + "/scenarios/default.toml"));
  const Scenario s = load_default_scenario();
  ASSERT_GE(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[RegionId(0)].name, "Drammen");
}

}  // namespace
}  // namespace ecosim
