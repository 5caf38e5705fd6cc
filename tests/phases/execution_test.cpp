// Execution and evaluation against goals (phases/execution.cpp).
#include <gtest/gtest.h>

#include "phases/partnerships/steps.hpp"
#include "phases/phases.hpp"
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
    if (!p.reviewed()) continue;  // a reviewed project's signal may be negative
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
    EXPECT_FALSE(p.reviewed());
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

// A party that closes, or long runs short of cash, stops paying: what it had still to give is
// withdrawn, and its costs stop.
TEST(Execution, PartiesInTroubleWithdrawWhatTheyHadStillToGive) {
  testing::SmallWorldState state;
  World& world = state.world;
  const Scenario& s = state.s;
  const auto firms = testing::alive_firms(world, RegionId(0), 2);
  Project& p = testing::add_project(world, ActorRef::firm(firms[0]), {ActorRef::firm(firms[1])},
                                    Theme::competence, 1.2e6, 12);
  p.parties[1].cash_nok = 120e3;
  p.parties[1].in_kind_nok = 60e3;
  p.set(Check::funded, true);
  p.success_probability = 0.9f;
  start_project(world, s, p);
  const double cost = world.firms.project_cost_nok_per_month[firms[1]];
  world.step = 3;
  world.firms.months_negative[firms[1]] = static_cast<std::uint8_t>(s.firms.insolvency_months);
  run_projects(world, s);
  EXPECT_TRUE(p.parties[1].withdrawn);
  EXPECT_FALSE(p.parties[0].withdrawn);
  EXPECT_NEAR(p.withdrawn_nok, (120e3 + 60e3) / 12 * (p.end - 3), 1e-6);
  EXPECT_NEAR(world.firms.project_cost_nok_per_month[firms[1]], cost - (120e3 + 60e3) / 12, 1e-6);
}

}  // namespace
}  // namespace ecosim
