// Phase 3, ideas (phases/partnerships/ideas.cpp).
#include <gtest/gtest.h>

#include "phases/partnerships/steps.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Ideas, OnlyActorsWithRoomProposeAndEveryProposalStartsWithItsLead) {
  const Scenario s = testing::small_scenario(
      {"projects.ideas_per_firm_per_year=1", "projects.max_projects_per_firm=1"});
  World w = build_world(s);
  const auto busy = testing::alive_firms(w, RegionId(0), 300);
  for (const FirmId i : busy) count_project(w, ActorRef::firm(i), +1);
  const ProjectId first = propose_projects(w, s);
  ASSERT_GT(w.projects.size(), first.index());
  std::int64_t proposals = 0;
  for (const ProjectId id : ids(first, w.projects.size() - first.index())) {
    const Project& p = w.projects[id];
    ASSERT_EQ(p.parties.size(), 1u);
    EXPECT_EQ(p.parties[0].actor, p.lead);
    EXPECT_EQ(p.region, region_of(w, p.lead));
    EXPECT_GE(p.duration_months, s.projects.duration_min_months);
    EXPECT_LE(p.duration_months, s.projects.duration_max_months);
    if (p.lead.is_firm()) {
      EXPECT_TRUE(has_room(w, s, p.lead)) << "a firm without room proposed";
    }
    proposals += 1;
  }
  EXPECT_EQ(proposals,
            w.regions[RegionId(0)].flows.proposals + w.regions[RegionId(1)].flows.proposals);
}

TEST(Ideas, FirmsProposeInTheThemesTheyKnow) {
  const Scenario s = testing::small_scenario({"projects.ideas_per_firm_per_year=1"});
  World w = build_world(s);
  for (const FirmId i : w.firms.ids()) {
    w.firms.knowledge[i].fill(0.0f);
    w.firms.knowledge[i][Theme::tourism] = 0.9f;
  }
  const ProjectId first = propose_projects(w, s);
  int tourism = 0, firm_led = 0;
  for (const ProjectId id : ids(first, w.projects.size() - first.index())) {
    if (!w.projects[id].lead.is_firm()) continue;
    ++firm_led;
    tourism += w.projects[id].theme == Theme::tourism;
  }
  ASSERT_GT(firm_led, 30);
  // Weights (knowledge + 0.05) x the agency's priority: 0.95 x 0.8 for tourism against 0.05 x
  // 1.5 for climate and 0.05 for each other theme, a share of 0.76 / 1.035.
  EXPECT_NEAR(double(tourism) / firm_led, 0.76 / 1.035, 0.1);
}

}  // namespace
}  // namespace ecosim
