// Phases 3-5 in order (phases/partnerships/partnerships.cpp): every proposal of a step is
// started or rejected, and counted once.
#include <gtest/gtest.h>

#include "phases/phases.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

using Partnerships = testing::SmallWorld;

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
