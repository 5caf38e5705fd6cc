#include "scenario/load.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ecosim {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

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
    std::istringstream lines(read_file(path));
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

TEST(LoadScenario, BadOverridesAreReportedLikeFileErrors) {
  const auto errors =
      errors_of("[[region]]\nname = \"A\"\n[[region]]\nname = \"B\"\n",
                {"simulation.stepz=3", "simulation.seed=-1", "region.5.firms=3", "novalue"});
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_NE(errors[0].find("region.5.firms: no entry '5' (allowed: index 0..1)"), std::string::npos)
      << errors[0];
  EXPECT_NE(errors[1].find("novalue: expected key.path=value"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("--set simulation.seed=-1:1:9: simulation.seed: out of range: -1"),
            std::string::npos)
      << errors[2];
  EXPECT_NE(errors[3].find("simulation.stepz: unknown key; did you mean 'steps'?"),
            std::string::npos)
      << errors[3];
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
            read_file(std::string(ECOSIM_SOURCE_DIR) + "/scenarios/default.toml"));
  const Scenario s = load_default_scenario();
  ASSERT_GE(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[RegionId(0)].name, "Drammen");
}

}  // namespace
}  // namespace ecosim
