// The calendar at the start of a step (phases/calendar.cpp).
#include <gtest/gtest.h>

#include "phases/phases.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

// Funders release a twelfth of their yearly budget each month; unspent money carries over to
// the end of the year and lapses in January.
TEST(Calendar, ResetsTheFlowsAndReleasesBudgetsMonthByMonth) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  w.regions[RegionId(0)].flows.entries = 7;
  w.agency.budget_left_nok = 1;
  w.step = 12;
  begin_step(w, s);
  EXPECT_EQ(w.regions[RegionId(0)].flows.entries, 0);
  EXPECT_DOUBLE_EQ(w.agency.budget_left_nok, s.public_agency.budget_per_year / 12)
      << "last year's lapsed";
  const Municipality& m = w.municipalities[MunicipalityId(0)];
  const RegionParams& p = s.regions[m.region];
  const double growth = w.regions[m.region].working_age / (p.population * p.working_age_share);
  EXPECT_DOUBLE_EQ(m.budget_left_nok,
                   s.municipality.budget_per_capita * m.population * growth / 12);
  w.agency.budget_left_nok = 1;
  w.step = 13;
  begin_step(w, s);
  EXPECT_DOUBLE_EQ(w.agency.budget_left_nok, 1 + s.public_agency.budget_per_year / 12)
      << "carried over";
  for (const PrivateInvestor& investor : w.investors)
    EXPECT_GT(investor.capital_left_nok, 0.0) << "investors' capital comes month by month too";
}

// Capital that capital projects mobilised in a year is released through the next, a twelfth a
// month with the yearly capital, and none of it is lost.
TEST(Calendar, ReleasesLastYearsMobilisedCapitalThroughTheYear) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  ASSERT_FALSE(w.investors.empty());
  PrivateInvestor& investor = w.investors[InvestorId(0)];
  investor.mobilised_nok = 1.2e6;
  double released = 0;
  for (Step t = 12; t < 24; ++t) {
    investor.capital_left_nok = 0;
    w.step = t;
    begin_step(w, s);
    released += investor.capital_left_nok;
  }
  EXPECT_NEAR(released, s.investors.capital_nok_per_year + 1.2e6, 1e-3);
  EXPECT_EQ(investor.mobilised_nok, 0.0) << "this year's mobilising starts from nothing";
}

}  // namespace
}  // namespace ecosim
