#include "world/world.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "rules/firms.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(World, ActorsHaveRoomUpToTheirLimit) {
  const Scenario s = testing::small_scenario(
      {"projects.max_projects_per_firm=2", "universities.max_concurrent_projects=1"});
  World w = build_world(s);
  const ActorRef firm = ActorRef::firm(testing::alive_firms(w, RegionId(0), 1)[0]);
  const ActorRef uni = ActorRef::university(UniversityId(0));
  EXPECT_TRUE(has_room(w, s, firm));
  count_project(w, firm, +1);
  count_project(w, firm, +1);
  EXPECT_EQ(active_projects_of(w, firm), 2);
  EXPECT_FALSE(has_room(w, s, firm));
  count_project(w, firm, -1);
  EXPECT_TRUE(has_room(w, s, firm));
  count_project(w, uni, +1);
  EXPECT_FALSE(has_room(w, s, uni));
}

// Ties and parties outlive a closed firm: alive_firm is the firm only while it lives, and never
// a university of the same index.
TEST(World, AliveFirmIsAFirmThatLives) {
  World w = build_world(testing::small_scenario());
  const FirmId f = testing::alive_firms(w, RegionId(0), 1)[0];
  EXPECT_EQ(*alive_firm(w.firms, ActorRef::firm(f)), f);
  EXPECT_FALSE(alive_firm(w.firms, ActorRef::university(UniversityId(f.value()))));
  EXPECT_FALSE(closed_firm(w.firms, ActorRef::firm(f)));
  w.firms.alive[f] = 0;
  EXPECT_FALSE(alive_firm(w.firms, ActorRef::firm(f)));
  EXPECT_TRUE(closed_firm(w.firms, ActorRef::firm(f)));
  EXPECT_FALSE(closed_firm(w.firms, ActorRef::university(UniversityId(f.value()))))
      << "a university is never a closed firm";
}

// The walks over ties read a live firm's region from LiveRegions: the same as its `region`
// column while it lives, and kClosed (never a region) once it has closed.
TEST(World, LiveRegionsAreTheRegionsOfLiveFirmsOnly) {
  World w = build_world(testing::small_scenario());
  const FirmId a = testing::alive_firms(w, RegionId(0), 1)[0];
  const FirmId b = testing::alive_firms(w, RegionId(1), 1)[0];
  w.firms.alive[b] = 0;
  const LiveRegions live(w.firms);
  EXPECT_EQ(live[a], w.firms.region[a].index());
  EXPECT_EQ(live[b], LiveRegions::kClosed);
  for (const FirmId i : w.firms.ids())
    EXPECT_EQ(live[i], w.firms.alive[i] ? w.firms.region[i].index() : LiveRegions::kClosed);
}

TEST(World, AVeryLargeFirmStopsAtWhatItsCounterHolds) {
  // 1,000,000 employees with an extra project per employee: a limit of a million, which the
  // 8-bit counter once wrapped at 256 (back to 0: room again, without end).
  const Scenario s = testing::small_scenario({"projects.employees_per_extra_project=1"});
  World w = build_world(s);
  const FirmId f = testing::alive_firms(w, RegionId(0), 1)[0];
  w.firms.employees[f] = 1'000'000;
  const ActorRef firm = ActorRef::firm(f);
  for (int k = 0; k < kMaxActiveProjectsPerFirm; ++k) {
    ASSERT_TRUE(has_room(w, s, firm)) << k;
    count_project(w, firm, +1);
  }
  EXPECT_EQ(active_projects_of(w, firm), kMaxActiveProjectsPerFirm);
  EXPECT_FALSE(has_room(w, s, firm));
}

TEST(World, KnowsTheRegionOfEveryActor) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  const FirmId rival = testing::alive_firms(w, RegionId(1), 1)[0];
  EXPECT_EQ(region_of(w, ActorRef::firm(rival)), RegionId(1));
  for (const UniversityId u : w.universities.ids())
    EXPECT_EQ(region_of(w, ActorRef::university(u)), w.universities[u].region);
}

class WorldState : public testing::SmallWorld {};

// Due diligence and the cash buffer count months of the same costs: at least one person's
// wage at today's wage level, the firm's fixed costs and its project instalments.
TEST_F(WorldState, RunwayIsCashOverTodaysWagesOfAtLeastOnePersonFixedCostsAndInstalments) {
  FirmTable& f = world.firms;
  const FirmId i = *firm(0).as_firm();
  RegionState& region = world.regions[f.region[i]];
  region.wage_index = 1.1;
  region.productivity_trend = 1.0;
  region.demand_trend = 1.0;
  f.wage_nok[i] = 50e3;
  f.productivity[i] = 1.0f;
  f.employees[i] = 2;
  f.project_cost_nok_per_month[i] = 0;
  const double per_person = s.firms.fixed_cost_share * value_added_per_worker(s.firms, f.sector[i]);
  EXPECT_DOUBLE_EQ(fixed_costs(world, s, i), 3 * per_person) << "two employees and the owner";
  f.cash_nok[i] = 3 * (110e3 + 3 * per_person);
  EXPECT_DOUBLE_EQ(current_wage(world, i), 55e3);
  EXPECT_DOUBLE_EQ(runway_months(world, s, i), 3.0);
  f.employees[i] = 0;  // the owner alone
  f.project_cost_nok_per_month[i] = 55e3;
  EXPECT_DOUBLE_EQ(buffer_costs(world, s, i), 110e3 + per_person);
  f.cash_nok[i] = 3 * (110e3 + per_person);
  EXPECT_DOUBLE_EQ(runway_months(world, s, i), 3.0);
}

// A pass over every firm reads each region's demand factors from one table: what each firm is
// given is, to the bit, what firm_at_work computes for it alone, and a demand shock moves it.
TEST_F(WorldState, DemandFactorsGiveEachFirmTheDemandItsOwnLookupGives) {
  const RegionId r = world.firms.region[*firm(0).as_firm()];
  world.regions[r].log_demand[Sector::ict] = 0.3;
  world.regions[r].demand_level[Sector::ict] = 0.05;
  const DemandFactors table = demand_factors(world);
  bool shocked = false;
  for (const FirmId i : world.firms.ids()) {
    const FirmAtWork alone = firm_at_work(world, s, i), shared = firm_at_work(world, s, i, table);
    EXPECT_EQ(shared.demand, alone.demand);
    EXPECT_EQ(value_added(s.firms, shared), value_added(s.firms, alone));
    if (world.firms.region[i] == r && world.firms.sector[i] == Sector::ict) {
      EXPECT_DOUBLE_EQ(shared.demand, std::exp(0.35));
      shocked = true;
    }
  }
  EXPECT_TRUE(shocked) << "the small world has an ICT firm in the region shocked";
}

}  // namespace
}  // namespace ecosim
