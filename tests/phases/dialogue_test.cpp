// Phase 2, dialogue (phases/dialogue.cpp): meetings raise trust, which otherwise rests.
#include <gtest/gtest.h>

#include "phases/phases.hpp"
#include "rules/trust.hpp"
#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Dialogue, WithoutMeetingsTrustMovesTowardTheRestingLevel) {
  const Scenario s = testing::small_scenario({"region.0.dialogue_per_month=0",
                                              "dialogue.brokered_meetings_per_month=0",
                                              "trust.decay_per_month=0.1"});
  World w = build_world(s);
  const FirmId i = testing::alive_firms(w, RegionId(0), 1)[0];
  w.firms.trust_in_municipality[i] = 0.2f;
  const ActorRef other = ActorRef::firm(testing::alive_firms(w, RegionId(0), 2)[1]);
  w.trust.set(i, other, 0.9f);
  hold_dialogue(w, s);
  const float rest = tie_trust(s, RegionId(0), RegionId(0));
  EXPECT_FLOAT_EQ(w.firms.trust_in_municipality[i], 0.2f + 0.1f * (0.7f - 0.2f));
  EXPECT_FLOAT_EQ(w.trust.trust(i, other, -1), 0.9f + 0.1f * (rest - 0.9f));
}

TEST(Dialogue, TiesToClosedFirmsAreDropped) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const auto firms = testing::alive_firms(w, RegionId(0), 2);
  w.trust.set(firms[0], ActorRef::firm(firms[1]), 0.5f);
  w.firms.alive[firms[1]] = 0;
  hold_dialogue(w, s);
  EXPECT_EQ(w.trust.trust(firms[0], ActorRef::firm(firms[1]), -1.0f), -1.0f);
}

TEST(Dialogue, MeetingsRaiseTrustInTheMunicipality) {
  const Scenario busy = testing::small_scenario({"region.0.dialogue_per_month=100000"});
  World w = build_world(busy);
  const FirmId i = testing::alive_firms(w, RegionId(0), 1)[0];
  w.firms.trust_in_municipality[i] = 0.5f;
  hold_dialogue(w, busy);
  EXPECT_EQ(w.firms.met_this_step[i], 1) << "with so many meetings every firm is met";
  const float gain = static_cast<float>(busy.trust.gain_dialogue),
              decay = static_cast<float>(busy.trust.decay_per_month);
  const float met = 0.5f + gain * 0.5f;
  EXPECT_FLOAT_EQ(w.firms.trust_in_municipality[i], met + decay * (0.7f - met));
}

TEST(Dialogue, OrganisationsLivingOnPublicMoneyRepresentLess) {
  const Scenario s = testing::small_scenario({"dialogue.public_grant_nok_per_year=1e9"});
  World w = build_world(s);
  hold_dialogue(w, s);
  for (const PromotionOrg& org : w.promotion_orgs) EXPECT_LT(org.representativeness, 0.01);
  const Scenario member_funded = testing::small_scenario({"dialogue.public_grant_nok_per_year=0"});
  World v = build_world(member_funded);
  hold_dialogue(v, member_funded);
  for (const PromotionOrg& org : v.promotion_orgs) EXPECT_EQ(org.representativeness, 1.0);
}

// Over two years, many more municipal meetings leave firms trusting their municipality more
// and more satisfied.
TEST(Dialogue, MoreDialogueRaisesTrustAndSatisfaction) {
  auto final_view = [](double meetings) {
    Simulation sim(
        testing::small_scenario({"region.0.dialogue_per_month=" + std::to_string(meetings)}));
    Observation o;
    for (int t = 0; t < 24; ++t) o = sim.step();
    double trust = 0;
    int n = 0;
    const FirmTable& f = sim.world().firms;
    for (const FirmId i : f.ids())
      if (f.alive[i] && f.region[i] == RegionId(0)) trust += f.trust_in_municipality[i], ++n;
    return std::pair{trust / n, o.at(RegionId(0), indicator("satisfaction"))};
  };
  const auto [quiet_trust, quiet_satisfaction] = final_view(0);
  const auto [busy_trust, busy_satisfaction] = final_view(400);
  EXPECT_GT(busy_trust, quiet_trust + 0.01);
  EXPECT_GT(busy_satisfaction, quiet_satisfaction);
}

// Cross-region ties of firm-holders in region 0 at or above the partnering rung, and all.
std::pair<int, int> cross_region_ties(const World& w, const Scenario& s) {
  int usable = 0, all = 0;
  for (const FirmId i : w.firms.ids()) {
    if (!w.firms.alive[i] || w.firms.region[i] != RegionId(0)) continue;
    for (const Tie& tie : w.trust.ties_of(i)) {
      if (region_of(w, tie.other) == RegionId(0)) continue;
      ++all;
      usable += tie.trust >= min_partner_trust(s);
    }
  }
  return {usable, all};
}

// The growth forums' channel: forum meetings make cross-region ties and, repeated, lift them
// to the rung where the two may partner; without the forum (or where partners must be local,
// when the forum meets within its region) no such ties are made.
TEST(Dialogue, GrowthForumsBuildCrossRegionTiesUpTheLadder) {
  auto after_a_year = [](double meetings, bool across) {
    const Scenario s = testing::small_scenario(
        {"dialogue.forum_meetings_per_month=" + std::to_string(meetings), "trust.gain_forum=0.1",
         std::string("trust.allow_cross_region=") + (across ? "true" : "false"),
         "trust.cross_region_tie_share=0", "region.0.dialogue_per_month=0",
         "dialogue.brokered_meetings_per_month=0"});
    World w = build_world(s);
    for (int t = 0; t < 12; ++t) {
      w.step = t;
      w.trust.start_month(t);
      hold_dialogue(w, s);
    }
    return cross_region_ties(w, s);
  };
  const auto [usable_off, all_off] = after_a_year(0, true);
  EXPECT_EQ(all_off, 0) << "no first tie crosses the border here";
  const auto [usable_on, all_on] = after_a_year(300, true);
  EXPECT_GT(all_on, 100);
  EXPECT_GT(usable_on, 10) << "firms met again climb past the partnering rung";
  const auto [usable_local, all_local] = after_a_year(300, false);
  EXPECT_EQ(all_local, 0) << "a forum of partners from one region meets within it";
}

// Who knows whom does not depend on the partnership rule: the network built with partners
// from other regions allowed or not is the same, tie by tie.
TEST(Dialogue, TheCrossRegionRuleLimitsPartnersNotAcquaintances) {
  auto network = [](bool across) {
    return build_world(testing::small_scenario(
        {"trust.cross_region_tie_share=0.2",
         std::string("trust.allow_cross_region=") + (across ? "true" : "false")}));
  };
  const World a = network(true), b = network(false);
  int cross = 0;
  for (const FirmId i : a.firms.ids()) {
    const auto ta = a.trust.ties_of(i), tb = b.trust.ties_of(i);
    ASSERT_EQ(ta.size(), tb.size());
    for (std::size_t k = 0; k < ta.size(); ++k) {
      EXPECT_EQ(ta[k].other, tb[k].other);
      EXPECT_EQ(ta[k].trust, tb[k].trust);
      cross += region_of(a, ta[k].other) != a.firms.region[i];
    }
  }
  EXPECT_GT(cross, 10);
}

}  // namespace
}  // namespace ecosim
