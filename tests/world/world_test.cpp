#include "world/world.hpp"

#include <gtest/gtest.h>

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

TEST(World, KnowsTheRegionOfEveryActor) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  const FirmId rival = testing::alive_firms(w, RegionId(1), 1)[0];
  EXPECT_EQ(region_of(w, ActorRef::firm(rival)), RegionId(1));
  for (const UniversityId u : w.universities.ids())
    EXPECT_EQ(region_of(w, ActorRef::university(u)), w.universities[u].region);
}

}  // namespace
}  // namespace ecosim
