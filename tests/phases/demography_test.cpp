// Phase 8, demography (phases/demography.cpp): exits by hazard and insolvency, entries that
// take over the rows of firms closed earlier.
#include <gtest/gtest.h>

#include <cmath>

#include "phases/phases.hpp"
#include "rules/firms.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Demography, TheExitHazardFallsWithSize) {
  // A high hazard, so that one month shows it; half the private firms large, half without
  // employees; the excess hazard of young firms switched off here (tested below).
  const Scenario s =
      testing::small_scenario({"firms.exit_hazard_per_year=0.99", "firms.exit_size_exponent=0.5",
                               "firms.exit_young_excess=0", "firms.entry_rate_per_year=0",
                               "universities.spinoffs_per_year=0"});
  int small_exits = 0, large_exits = 0, small_firms = 0, large_firms = 0;
  for (int seed = 1; seed <= 4; ++seed) {
    World w = build_world(testing::small_scenario({"simulation.seed=" + std::to_string(seed)}));
    for (const FirmId i : w.firms.ids()) w.firms.employees[i] = i.index() % 2 ? 99 : 0;
    w.step = seed;  // another month's draws
    update_demography(w, s);
    for (const FirmId i : w.firms.ids()) {
      if (w.firms.is_public[i]) {
        EXPECT_TRUE(w.firms.alive[i]) << "public establishments do not close";
        continue;
      }
      const bool large = i.index() % 2;
      (large ? large_firms : small_firms) += 1;
      if (!w.firms.alive[i]) (large ? large_exits : small_exits) += 1;
    }
  }
  const double monthly = 1.0 - std::exp(-0.99 / 12.0);
  EXPECT_NEAR(double(small_exits) / small_firms, monthly, 0.025);
  EXPECT_NEAR(double(large_exits) / large_firms, 1.0 - std::exp(-0.099 / 12.0), 0.008)
      << "(99 + 1)^-0.5 = 1/10";
}

TEST(Demography, YoungFirmsExitMoreOftenThanOldOnes) {
  const FirmParams p = testing::small_scenario({"firms.exit_size_exponent=0.5"}).firms;
  EXPECT_NEAR(exit_hazard_per_year(p, 0.0, 0), p.exit_hazard_per_year * (1 + p.exit_young_excess),
              1e-12);
  EXPECT_GT(exit_hazard_per_year(p, 0.5, 0), exit_hazard_per_year(p, 3.0, 0));
  EXPECT_NEAR(exit_hazard_per_year(p, 50.0, 0), p.exit_hazard_per_year, 1e-9);
  EXPECT_NEAR(exit_hazard_per_year(p, 50.0, 3), p.exit_hazard_per_year / 2, 1e-9) << "(3 + 1)^-0.5";
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
