// The initial world of a scenario (world/build.cpp).
#include "world/build.hpp"

#include <gtest/gtest.h>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(BuildWorld, EachRegionHoldsItsInstitutionsAsRangesOfTheTables) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  ASSERT_EQ(w.regions.size(), 2u);
  std::size_t municipalities = 0;
  for (const RegionId r : w.regions.ids()) {
    const RegionState& region = w.regions[r];
    const RegionParams& p = s.regions[r];
    EXPECT_EQ(region.municipalities.size(), static_cast<std::size_t>(p.municipalities));
    EXPECT_EQ(region.universities.size(), static_cast<std::size_t>(p.universities));
    EXPECT_EQ(region.investors.size(), static_cast<std::size_t>(p.private_investors));
    EXPECT_EQ(region.promotion_orgs.size(), static_cast<std::size_t>(p.promotion_orgs));
    for (const MunicipalityId m : region.municipalities) EXPECT_EQ(w.municipalities[m].region, r);
    for (const UniversityId u : region.universities) {
      EXPECT_EQ(w.universities[u].region, r);
      EXPECT_EQ(w.municipalities[w.universities[u].municipality].region, r) << "hosted at home";
    }
    for (const InvestorId i : region.investors) EXPECT_EQ(w.investors[i].region, r);
    for (const PromotionOrgId o : region.promotion_orgs) EXPECT_EQ(w.promotion_orgs[o].region, r);
    municipalities += region.municipalities.size();
  }
  EXPECT_EQ(municipalities, w.municipalities.size());
}

TEST(BuildWorld, FirmsAreBornInTheirRegionWithSharesOfSectorsAndNoEmployeesMostly) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  const FirmTable& f = w.firms;
  ASSERT_EQ(f.size(), 700u + 500u);
  int without_employees = 0;
  for (const FirmId i : f.ids()) {
    EXPECT_TRUE(f.alive[i]);
    EXPECT_EQ(f.birth_step[i], kPresentAtStart);
    EXPECT_EQ(f.exit_step[i], kNoStep);
    EXPECT_EQ(w.municipalities[f.municipality[i]].region, f.region[i]);
    if (f.promotion_org[i]) {
      EXPECT_EQ(w.promotion_orgs[*f.promotion_org[i]].region, f.region[i]);
    }
    EXPECT_LE(f.skilled[i], f.employees[i]);
    without_employees += f.employees[i] == 0;
  }
  EXPECT_EQ(testing::alive_firms(w, RegionId(0), 10000).size(), 700u);
  EXPECT_NEAR(without_employees / 1200.0, s.firms.no_employee_share, 0.05);
}

TEST(BuildWorld, FirstTiesStartNearTheTrustTiesRestAt) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  int ties = 0;
  for (const FirmId i : w.firms.ids()) {
    for (const Tie& tie : w.trust.ties_of(i)) {
      if (tie.other.empty()) continue;
      ++ties;
      // A first tie is drawn by one of the two firms, between 0.6 and 1.2 times the level its
      // ties rest at, and held by both at that trust.
      const RegionId mine = w.firms.region[i], theirs = region_of(w, tie.other);
      auto drawn_by = [&](float rest) {
        return tie.trust >= 0.6f * rest - 1e-6f && tie.trust <= std::min(1.0f, 1.2f * rest) + 1e-6f;
      };
      EXPECT_TRUE(drawn_by(tie_trust(s, mine, theirs)) || drawn_by(tie_trust(s, theirs, mine)))
          << tie.trust;
      EXPECT_NE(tie.other, ActorRef::firm(i));
    }
  }
  EXPECT_GT(ties, 500) << "about two ties per firm";
}

TEST(BuildWorld, TheSameScenarioBuildsTheSameWorld) {
  const Scenario s = testing::small_scenario();
  const World a = build_world(s), b = build_world(s);
  EXPECT_EQ(a.firms.employees.items(), b.firms.employees.items());
  EXPECT_EQ(a.firms.cash_nok.items(), b.firms.cash_nok.items());
  const World c = build_world(testing::small_scenario({"simulation.seed=99"}));
  EXPECT_NE(a.firms.employees.items(), c.firms.employees.items());
}

}  // namespace
}  // namespace ecosim
