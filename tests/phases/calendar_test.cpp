// The calendar at the start of a step (phases/calendar.cpp).
#include <gtest/gtest.h>

#include "phases/phases.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Calendar, ResetsTheFlowsAndRenewsBudgetsEveryJanuary) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  w.regions[RegionId(0)].flows.entries = 7;
  w.agency.budget_left_nok = 1;
  w.step = 12;
  begin_step(w, s);
  EXPECT_EQ(w.regions[RegionId(0)].flows.entries, 0);
  EXPECT_EQ(w.agency.budget_left_nok, s.public_agency.budget_per_year);
  const Municipality& m = w.municipalities[MunicipalityId(0)];
  EXPECT_DOUBLE_EQ(m.budget_left_nok, s.municipality.budget_per_capita * m.population);
  w.agency.budget_left_nok = 1;
  w.step = 13;
  begin_step(w, s);
  EXPECT_EQ(w.agency.budget_left_nok, 1) << "budgets last the year";
}

}  // namespace
}  // namespace ecosim
