// Partner search and admission (phases/partnerships/partner_search.cpp): the ladder, due
// diligence and the cross-region switch decide who may join.
#include <gtest/gtest.h>

#include <map>

#include "rules/trust.hpp"
#include "support/runs.hpp"

namespace ecosim {
namespace {

using testing::over_seeds;
using testing::Overrides;
using testing::run_where_rules_decide;
using testing::totals;

TEST(PartnerSearch, NoPairBelowTheRequiredRungEverPartners) {
  for (const char* rung : {"shared_view", "cooperation", "joint_action"}) {
    SCOPED_TRACE(rung);
    const Simulation sim =
        run_where_rules_decide({std::string("trust.min_rung_to_partner=") + rung});
    const float lowest = min_partner_trust(sim.scenario());
    EXPECT_GT(lowest, 0.0f);
    for (const Project& p : sim.world().projects)
      for (std::size_t k = 1; k < p.parties.size(); ++k)
        EXPECT_GE(p.parties[k].trust, lowest) << "project " << p.id.index();
  }
  auto started = [](const Simulation& s) { return totals(s.world()).started; };
  EXPECT_GT(over_seeds({"trust.min_rung_to_partner=shared_view"}, started),
            over_seeds({"trust.min_rung_to_partner=joint_action"}, started))
      << "a higher rung leaves fewer partners";
}

TEST(PartnerSearch, NoActorJoinsMoreProjectsThanItHasRoomFor) {
  const Simulation sim = run_where_rules_decide(
      {"projects.max_projects_per_firm=1", "projects.employees_per_extra_project=1e6"});
  std::map<ActorRef, int> running;
  for (const ProjectId id : sim.world().active_projects)
    for (const Party& party : sim.world().projects[id].parties) ++running[party.actor];
  for (const auto& [actor, n] : running) {
    if (actor.is_firm()) {
      EXPECT_LE(n, 1) << "firm " << actor.index();
    }
  }
}

TEST(PartnerSearch, CrossRegionalPartnersOnlyWhenAllowed) {
  const Overrides common = {"trust.cross_region_tie_share=0.3", "trust.encounter_trust_factor=1",
                            "trust.cross_region_factor=1"};
  Overrides off = common, on = common;
  off.push_back("trust.allow_cross_region=false");
  on.push_back("trust.allow_cross_region=true");
  const Simulation closed = run_where_rules_decide(off);
  for (const Project& p : closed.world().projects) {
    EXPECT_FALSE(p.cross_region);
    for (const Party& party : p.parties) EXPECT_EQ(party.region, p.region);
  }
  EXPECT_GT(totals(run_where_rules_decide(on).world()).cross_region, 0.0);
}

TEST(PartnerSearch, LowTrustYieldsFewerProjectsThanHighTrust) {
  auto started = [](const Simulation& s) { return totals(s.world()).started; };
  const double low =
      over_seeds({"region.0.generalised_trust=0.26", "region.1.generalised_trust=0.26"}, started);
  const double high =
      over_seeds({"region.0.generalised_trust=0.74", "region.1.generalised_trust=0.74"}, started);
  EXPECT_LT(low, 0.8 * high);
}

}  // namespace
}  // namespace ecosim
