// Invariants of every phase, checked after every step of the small world.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "world/money.hpp"

namespace ecosim {
namespace {

using testing::small_scenario;

void check_labour(const World& w, const Observation& o) {
  const FirmTable& f = w.firms;
  IdVector<RegionId, double> jobs(w.regions.size(), 0.0);
  for (const FirmId i : f.ids()) {
    ASSERT_GE(f.employees[i], 0);
    ASSERT_GE(f.skilled[i], 0);
    ASSERT_LE(f.skilled[i], f.employees[i]);
    if (f.alive[i]) jobs[f.region[i]] += jobs_of(f, i);
  }
  for (const RegionId r : w.regions.ids()) {
    const RegionState& region = w.regions[r];
    EXPECT_EQ(o.at(r, indicator("jobs")), jobs[r]) << "jobs count alive firms only";
    EXPECT_LE(jobs[r] * region.residents_per_job, region.labour_force * (1 + 1e-9))
        << "employment above the labour force";
    EXPECT_GE(o.at(r, indicator("employment_rate")), 0.0);
    EXPECT_LE(o.at(r, indicator("employment_rate")), 1.0);
    EXPECT_GE(o.at(r, indicator("competence_gap")), 0.0);
    EXPECT_LE(o.at(r, indicator("competence_gap")), 1.0);
  }
}

void check_dead_firms_are_gone(const World& w) {
  const FirmTable& f = w.firms;
  for (const MunicipalityId m : w.municipalities.ids())
    for (const FirmId* i = w.municipality_firms.begin(m); i != w.municipality_firms.end(m); ++i)
      ASSERT_TRUE(f.alive[*i] && f.municipality[*i] == m)
          << "roster holds a closed or foreign firm";
  for (const PromotionOrgId o : w.promotion_orgs.ids())
    for (const FirmId* i = w.org_members.begin(o); i != w.org_members.end(o); ++i)
      ASSERT_TRUE(f.alive[*i] && f.promotion_org[*i] == o) << "closed firm among members";
  for (const FirmId i : f.ids()) {
    if (f.alive[i]) continue;
    for (const Tie& tie : w.trust.ties_of(i))
      ASSERT_TRUE(tie.other.empty()) << "dead firm holds ties";
  }
  for (const Project& p : w.projects) {
    if (p.step != w.step) continue;
    for (const Party& party : p.parties) {
      if (!party.actor.is_firm()) continue;
      const FirmId i = *party.actor.as_firm();
      ASSERT_TRUE(f.alive[i] || f.exit_step[i] == w.step)
          << "a firm that had closed joined a project";
    }
  }
}

void check_money(const World& w, const Scenario& s) {
  double agency = 0, investors = 0;
  IdVector<MunicipalityId, double> municipal(w.municipalities.size(), 0.0);
  std::map<FirmId, int> firm_projects;
  for (const Project& p : w.projects) {
    if (!p.started()) {
      EXPECT_EQ(p.status, ProjectStatus::rejected);
      EXPECT_EQ(p.result(*p.rejected_by), CheckResult::failed)
          << "a rejection names a check that failed";
      EXPECT_EQ(p.public_nok() + p.investor_nok, 0.0) << "rejected proposals commit no money";
      continue;
    }
    EXPECT_EQ(p.result(Check::funded), CheckResult::passed);
    const double kept = 1.0 - p.refund_share;  // a stopped project returned the rest
    agency += kept * p.agency_nok;
    investors += kept * p.investor_nok;
    municipal[p.municipality] += kept * p.municipal_nok;
    const double cash = p.parties_cash_nok();
    const double funded = cash + p.in_kind_nok() + p.public_nok() + p.investor_nok - p.leaked_nok;
    EXPECT_TRUE(covers(funded, s.projects.min_funded_share * p.budget_nok));
    for (const double contribution : {p.municipal_nok, p.agency_nok, p.investor_nok})
      EXPECT_TRUE(contribution == 0.0 || is_money(contribution))
          << "a contribution below the smallest amount: a rounding residual";
    if (p.municipal()) {
      const double others =
          cash + (s.municipality.in_kind_counts ? p.in_kind_nok() : 0) + p.agency_nok;
      EXPECT_TRUE(covers(others, s.municipality.min_external_share * p.budget_nok))
          << "the municipality joined below its minimum external share";
    }
    if (p.status == ProjectStatus::completed || p.status == ProjectStatus::failed) {
      EXPECT_EQ(p.end, p.start + p.duration_months)
          << "a finished project paid all its instalments";
    }
    if (p.status == ProjectStatus::stopped_at_review) {
      EXPECT_EQ(p.end, p.start + p.duration_months / 2) << "stopped at its half-way review";
    }
  }
  for (const ProjectId id : w.active_projects) {
    const Project& p = w.projects[id];
    EXPECT_TRUE(p.status == ProjectStatus::active || p.status == ProjectStatus::continued);
    for (const Party& party : p.parties)
      if (party.actor.is_firm()) ++firm_projects[*party.actor.as_firm()];
  }
  EXPECT_NEAR(w.agency.spent_total_nok, agency, 1e-6 * (1 + agency));
  EXPECT_TRUE(covers(w.agency.budget_left_nok, 0.0)) << "the agency overspent its budget";
  for (const MunicipalityId m : w.municipalities.ids()) {
    EXPECT_NEAR(w.municipalities[m].spent_total_nok, municipal[m], 1e-6 * (1 + municipal[m]));
    EXPECT_TRUE(covers(w.municipalities[m].budget_left_nok, 0.0)) << "municipality overspent";
  }
  double invested = 0;
  for (const PrivateInvestor& inv : w.investors) {
    invested += inv.invested_total_nok;
    EXPECT_GE(inv.capital_left_nok, -1e-6);
  }
  EXPECT_NEAR(invested, investors, 1e-6 * (1 + investors));
  for (const FirmId i : w.firms.ids()) {
    EXPECT_EQ(w.firms.active_projects[i], firm_projects[i]) << "firm " << i.index();
  }
}

void check_bounded_views(const World& w) {
  const FirmTable& f = w.firms;
  for (const FirmId i : f.ids()) {
    if (!f.alive[i]) continue;
    ASSERT_GE(f.satisfaction[i], 0.0f);
    ASSERT_LE(f.satisfaction[i], 1.0f);
    for (const Tie& tie : w.trust.ties_of(i)) {
      if (tie.other.empty()) continue;
      ASSERT_GE(tie.trust, 0.0f);
      ASSERT_LE(tie.trust, 1.0f);
      ASSERT_FALSE(tie.other == ActorRef::firm(i)) << "a firm tied to itself";
    }
  }
}

TEST(Invariants, HoldAfterEveryStep) {
  const Scenario s = small_scenario();
  Simulation sim(s);
  for (int t = 0; t < s.simulation.steps; ++t) {
    SCOPED_TRACE("step " + std::to_string(t));
    const Observation o = sim.step();
    check_labour(sim.world(), o);
    check_dead_firms_are_gone(sim.world());
    check_money(sim.world(), s);
    check_bounded_views(sim.world());
    if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) return;
  }
}

TEST(Invariants, HoldInATightLabourMarketWithoutRules) {
  const Scenario s = small_scenario(
      {"region.0.labour_force_share=0.1", "region.0.human_capital=0.1",
       "policy.municipality.in_kind_counts=false", "policy.municipality.due_diligence=false"});
  Simulation sim(s);
  double gap = 0;
  for (int t = 0; t < s.simulation.steps; ++t) {
    const Observation o = sim.step();
    check_labour(sim.world(), o);
    check_money(sim.world(), s);
    gap += o.at(RegionId(0), indicator("competence_gap"));
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_GT(gap, 0.0) << "scarce skilled labour must leave skilled demand unfilled";
}

// Every phase must do something in the small world within three years.
TEST(Phases, EachPhaseChangesTheWorld) {
  const Scenario s = small_scenario();
  Simulation sim(s);
  double entries = 0, exits = 0, started = 0, public_money = 0, private_money = 0;
  Observation first = sim.step(), last;
  for (int t = 1; t < s.simulation.steps; ++t) {
    last = sim.step();
    entries += last.at(RegionId(0), indicator("entries"));
    exits += last.at(RegionId(0), indicator("exits"));
    started += last.at(RegionId(0), indicator("projects_started")) +
               last.at(RegionId(1), indicator("projects_started"));
    public_money += last.at(RegionId(0), indicator("public_money"));
    private_money += last.at(RegionId(0), indicator("private_money"));
  }
  EXPECT_GT(entries, 0);
  EXPECT_GT(exits, 0);
  EXPECT_GT(started, 0);
  EXPECT_GT(public_money, 0);
  EXPECT_GT(private_money, 0);
  EXPECT_NE(first.at(RegionId(0), indicator("jobs")), last.at(RegionId(0), indicator("jobs")));
  EXPECT_NE(first.at(RegionId(0), indicator("satisfaction")),
            last.at(RegionId(0), indicator("satisfaction")));
  EXPECT_NE(first.at(RegionId(0), indicator("mean_trust")),
            last.at(RegionId(0), indicator("mean_trust")));
  std::set<ProjectStatus> statuses;
  for (const Project& p : sim.world().projects) statuses.insert(p.status);
  EXPECT_TRUE(statuses.count(ProjectStatus::completed)) << "some project must finish";
  EXPECT_TRUE(statuses.count(ProjectStatus::rejected));
}

}  // namespace
}  // namespace ecosim
