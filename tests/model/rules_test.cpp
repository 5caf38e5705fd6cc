// Each partnership rule does what docs/MODEL.md says: checked on every project it touched,
// and, over several seeds, by the direction in which it moves the outcome.
#include <gtest/gtest.h>

#include <functional>

#include "phases/partnerships/steps.hpp"
#include "run/simulation.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

using Overrides = std::vector<std::string>;

// The small world with municipal budgets large enough that the rules, not the money, decide.
Simulation run(Overrides overrides, int seed = 7, int steps = 36) {
  overrides.insert(overrides.begin(), {"policy.municipality.budget_per_capita=3000",
                                       "simulation.seed=" + std::to_string(seed),
                                       "simulation.steps=" + std::to_string(steps)});
  Simulation sim(testing::small_scenario(overrides));
  for (int t = 0; t < steps; ++t) sim.step();
  return sim;
}

struct Totals {
  double started = 0, municipal = 0, public_money = 0, private_money = 0, leaked = 0;
  double succeeded = 0, ended = 0, cross_region = 0, success_probability = 0, agency = 0;
};

Totals totals(const World& w) {
  Totals t;
  for (const Project& p : w.projects) {
    if (!p.started()) continue;
    t.started += 1;
    t.municipal += p.municipal_nok;
    t.agency += p.agency_nok;
    t.public_money += p.public_nok();
    t.private_money += p.private_cash_nok();
    t.leaked += p.leaked_nok;
    t.cross_region += p.cross_region;
    t.success_probability += p.success_probability;
    if (p.status == ProjectStatus::completed || p.status == ProjectStatus::failed ||
        p.status == ProjectStatus::continued) {
      t.ended += 1;
      t.succeeded += p.succeeded;
    }
  }
  return t;
}

// Mean of a statistic over five seeds.
double over_seeds(const Overrides& overrides, const std::function<double(const Simulation&)>& stat) {
  double sum = 0;
  for (int seed = 1; seed <= 5; ++seed) sum += stat(run(overrides, seed));
  return sum / 5;
}

TEST(Rules, MunicipalityJoinsOnlyWhenOthersBringItsMinimumShare) {
  for (const bool in_kind_counts : {true, false}) {
    for (const double minimum : {0.3, 0.5, 0.7}) {
      SCOPED_TRACE("in_kind_counts=" + std::to_string(in_kind_counts) + " min=" + std::to_string(minimum));
      const Simulation sim = run({"policy.municipality.min_external_share=" + std::to_string(minimum),
                                  std::string("policy.municipality.in_kind_counts=") + (in_kind_counts ? "true" : "false")});
      int joined = 0;
      for (const Project& p : sim.world().projects) {
        if (p.municipal_nok <= 0) continue;
        ++joined;
        const double others = p.parties_cash_nok() + (in_kind_counts ? p.in_kind_nok() : 0.0) + p.agency_nok;
        EXPECT_GE(others / p.budget_nok, minimum - 1e-12) << "project " << p.id;
        EXPECT_EQ(p.result(Check::min_external_share), CheckResult::passed);
      }
      if (minimum < 0.6) {
        EXPECT_GT(joined, 0) << "the rule must leave room for the municipality";
      }
    }
  }
}

TEST(Rules, DueDiligenceRefusesPartnersShortOfCash) {
  const Simulation on = run({"policy.municipality.due_diligence=true", "policy.municipality.due_diligence_min_runway_months=4"});
  int parties = 0;
  for (const Project& p : on.world().projects) {
    if (!p.started()) continue;
    for (const Party& party : p.parties) {
      if (!party.actor.is_firm()) continue;
      ++parties;
      EXPECT_GE(party.runway_months, 4.0f) << "project " << p.id;
    }
  }
  EXPECT_GT(parties, 0);
  // Without it, partners short of cash do take part: the check above could fail.
  const Simulation off = run({"policy.municipality.due_diligence=false"});
  int short_of_cash = 0;
  for (const Project& p : off.world().projects)
    for (const Party& party : p.parties)
      if (p.started() && party.actor.is_firm() && party.runway_months < 4.0f) ++short_of_cash;
  EXPECT_GT(short_of_cash, 0);
}

