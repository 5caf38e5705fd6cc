// Execution and evaluation against goals (phases/execution.cpp).
#include <gtest/gtest.h>

#include "support/runs.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

using testing::run_where_rules_decide;

TEST(Execution, ReviewStopsProjectsBelowTheirGoalsAndReturnsTheRest) {
  const Simulation on = run_where_rules_decide(
      {"policy.municipality.evaluation=true", "projects.review_threshold=0.55"}, 7, 48);
  int stopped = 0, reviewed = 0;
  for (const Project& p : on.world().projects) {
    if (p.review_signal < 0) continue;
    ++reviewed;
    if (p.status == ProjectStatus::stopped_at_review) {
      ++stopped;
      EXPECT_LT(p.review_signal, 0.55f);
      EXPECT_EQ(p.end, p.start + p.duration_months / 2) << "stopped at its half-way review";
      EXPECT_NEAR(p.refund_share, 1.0 - double(p.duration_months / 2) / p.duration_months, 1e-12)
          << "a stopped project returns what it had not spent";
    } else {
      EXPECT_GE(p.review_signal, 0.55f) << "a project below its goals went on";
    }
  }
  EXPECT_GT(stopped, 0);
  EXPECT_GT(reviewed, stopped);
  const Simulation off = run_where_rules_decide(
      {"policy.municipality.evaluation=false", "projects.review_threshold=0.55"}, 7, 48);
  for (const Project& p : off.world().projects) {
    EXPECT_NE(p.status, ProjectStatus::stopped_at_review);
    EXPECT_LT(p.review_signal, 0.0f);
  }
}

TEST(Execution, FinishedProjectsPaidEveryInstalmentAndSuccessesLiveOnWhenPaid) {
  const Simulation sim = run_where_rules_decide({"policy.municipality.evaluation=false"}, 7, 60);
  int finished = 0, continued = 0;
  for (const Project& p : sim.world().projects) {
    if (p.status == ProjectStatus::completed || p.status == ProjectStatus::failed) {
      ++finished;
      EXPECT_EQ(p.end, p.start + p.duration_months);
      EXPECT_EQ(p.succeeded, p.status == ProjectStatus::completed);
    }
    if (p.status == ProjectStatus::continued) {
      ++continued;
      EXPECT_TRUE(p.succeeded);
      EXPECT_EQ(p.continued_until, p.end + sim.scenario().projects.continuation_months);
    }
  }
  EXPECT_GT(finished, 0);
  EXPECT_GT(continued, 0);
}

}  // namespace
}  // namespace ecosim
