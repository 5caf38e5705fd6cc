// Phases 3-5 in order (phases/partnerships/partnerships.cpp): every proposal of a step is
// started or rejected, and counted once.
#include <gtest/gtest.h>

#include <algorithm>

#include "phases/phases.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

using Partnerships = testing::SmallWorld;

// The index of ties held to each university is the holders' ties turned around: same trust,
// last contact and joint projects (a university lead asks its earlier partners first). It is
// built for the universities that lead a proposal this month only (the lists read), so a month
// without one leaves every list empty.
TEST_F(Partnerships, TheUniversityIndexMirrorsTheHoldersTies) {
  const FirmId holder = *firm(0).as_firm();
  const ActorRef university = ActorRef::university(world.regions[RegionId(0)].universities.nth(0));
  world.trust.start_month(5);
  ASSERT_TRUE(world.trust.set(holder, university, 0.6f));
  world.trust.add_joint_project(holder, university);
  world.trust.add_joint_project(holder, university);
  const auto index_after = [&](const std::string& university_ideas) {
    World w = world;
    const Scenario ideas = testing::small_scenario(
        {"projects.ideas_per_firm_per_year=0", "universities.ideas_per_year=" + university_ideas});
    begin_step(w, ideas);
    form_partnerships(w, ideas);
    return w.university_ties[*university.as_university()];
  };
  const std::vector<Tie> index = index_after("1000");  // a proposal every month
  const auto entry = std::find_if(index.begin(), index.end(),
                                  [&](const Tie& t) { return t.other == ActorRef::firm(holder); });
  ASSERT_NE(entry, index.end());
  EXPECT_EQ(entry->trust, 0.6f);
  EXPECT_EQ(entry->joint_projects, 2);
  EXPECT_EQ(entry->last_contact, 5);
  EXPECT_TRUE(index_after("0").empty()) << "no university proposes: no list is read or built";
}

TEST_F(Partnerships, EveryProposalIsStartedOrRejectedAndCountedOnce) {
  const Scenario busy = testing::small_scenario({"projects.ideas_per_firm_per_year=1"});
  begin_step(world, busy);
  form_partnerships(world, busy);
  ASSERT_GT(world.projects.size(), 10u);
  IdVector<RegionId, std::int64_t> started(world.regions.size(), 0),
      rejected(world.regions.size(), 0);
  for (const Project& p : world.projects) {
    if (p.started()) {
      EXPECT_EQ(p.status, ProjectStatus::active);
      EXPECT_TRUE(p.passed(Check::funded));
      ++started[p.region];
    } else {
      EXPECT_EQ(p.status, ProjectStatus::rejected);
      EXPECT_EQ(p.rejected_by, blame(p));
      ++rejected[p.region];
    }
  }
  for (const RegionId r : world.regions.ids()) {
    const RegionFlows& flows = world.regions[r].flows;
    std::int64_t by_rule = 0;
    for (const std::int64_t n : flows.rejected_by) by_rule += n;
    EXPECT_EQ(flows.projects_started, started[r]);
    EXPECT_EQ(by_rule, rejected[r]);
    EXPECT_EQ(flows.proposals, started[r] + rejected[r]);
  }
  EXPECT_EQ(world.active_projects.size(),
            static_cast<std::size_t>(started[RegionId(0)] + started[RegionId(1)]));
}

}  // namespace
}  // namespace ecosim