TEST(Rules, NoPairBelowTheRequiredRungEverPartners) {
  for (const char* rung : {"shared_view", "cooperation", "joint_action"}) {
    SCOPED_TRACE(rung);
    const Simulation sim = run({std::string("trust.min_rung_to_partner=") + rung});
    const float lowest = min_partner_trust(sim.scenario());
    EXPECT_GT(lowest, 0.0f);
    for (const Project& p : sim.world().projects)
      for (std::size_t k = 1; k < p.parties.size(); ++k)
        EXPECT_GE(p.parties[k].trust, lowest) << "project " << p.id;
  }
  EXPECT_GT(over_seeds({"trust.min_rung_to_partner=shared_view"}, [](const Simulation& s) { return totals(s.world()).started; }),
            over_seeds({"trust.min_rung_to_partner=joint_action"}, [](const Simulation& s) { return totals(s.world()).started; }))
      << "a higher rung leaves fewer partners";
}

TEST(Rules, EveryRejectionNamesARuleThatReallyFailed) {
  std::array<int, kChecks> seen{};
  for (const Overrides& o : {Overrides{}, Overrides{"policy.public_agency.budget_per_year=0"},
                             Overrides{"policy.municipality.min_external_share=0.9", "policy.public_agency.budget_per_year=0"},
                             Overrides{"trust.min_rung_to_partner=joint_action"},
                             Overrides{"policy.municipality.viability_weight=1", "policy.public_agency.budget_per_year=0"},
                             Overrides{"policy.municipality.budget_per_capita=0", "policy.public_agency.budget_per_year=2e6"}}) {
    const Simulation sim = run(o);
    for (const Project& p : sim.world().projects) {
      if (p.started()) continue;
      ASSERT_EQ(p.status, ProjectStatus::rejected);
      ASSERT_EQ(p.result(p.rejected_by), CheckResult::failed) << "project " << p.id;
      ++seen[static_cast<std::size_t>(p.rejected_by)];
    }
  }
  for (Check c : {Check::partner_found, Check::due_diligence, Check::min_external_share, Check::viability,
                  Check::agency_budget})
    EXPECT_GT(seen[static_cast<std::size_t>(c)], 0) << "no rejection by " << kCheckNames[static_cast<std::size_t>(c)];
}

TEST(Rules, ReviewStopsProjectsBelowTheirGoals) {
  const Simulation on = run({"policy.municipality.evaluation=true", "projects.review_threshold=0.55"}, 7, 48);
  int stopped = 0, reviewed = 0;
  for (const Project& p : on.world().projects) {
    if (p.review_signal < 0) continue;
    ++reviewed;
    if (p.status == ProjectStatus::stopped_at_review) {
      ++stopped;
      EXPECT_LT(p.review_signal, 0.55f);
      EXPECT_NEAR(p.refund_share, 1.0 - double(p.duration_months / 2) / p.duration_months, 1e-12)
          << "a stopped project returns what it had not spent";
    } else {
      EXPECT_GE(p.review_signal, 0.55f) << "a project below its goals went on";
    }
  }
  EXPECT_GT(stopped, 0);
  EXPECT_GT(reviewed, stopped);
  const Simulation off = run({"policy.municipality.evaluation=false", "projects.review_threshold=0.55"}, 7, 48);
  for (const Project& p : off.world().projects) {
    EXPECT_NE(p.status, ProjectStatus::stopped_at_review);
    EXPECT_LT(p.review_signal, 0.0f);
  }
}

// When a project's funding ends, the lead's trust in each partner has risen since they joined
// if it succeeded and fallen if it failed (with slow decay, so the project's effect shows).
TEST(Rules, TrustRisesAfterSuccessesAndFallsAfterFailures) {
  Simulation sim(testing::small_scenario({"trust.decay_per_month=0.001", "policy.municipality.evaluation=false",
                                          "simulation.steps=60"}));
  int rose[2] = {0, 0}, fell[2] = {0, 0};  // [failed, succeeded]
  for (int t = 0; t < 60; ++t) {
    sim.step();
    const World& w = sim.world();
    for (const Project& p : w.projects) {
      if (!p.started() || p.end != w.step || p.status == ProjectStatus::stopped_at_review) continue;
      if (!p.lead.is_firm() || !w.firms.alive[p.lead.index()]) continue;
      for (std::size_t k = 1; k < p.parties.size(); ++k) {
        const Party& b = p.parties[k];
        if (b.actor.is_firm() && (!w.firms.alive[b.actor.index()] || w.firms.cash_nok[b.actor.index()] < 0)) continue;
        const float now = w.trust.trust(p.lead.index(), b.actor, -1.0f);
        if (now < 0) continue;  // forgotten for a stronger tie
        (now > b.trust ? rose : fell)[p.succeeded] += 1;
      }
    }
  }
  EXPECT_GT(rose[1], 10);
  EXPECT_GT(fell[0], 10);
  EXPECT_GT(rose[1], 9 * fell[1]) << "successes raise trust";
  EXPECT_GT(fell[0], 9 * rose[0]) << "failures lower trust";
}

