#include "world/rosters.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Rosters, ListAlivePrivateFirmsOfEachMunicipalityAndMembersInFirmOrder) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const FirmId closed = testing::alive_firms(w, RegionId(0), 1)[0];
  w.firms.alive[closed] = 0;
  rebuild_rosters(w, testing::small_scenario({"dialogue.member_fee_nok_per_year=1000"}));
  std::size_t listed = 0;
  for (const MunicipalityId m : w.municipalities.ids()) {
    const FirmId* previous = nullptr;
    for (const FirmId* i = w.municipality_firms.begin(m); i != w.municipality_firms.end(m); ++i) {
      EXPECT_TRUE(w.firms.alive[*i] && !w.firms.is_public[*i]);
      EXPECT_EQ(w.firms.municipality[*i], m);
      if (previous) {
        EXPECT_LT(*previous, *i);
      }
      previous = i;
      ++listed;
    }
  }
  std::size_t private_firms = 0;
  for (const FirmId i : w.firms.ids()) private_firms += w.firms.alive[i] && !w.firms.is_public[i];
  EXPECT_EQ(listed, private_firms) << "public establishments are on no roster";
  for (const PromotionOrgId o : w.promotion_orgs.ids()) {
    for (const FirmId* i = w.org_members.begin(o); i != w.org_members.end(o); ++i)
      EXPECT_EQ(*w.firms.promotion_org[*i], o);
    EXPECT_DOUBLE_EQ(w.promotion_orgs[o].fee_income_nok, 1000.0 * w.org_members.size(o));
  }
}

// Larger firms are drawn more often, in proportion to (employees + 1)^meeting_size_exponent.
TEST(Rosters, DrawMembersInProportionToTheirMeetingWeight) {
  const Scenario s = testing::small_scenario({"trust.meeting_size_exponent=1"});
  World w = build_world(s);
  const auto firms = testing::alive_firms(w, RegionId(0), 1000);
  for (const FirmId i : firms) w.firms.employees[i] = 0;
  w.firms.employees[firms[0]] = 99;  // weight 100 against 1 for each of the others
  rebuild_rosters(w, s);
  const MunicipalityId m = w.firms.municipality[firms[0]];
  const std::size_t members = w.municipality_firms.size(m);
  int big = 0;
  const int draws = 20000;
  for (int k = 0; k < draws; ++k)
    big += w.municipality_firms.draw(m, (k + 0.5) / draws) == firms[0];
  EXPECT_NEAR(double(big) / draws, 100.0 / (100.0 + double(members - 1)), 0.002);
  EXPECT_DOUBLE_EQ(meeting_weight(s, 3), 4.0);
}

// Updated month by month from exits and entries, the rosters are what a rebuild from scratch
// gives: the same members in the same order, with the same weights.
TEST(Rosters, UpdatedByExitsAndEntriesTheyMatchARebuild) {
  const Scenario s = testing::small_scenario({"firms.entry_rate_per_year=0.3"});
  Simulation sim(s);
  std::int64_t moved = 0;  // exits and entries: what the updates had to follow
  for (int month = 0; month < 24; ++month) {
    sim.step();
    for (const RegionState& region : sim.world().regions)
      moved += region.flows.exits + region.flows.entries;
    World rebuilt = sim.world();
    rebuild_rosters(rebuilt, s);
    const World& w = sim.world();
    ASSERT_EQ(w.municipality_firms.members().offsets, rebuilt.municipality_firms.members().offsets)
        << "month " << month;
    ASSERT_EQ(w.municipality_firms.members().items, rebuilt.municipality_firms.members().items);
    ASSERT_EQ(w.municipality_firms.cumulative(), rebuilt.municipality_firms.cumulative());
    ASSERT_EQ(w.org_members.members().offsets, rebuilt.org_members.members().offsets);
    ASSERT_EQ(w.org_members.members().items, rebuilt.org_members.members().items);
    ASSERT_EQ(w.org_members.cumulative(), rebuilt.org_members.cumulative());
    for (const PromotionOrgId o : w.promotion_orgs.ids())
      ASSERT_EQ(w.promotion_orgs[o].fee_income_nok, rebuilt.promotion_orgs[o].fee_income_nok);
  }
  EXPECT_GT(moved, 50) << "firms closed and entered: the rosters moved";
}

// Each group's changes are counted into it in the order they come: out of firm order they
// would be merged wrongly, so they are refused.
TEST(Rosters, AnUpdateRefusesChangesOutOfFirmOrder) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const std::vector<FirmId> firms = testing::alive_firms(w, RegionId(0), 2);
  for (const FirmId i : firms) w.firms.alive[i] = 0;
  const std::vector<FirmId> reversed{firms[1], firms[0]};
  EXPECT_THROW(update_rosters(w, s, reversed, {}), std::logic_error);
  EXPECT_NO_THROW(update_rosters(w, s, firms, {}));
  for (const FirmId i : firms)
    for (const FirmId* k = w.municipality_firms.begin(w.firms.municipality[i]);
         k != w.municipality_firms.end(w.firms.municipality[i]); ++k)
      EXPECT_NE(*k, i) << "a leaver stays on its roster";
}

}  // namespace
}  // namespace ecosim
