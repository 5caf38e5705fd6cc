// Financing under the co-financing rules (phases/partnerships/financing.cpp): each rule checked
// on every project it touched, and, over several seeds, by the direction it moves the outcome.
#include <gtest/gtest.h>

#include <map>

#include "phases/partnerships/steps.hpp"
#include "support/runs.hpp"
#include "support/small_world.hpp"
#include "world/money.hpp"

namespace ecosim {
namespace {

using testing::over_seeds;
using testing::Overrides;
using testing::run_where_rules_decide;
using testing::SmallWorld;
using testing::totals;

TEST(Financing, MunicipalityJoinsOnlyWhenOthersBringItsMinimumShare) {
  for (const bool in_kind_counts : {true, false}) {
    for (const double minimum : {0.3, 0.5, 0.7}) {
      SCOPED_TRACE("in_kind_counts=" + std::to_string(in_kind_counts) +
                   " min=" + std::to_string(minimum));
      const Simulation sim = run_where_rules_decide(
          {"policy.municipality.min_external_share=" + std::to_string(minimum),
           std::string("policy.municipality.in_kind_counts=") +
               (in_kind_counts ? "true" : "false")});
      int joined = 0;
      for (const Project& p : sim.world().projects) {
        if (!p.municipal()) continue;
        ++joined;
        const double others =
            p.parties_cash_nok() + (in_kind_counts ? p.in_kind_nok() : 0.0) + p.agency_nok;
        EXPECT_TRUE(covers(others, minimum * p.budget_nok)) << "project " << p.id.index();
        EXPECT_EQ(p.result(Check::min_external_share), CheckResult::passed);
      }
      // Where in kind does not count, the others' cash and the agency's aid seldom reach half
      // of a budget that still leaves the municipality a gap: room only at a low minimum.
      if (minimum < (in_kind_counts ? 0.6 : 0.4)) {
        EXPECT_GT(joined, 0) << "the rule must leave room for the municipality";
      }
    }
  }
}

// When the agency's aid closes a project's gap exactly, the municipality has nothing to add.
// The gap it sees is the budget less every contribution, which in floating point is often a
// residual of about 1e-10 NOK; compared with zero, that residual once made a municipal
// partnership of the project, with its overhead, staff time and review (issue 24).
TEST_F(SmallWorld, AidThatClosesTheGapLeavesNothingForTheMunicipality) {
  s.public_agency.max_aid_share = 1.0;     // the agency closes any gap...
  s.public_agency.acceptance_share = 1.0;  // ...and accepts every theme
  s.public_agency.budget_per_year = world.agency.budget_left_nok = 1e12;
  for (Municipality& m : world.municipalities) m.budget_left_nok = 1e12;
  int residuals = 0;
  for (int k = 0; k < 200; ++k) {
    const double budget = 123456.789 * (1 + 0.0137 * k);
    Project& p =
        testing::add_project(world, firm(0), {firm(1), firm(2)}, Theme::climate_energy, budget);
    finance(world, s, p);
    SCOPED_TRACE("budget " + std::to_string(budget));
    residuals += p.budget_nok - p.parties_cash_nok() - p.in_kind_nok() - p.agency_nok > 0.0;
    EXPECT_TRUE(p.passed(Check::funded));
    EXPECT_GT(p.agency_nok, 0.0);
    EXPECT_EQ(p.municipal_nok, 0.0);
    EXPECT_FALSE(p.municipal());
    EXPECT_EQ(p.result(Check::min_external_share), CheckResult::not_reached)
        << "the municipality was asked for a residual";
    EXPECT_EQ(p.overhead_nok + p.leaked_nok, 0.0);
  }
  EXPECT_GT(residuals, 0) << "no budget left a residual: the test no longer builds its case";
}

TEST(Financing, EveryRejectionNamesARuleThatReallyFailed) {
  PerCheck<int> seen{};
  for (const Overrides& o : {Overrides{}, Overrides{"policy.public_agency.budget_per_year=0"},
                             Overrides{"policy.municipality.min_external_share=0.9",
                                       "policy.public_agency.budget_per_year=0"},
                             Overrides{"trust.min_rung_to_partner=joint_action"},
                             Overrides{"policy.municipality.due_diligence_min_runway_months=24"},
                             Overrides{"policy.municipality.viability_weight=1",
                                       "policy.public_agency.budget_per_year=0"},
                             Overrides{"policy.municipality.budget_per_capita=0",
                                       "policy.public_agency.budget_per_year=2e6"}}) {
    const Simulation sim = run_where_rules_decide(o);
    for (const Project& p : sim.world().projects) {
      if (p.started()) continue;
      ASSERT_EQ(p.status, ProjectStatus::rejected);
      ASSERT_EQ(p.result(*p.rejected_by), CheckResult::failed) << "project " << p.id.index();
      ASSERT_EQ(p.rejected_by, blame(p)) << "the first failed check in the order of Check";
      ++seen[*p.rejected_by];
    }
  }
  for (Check c : {Check::partner_found, Check::due_diligence, Check::min_external_share,
                  Check::viability, Check::agency_budget})
    EXPECT_GT(seen[c], 0) << "no rejection by " << kCheckNames[static_cast<std::size_t>(c)];
}

// The 50% rule protects municipal money: the municipality pays a smaller share of its
// partnerships, and others bring more per public NOK.
TEST(Financing, HigherMinimumShareLowersTheMunicipalShareOfItsPartnershipsAndRaisesLeverage) {
  auto per_project = [](const Simulation& s) {
    double share = 0, n = 0;
    for (const Project& p : s.world().projects)
      if (p.started() && p.municipal()) share += p.municipal_nok / p.budget_nok, n += 1;
    return share / std::max(1.0, n);
  };
  auto leverage = [](const Simulation& s) {
    const auto t = totals(s.world());
    return t.private_money / std::max(1.0, t.public_money);
  };
  const Overrides low = {"policy.municipality.min_external_share=0.3",
                         "policy.public_agency.budget_per_year=1e7"};
  const Overrides high = {"policy.municipality.min_external_share=0.7",
                          "policy.public_agency.budget_per_year=1e7"};
  EXPECT_LT(over_seeds(high, per_project), 0.9 * over_seeds(low, per_project));
  EXPECT_GT(over_seeds(high, leverage), over_seeds(low, leverage));
}

// The rules govern the municipality's partnerships only: transparency costs them reporting and
// keeps their municipal money from leaking; other projects bear neither.
TEST(Financing, TransparencyCostsMunicipalPartnershipsReportingAndStopsLeaks) {
  for (const bool transparency : {true, false}) {
    const Simulation sim = run_where_rules_decide(
        {std::string("policy.municipality.transparency=") + (transparency ? "true" : "false")});
    const MunicipalityPolicy& m = sim.scenario().municipality;
    int municipal = 0;
    for (const Project& p : sim.world().projects) {
      if (!p.started()) continue;
      if (!p.municipal()) {
        EXPECT_EQ(p.overhead_nok + p.leaked_nok, 0.0);
        continue;
      }
      ++municipal;
      EXPECT_DOUBLE_EQ(p.overhead_nok, transparency ? m.transparency_overhead * p.budget_nok : 0.0);
      EXPECT_DOUBLE_EQ(p.leaked_nok,
                       transparency ? 0.0 : m.leakage_without_transparency * p.municipal_nok);
    }
    EXPECT_GT(municipal, 0);
  }
}

// Due diligence keeps firms short of cash out of the municipality's partnerships, and costs the
// municipality staff time; without it they take part.
TEST(Financing, DueDiligenceKeepsFirmsShortOfCashOutOfMunicipalPartnerships) {
  const Simulation on =
      run_where_rules_decide({"policy.municipality.due_diligence=true",
                              "policy.municipality.due_diligence_min_runway_months=6"});
  int parties = 0;
  for (const Project& p : on.world().projects) {
    if (!p.started() || !p.municipal()) continue;
    for (const Party& party : p.parties) {
      if (!party.actor.is_firm()) continue;
      ++parties;
      EXPECT_GE(party.runway_months, 6.0f) << "project " << p.id.index();
    }
    EXPECT_GT(p.staff_nok, 0.0);
  }
  EXPECT_GT(parties, 0);
  double staff = 0;
  for (const Municipality& m : on.world().municipalities) staff += m.staff_total_nok;
  EXPECT_GT(staff, 0.0);
  const Simulation off =
      run_where_rules_decide({"policy.municipality.due_diligence=false",
                              "policy.municipality.due_diligence_min_runway_months=6"});
  int short_of_cash = 0;
  for (const Project& p : off.world().projects)
    for (const Party& party : p.parties)
      if (p.started() && p.municipal() && party.actor.is_firm() && party.runway_months < 6.0f)
        ++short_of_cash;
  EXPECT_GT(short_of_cash, 0);
}

// One contract owner takes on only so many new partnerships a year; each is evaluated at the
// municipality's cost, reserved when it starts.
TEST(Financing, OneContractOwnerTakesOnOnlySoManyPartnershipsAYear) {
  const Simulation sim =
      run_where_rules_decide({"policy.municipality.contract_owner_projects_per_year=2",
                              "policy.municipality.single_contract_owner=true"},
                             7, 24);
  std::map<std::pair<std::size_t, int>, int> per_year;  // (municipality, year) -> partnerships
  int refused = 0;
  for (const Project& p : sim.world().projects) {
    refused += p.failed(Check::contract_owner);
    if (!p.started() || !p.municipal()) continue;
    ++per_year[{p.municipality.index(), p.step / 12}];
    const MunicipalityPolicy& m = sim.scenario().municipality;
    EXPECT_GE(p.staff_nok, m.evaluation_staff_days * m.staff_day_cost_nok * (1 - 1e-12));
  }
  for (const auto& [key, n] : per_year) EXPECT_LE(n, 2);
  EXPECT_GT(refused, 0);
}

TEST(Financing, PublicAgencyFundsUpToItsShareFromItsYearlyBudget) {
  const Simulation sim = run_where_rules_decide(
      {"policy.public_agency.max_aid_share=0.4", "policy.public_agency.budget_per_year=5e6"}, 7,
      24);
  for (const Project& p : sim.world().projects)
    EXPECT_LE(p.agency_nok, 0.4 * p.budget_nok * (1 + 1e-12));
  // A year's commitments never exceed its budget and what stopped projects gave back that year.
  double first_year = 0, second_year = 0, refunds_first = 0, refunds_second = 0;
  for (const Project& p : sim.world().projects) {
    (p.step < 12 ? first_year : second_year) += p.agency_nok;
    if (p.status == ProjectStatus::stopped_at_review)
      (p.end < 12 ? refunds_first : refunds_second) += p.refund_share * p.agency_nok;
  }
  EXPECT_LE(first_year, 5e6 + refunds_first);
  EXPECT_LE(second_year, 5e6 + refunds_second);
  EXPECT_GT(first_year, 0);
  EXPECT_EQ(
      totals(run_where_rules_decide({"policy.public_agency.budget_per_year=0"}).world()).agency,
      0.0);
}

}  // namespace
}  // namespace ecosim
