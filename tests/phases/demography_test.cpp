// Phase 8, demography (phases/demography.cpp): exits by hazard and insolvency, entries that
// take over the rows of firms closed earlier.
#include <gtest/gtest.h>

#include <cmath>

#include "phases/phases.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Demography, TheExitHazardFallsWithSize) {
  // A high hazard, so that one month shows it; half the firms large, half without employees.
  const Scenario s =
      testing::small_scenario({"firms.exit_hazard_per_year=0.99", "firms.exit_size_exponent=0.5",
                               "firms.entry_rate_per_year=0", "universities.spinoffs_per_year=0"});
  int small_exits = 0, large_exits = 0, small_firms = 0, large_firms = 0;
  for (int seed = 1; seed <= 4; ++seed) {
    World w = build_world(testing::small_scenario({"simulation.seed=" + std::to_string(seed)}));
    for (const FirmId i : w.firms.ids()) w.firms.employees[i] = i.index() % 2 ? 99 : 0;
    w.step = seed;  // another month's draws
    update_demography(w, s);
    for (const FirmId i : w.firms.ids()) {
      const bool large = i.index() % 2;
      (large ? large_firms : small_firms) += 1;
      if (!w.firms.alive[i]) (large ? large_exits : small_exits) += 1;
    }
  }
  const double monthly = 1.0 - std::pow(1.0 - 0.99, 1.0 / 12.0);
  EXPECT_NEAR(double(small_exits) / small_firms, monthly, 0.03);
  EXPECT_NEAR(double(large_exits) / large_firms, monthly / 10.0, 0.015) << "(99 + 1)^-0.5 = 1/10";
}

TEST(Demography, FirmsLongInTheRedClose) {
  const Scenario s =
      testing::small_scenario({"firms.exit_hazard_per_year=0", "firms.insolvency_months=6"});
  World w = build_world(s);
  const auto firms = testing::alive_firms(w, RegionId(0), 2);
  w.firms.months_negative[firms[0]] = 6;
  w.firms.months_negative[firms[1]] = 5;
  update_demography(w, s);
  EXPECT_FALSE(w.firms.alive[firms[0]]);
  EXPECT_EQ(w.firms.exit_step[firms[0]], w.step);
  EXPECT_TRUE(w.firms.alive[firms[1]]);
  EXPECT_EQ(w.regions[RegionId(0)].flows.exits, 1);
  for (const Tie& tie : w.trust.ties_of(firms[0]))
    EXPECT_TRUE(tie.other.empty()) << "a closed firm holds no ties";
}

TEST(Demography, EntrantsTakeOverRowsOfFirmsClosedEarlierThatNoProjectNames) {
  const Scenario s =
      testing::small_scenario({"firms.exit_hazard_per_year=0", "firms.entry_rate_per_year=0.5"});
  World w = build_world(s);
  w.step = 5;
  const auto firms = testing::alive_firms(w, RegionId(0), 3);
  for (const FirmId i : firms) w.firms.alive[i] = 0;
  w.firms.exit_step[firms[0]] = 3;  // closed earlier: free
  w.firms.exit_step[firms[1]] = 3;
  w.firms.active_projects[firms[1]] = 1;  // still named by a running project: not free
  w.firms.exit_step[firms[2]] = 5;        // closed this month: others may still hold ties to it
  const std::size_t rows = w.firms.size();
  update_demography(w, s);
  const std::int64_t entries =
      w.regions[RegionId(0)].flows.entries + w.regions[RegionId(1)].flows.entries;
  ASSERT_GT(entries, 1);
  EXPECT_TRUE(w.firms.alive[firms[0]]);
  EXPECT_EQ(w.firms.birth_step[firms[0]], 5) << "an entrant took over the free row";
  EXPECT_FALSE(w.firms.alive[firms[1]]);
  EXPECT_FALSE(w.firms.alive[firms[2]]);
  EXPECT_EQ(w.firms.size(), rows + static_cast<std::size_t>(entries) - 1);
  std::int64_t born = 0;
  for (const FirmId i : w.firms.ids()) born += w.firms.alive[i] && w.firms.birth_step[i] == 5;
  EXPECT_EQ(born, entries);
}

}  // namespace
}  // namespace ecosim