TEST(Rules, HigherMinimumShareLowersMunicipalMoneyPerProjectAndRaisesLeverage) {
  auto per_project = [](const Simulation& s) { const Totals t = totals(s.world()); return t.municipal / std::max(1.0, t.started); };
  auto leverage = [](const Simulation& s) { const Totals t = totals(s.world()); return t.private_money / std::max(1.0, t.public_money); };
  const Overrides low = {"policy.municipality.min_external_share=0.3", "policy.public_agency.budget_per_year=1e7"};
  const Overrides high = {"policy.municipality.min_external_share=0.7", "policy.public_agency.budget_per_year=1e7"};
  EXPECT_LT(over_seeds(high, per_project), 0.9 * over_seeds(low, per_project));
  EXPECT_GT(over_seeds(high, leverage), over_seeds(low, leverage));
}

TEST(Rules, LowTrustYieldsFewerProjectsThanHighTrust) {
  auto started = [](const Simulation& s) { return totals(s.world()).started; };
  const double low = over_seeds({"region.0.generalised_trust=0.26", "region.1.generalised_trust=0.26"}, started);
  const double high = over_seeds({"region.0.generalised_trust=0.74", "region.1.generalised_trust=0.74"}, started);
  EXPECT_LT(low, 0.8 * high);
}

TEST(Rules, TransparencyStopsLeaksAndRaisesSuccess) {
  const Simulation with = run({"policy.municipality.transparency=true"});
  const Simulation without = run({"policy.municipality.transparency=false"});
  EXPECT_EQ(totals(with.world()).leaked, 0.0);
  EXPECT_GT(totals(without.world()).leaked, 0.0);
  auto mean_success = [](const Simulation& s) { const Totals t = totals(s.world()); return t.success_probability / std::max(1.0, t.started); };
  EXPECT_GT(over_seeds({"policy.municipality.transparency=true"}, mean_success),
            over_seeds({"policy.municipality.transparency=false"}, mean_success));
}

TEST(Rules, SingleContractOwnerLowersCoordinationCost) {
  auto mean_success = [](const Simulation& s) { const Totals t = totals(s.world()); return t.success_probability / std::max(1.0, t.started); };
  EXPECT_GT(over_seeds({"policy.municipality.single_contract_owner=true"}, mean_success),
            over_seeds({"policy.municipality.single_contract_owner=false"}, mean_success));
}

TEST(Rules, CrossRegionalPartnersOnlyWhenAllowed) {
  const Overrides common = {"trust.cross_region_tie_share=0.3", "trust.encounter_trust_factor=1",
                            "trust.cross_region_factor=1"};
  Overrides off = common, on = common;
  off.push_back("trust.allow_cross_region=false");
  on.push_back("trust.allow_cross_region=true");
  const Simulation closed = run(off);
  for (const Project& p : closed.world().projects) {
    EXPECT_FALSE(p.cross_region);
    for (const Party& party : p.parties) EXPECT_EQ(party.region, p.region);
  }
  EXPECT_GT(totals(run(on).world()).cross_region, 0.0);
}

TEST(Rules, PublicAgencyFundsUpToItsShareFromItsYearlyBudget) {
  const Simulation sim = run({"policy.public_agency.max_aid_share=0.4", "policy.public_agency.budget_per_year=5e6"}, 7, 24);
  for (const Project& p : sim.world().projects) EXPECT_LE(p.agency_nok, 0.4 * p.budget_nok * (1 + 1e-12));
  double first_year = 0, second_year = 0;
  for (const Project& p : sim.world().projects) (p.step < 12 ? first_year : second_year) += p.agency_nok;
  EXPECT_LE(first_year, 5e6);
  EXPECT_LE(second_year, 5e6);
  EXPECT_GT(first_year, 0);
  EXPECT_EQ(totals(run({"policy.public_agency.budget_per_year=0"}).world()).agency, 0.0);
}

}  // namespace
}  // namespace ecosim
