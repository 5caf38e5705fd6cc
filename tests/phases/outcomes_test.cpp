// What an ended project brings (phases/outcomes.cpp).
#include "phases/outcomes.hpp"

#include <gtest/gtest.h>

#include <map>

#include "support/runs.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

class OutcomesTest : public testing::SmallWorld {
 protected:
  std::vector<FirmId> firms = testing::alive_firms(world, RegionId(0), 3);
};

TEST_F(OutcomesTest, ASuccessRaisesThePartiesKnowledgeAndRevenue) {
  Project& p = testing::add_project(world, firm(0), {firm(1)}, Theme::health_welfare, 2e6);
  p.succeeded = true;
  const float before = world.firms.knowledge[firms[1]][Theme::health_welfare];
  const double revenue = world.firms.innovation_revenue_nok[firms[1]];
  apply_outcomes(world, s, p);
  const ProjectParams& pp = s.projects;
  EXPECT_FLOAT_EQ(world.firms.knowledge[firms[1]][Theme::health_welfare],
                  before + static_cast<float>(pp.knowledge_gain * (1 - before)));
  EXPECT_DOUBLE_EQ(world.firms.innovation_revenue_nok[firms[1]] - revenue,
                   2e6 * pp.innovation_revenue_share / 12.0 / 2);
}

// Innovation's channel to jobs: new products' turnover needs staff, so a party's capacity grows
// by innovation_hiring_share of it over a person's value added; with the share at 0 it does not.
TEST_F(OutcomesTest, NewProductsNeedStaffOnlyWhenTheHiringChannelIsOn) {
  FirmTable& f = world.firms;
  const FirmId i = firms[1];
  const double turnover = 50000;  // a month
  const double per_person =
      value_added(world, s, i) / (f.employees[i] + 1.0 + std::min(0.0f, f.capacity[i]));
  for (const double share : {0.0, 0.5, 1.0}) {
    Scenario with = s;
    with.projects.innovation_hiring_share = share;
    const float capacity = f.capacity[i];
    const double revenue = f.innovation_revenue_nok[i];
    sell_new_products(world, with, i, turnover);
    EXPECT_DOUBLE_EQ(f.innovation_revenue_nok[i] - revenue, turnover) << "CIS's turnover, whole";
    EXPECT_NEAR(f.capacity[i] - capacity, share * turnover / per_person, 1e-4) << share;
    if (share == 0.0) {
      EXPECT_EQ(f.capacity[i], capacity);
    }
  }
  // A success reaches the parties' capacity through it.
  Project& p = testing::add_project(world, firm(0), {firm(1)}, Theme::health_welfare, 2e6);
  p.succeeded = true;
  const float lead = f.capacity[firms[0]];
  apply_outcomes(world, s, p);
  EXPECT_GT(f.capacity[firms[0]], lead);
}

// Switched off, innovation stays in its own account; on, successful projects reach the
// region's jobs.
TEST(Outcomes, InnovationReachesJobsThroughHiring) {
  auto jobs_at_end = [](double share) {
    Simulation sim(
        testing::small_scenario({"projects.innovation_hiring_share=" + std::to_string(share),
                                 "projects.innovation_revenue_share=3", "simulation.steps=48"}));
    for (int t = 0; t < 48; ++t) sim.step();
    return sim.world().regions[RegionId(0)].jobs;
  };
  EXPECT_GT(jobs_at_end(1.0), jobs_at_end(0.0));
}

// A party that withdrew stopped paying: the gains go to those who kept their commitment.
TEST_F(OutcomesTest, APartyThatWithdrewSharesNoGains) {
  Project& p = testing::add_project(world, firm(0), {firm(1), firm(2)}, Theme::climate_energy, 3e6);
  p.succeeded = true;
  p.parties[2].withdrawn = true;
  const FirmTable& f = world.firms;
  const float knowledge = f.knowledge[firms[2]][Theme::climate_energy];
  const float emission = f.emission_factor[firms[2]];
  const double revenue = f.innovation_revenue_nok[firms[2]];
  const double lead_revenue = f.innovation_revenue_nok[firms[0]];
  apply_outcomes(world, s, p);
  EXPECT_EQ(f.knowledge[firms[2]][Theme::climate_energy], knowledge);
  EXPECT_EQ(f.emission_factor[firms[2]], emission);
  EXPECT_EQ(f.innovation_revenue_nok[firms[2]], revenue);
  EXPECT_DOUBLE_EQ(f.innovation_revenue_nok[firms[0]] - lead_revenue,
                   3e6 * s.projects.innovation_revenue_share / 12.0 / 2)
      << "two parties kept their commitment and share the revenue";
  for (Party& party : p.parties) party.cash_nok = 1e5;
  const double before = f.innovation_revenue_nok[firms[2]];
  const double lead_before = f.innovation_revenue_nok[firms[0]];
  end_continuation(world, s, p);
  EXPECT_EQ(f.innovation_revenue_nok[firms[2]], before) << "nor does it earn from a continuation";
  EXPECT_GT(f.innovation_revenue_nok[firms[0]], lead_before);
}

