// Scenario files that build on a base (scenario/compose.cpp).
#include "scenario/compose.hpp"

#include <gtest/gtest.h>

#include "scenario/load.hpp"

namespace ecosim {
namespace {

TEST(Compose, ABaseFileIsMergedUnderTheScenario) {
  const Scenario s = load_scenario_file(std::string(ECOSIM_TEST_DATA) + "/compose/child.toml");
  EXPECT_EQ(s.simulation.steps, 12);
  EXPECT_EQ(s.simulation.seed, 3) << "keys the child leaves out come from the base";
  ASSERT_EQ(s.regions.size(), 3u);
  EXPECT_EQ(s.regions[RegionId(0)].name, "North");
  EXPECT_EQ(s.regions[RegionId(0)].firms, 300);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(0)].generalised_trust, 0.7);
  EXPECT_EQ(s.regions[RegionId(1)].name, "South") << "region entries merge by position";
  EXPECT_EQ(s.regions[RegionId(1)].firms, 200);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(1)].generalised_trust, 0.3);
  EXPECT_EQ(s.regions[RegionId(2)].name, "East");
  EXPECT_DOUBLE_EQ(s.regions[RegionId(1)].sector_shares[Sector::ict], 1.0);
  EXPECT_DOUBLE_EQ(s.regions[RegionId(1)].sector_shares[Sector::services], 0.0)
      << "an inline table replaces the base's, so the sectors it leaves out are 0";
  // The stored text stands alone: it loads to the same scenario without the base file.
  const Scenario again = load_scenario_text(s.text, "/nowhere/stored.toml");
  EXPECT_EQ(again.regions.size(), 3u);
  EXPECT_DOUBLE_EQ(again.regions[RegionId(1)].generalised_trust, 0.3);
  EXPECT_EQ(again.simulation.seed, 3);
}

TEST(Compose, ACycleOfBasesIsAnErrorAtTheBaseKey) {
  const std::string dir = std::string(ECOSIM_TEST_DATA) + "/compose";
  try {
    parse_composed("base = \"child.toml\"\n", dir + "/parent.toml");
    FAIL() << "a cycle of bases was accepted";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].key, "base");
  }
}

}  // namespace
}  // namespace ecosim