TEST_F(OutcomesTest, EachThemeActsOnItsOwnLever) {
  RegionState& region = world.regions[RegionId(0)];
  const double mnok = 3.0;
  auto succeed = [&](Theme theme) {
    Project& p = testing::add_project(world, firm(0), {firm(1)}, theme, mnok * 1e6);
    p.succeeded = true;
    apply_outcomes(world, s, p);
  };
  const float emission = world.firms.emission_factor[firms[0]];
  succeed(Theme::climate_energy);
  EXPECT_FLOAT_EQ(world.firms.emission_factor[firms[0]],
                  emission * static_cast<float>(1 - s.projects.emission_cut));
  succeed(Theme::entrepreneurship);
  EXPECT_DOUBLE_EQ(region.pending_startups, s.projects.startups_per_mnok * mnok);
  succeed(Theme::tourism);
  EXPECT_DOUBLE_EQ(region.demand_level[Sector::tourism],
                   s.projects.tourism_demand_gain_per_mnok * mnok);
  region.skilled_labour_force = 100;
  succeed(Theme::competence);
  EXPECT_DOUBLE_EQ(region.skilled_labour_force, 100 + s.projects.trainees_per_mnok * mnok);
  const double capital = world.investors[region.investors.nth(0)].mobilised_nok;
  succeed(Theme::capital);
  EXPECT_DOUBLE_EQ(world.investors[region.investors.nth(0)].mobilised_nok - capital,
                   s.projects.capital_mobilised_per_nok * mnok * 1e6 / region.investors.size());
}

TEST_F(OutcomesTest, AStoppedProjectReturnsTheUnspentMoney) {
  Project& p = testing::add_project(world, firm(0), {firm(1)}, Theme::competence, 1e6, 10);
  p.agency_nok = 300e3;
  p.municipal_nok = 100e3;
  p.start = 0;
  p.end = 4;  // stopped after 4 of 10 months
  const double agency = world.agency.budget_left_nok;
  const double municipal = world.municipalities[p.municipality].budget_left_nok;
  refund_unspent(world, p);
  EXPECT_DOUBLE_EQ(p.refund_share, 0.6);
  EXPECT_DOUBLE_EQ(world.agency.budget_left_nok - agency, 180e3);
  EXPECT_DOUBLE_EQ(world.municipalities[p.municipality].budget_left_nok - municipal, 60e3);
  EXPECT_DOUBLE_EQ(p.refunded_nok(), 240e3);
}

TEST_F(OutcomesTest, ReleaseFreesThePartiesRoomAndCommittedCash) {
  Project& p = testing::add_project(world, firm(0), {firm(1)}, Theme::competence, 1e6, 10);
  p.parties[1].cash_nok = 100e3;
  for (const Party& party : p.parties) count_project(world, party.actor, +1);
  world.firms.project_cost_nok_per_month[firms[1]] += 10e3;
  release(world, p);
  EXPECT_EQ(active_projects_of(world, firm(0)), 0);
  EXPECT_EQ(active_projects_of(world, firm(1)), 0);
  EXPECT_DOUBLE_EQ(world.firms.project_cost_nok_per_month[firms[1]], 0.0);
}

// In the month a project's funding ends, the lead's trust in each partner rises if it
// succeeded and falls if it failed. Compared across that month alone: over a project's life
// the same two firms may also fail together elsewhere, which lowers trust whatever this
// project's outcome (slow decay, so the outcome's effect shows).
TEST(Outcomes, TrustRisesAfterSuccessesAndFallsAfterFailures) {
  Simulation sim(
      testing::small_scenario({"trust.decay_per_month=0.001",
                               "policy.municipality.evaluation=false", "simulation.steps=60"}));
  int rose[2] = {0, 0}, fell[2] = {0, 0};  // [failed, succeeded]
  // The lead's trust in each partner before the month in which the project ends.
  std::map<std::pair<std::size_t, std::size_t>, float> before;
  auto lead_trust = [](const World& w, const Project& p, std::size_t k) {
    return w.trust.trust(*p.lead.as_firm(), p.parties[k].actor, -1.0f);
  };
  for (int t = 0; t < 60; ++t) {
    before.clear();
    const World& pre = sim.world();
    for (std::size_t j = 0; j < pre.projects.size(); ++j) {
      const Project& p = pre.projects[ProjectId(j)];
      if (!p.started() || p.end != pre.step + 1 || !p.lead.is_firm()) continue;
      for (std::size_t k = 1; k < p.parties.size(); ++k) before[{j, k}] = lead_trust(pre, p, k);
    }
    sim.step();
    const World& w = sim.world();
    for (const auto& [key, then] : before) {
      const Project& p = w.projects[ProjectId(key.first)];
      const Party& b = p.parties[key.second];
      if (p.status == ProjectStatus::stopped_at_review || !w.firms.alive[*p.lead.as_firm()])
        continue;
      // A partner that closed or withdrew broke its commitment: another rule (and test).
      if (b.withdrawn || (b.actor.is_firm() && !w.firms.alive[*b.actor.as_firm()])) continue;
      const float now = lead_trust(w, p, key.second);
      if (then < 0 || now < 0) continue;  // no tie, or forgotten for a stronger one
      (now > then ? rose : fell)[p.succeeded] += 1;
    }
  }
  EXPECT_GT(rose[1], 10);
  EXPECT_GT(fell[0], 10);
  EXPECT_GT(rose[1], 9 * fell[1]) << "successes raise trust";
  EXPECT_GT(fell[0], 9 * rose[0]) << "failures lower trust";
}

}  // namespace
}  // namespace ecosim
