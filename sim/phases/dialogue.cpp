// Phase 2, Dialogue (ODD: Details, submodel "dialogue").
#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <utility>
#include <vector>

#include "engine/parallel.hpp"
#include "phases/phases.hpp"
#include "rules/trust.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

// Municipal meetings (company visits, breakfast meetings), spread over municipalities by
// population. A firm belongs to one municipality, so municipalities can meet in parallel.
void meet_firms(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  for_each_id<MunicipalityId>(
      world.municipalities.size(),
      [&](MunicipalityId m) {
        const Municipality& muni = world.municipalities[m];
        const std::size_t firms = world.municipality_firms.size(m);
        if (firms == 0) return;
        const RegionParams& region = s.regions[muni.region];
        const double share = muni.population / std::max(1.0, region.population);
        Rng rng = rng_for(s, m, world.step, Stream::dialogue_meetings);
        boost::random::poisson_distribution<int> meetings(
            std::max(1e-9, region.dialogue_per_month * share));
        const int count = region.dialogue_per_month > 0 ? meetings(rng) : 0;
        for (int k = 0; k < count; ++k)
          f.met_this_step[world.municipality_firms.at(
              m, static_cast<std::size_t>(uniform01(rng) * firms))] = 1;
      },
      1);
}

// Satisfaction follows service quality, responsiveness and trust in the municipality; every
// tie's trust decays toward the level it rests at (tie_trust); stale ties are forgotten.
void update_firm_views(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const DialogueParams& d = s.dialogue;
  const TrustParams& t = s.trust;
  const double weights =
      std::max(1e-12, d.weight_service + d.weight_responsiveness + d.weight_dialogue);
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    world.trust.prefetch_ties(i.index() + 8);
    if (!f.alive[i]) return;
    const RegionParams& region = s.regions[f.region[i]];
    const float rest = static_cast<float>(region.generalised_trust);
    float trust = f.trust_in_municipality[i];
    if (f.met_this_step[i]) trust += static_cast<float>(t.gain_dialogue) * (1.0f - trust);
    trust += static_cast<float>(t.decay_per_month) * (rest - trust);
    f.trust_in_municipality[i] = trust;
    const double target =
        (d.weight_service * region.service_quality +
         d.weight_responsiveness * region.responsiveness + d.weight_dialogue * trust) /
        weights;
    f.satisfaction[i] += static_cast<float>(d.satisfaction_rate * (target - f.satisfaction[i]));

    // Ties to firms that closed are dropped, and acquaintances without joint work not met for
    // tie_memory_months are forgotten; the others' trust decays toward its resting level.
    const int month = world.trust.month();
    world.trust.keep_if(i, [&](Tie& tie) {
      if (closed_firm(f, tie.other)) return false;
      if (tie.joint_projects == 0 && month - tie.last_contact > t.tie_memory_months) return false;
      const float resting =
          resting_trust(s, f.region[i], region_of(world, tie.other), tie.joint_projects > 0);
      tie.trust += static_cast<float>(t.decay_per_month) * (resting - tie.trust);
      return true;
    });
  });
}

// Promotion organisations broker meetings among their members; an organisation that depends
// on public money past the threshold represents its members less and brokers fewer meetings
// (the Orebro warning). Each organisation draws its meetings from its own stream, side by side;
// they are held in organisation order, one thread: a meeting touches two firms' ties.
void broker_meetings(World& world, const Scenario& s) {
  const DialogueParams& d = s.dialogue;
  const TrustParams& t = s.trust;
  std::vector<std::vector<std::pair<FirmId, FirmId>>> meetings(world.promotion_orgs.size());
  for_each_index(
      world.promotion_orgs.size(),
      [&](std::size_t k) {
        const PromotionOrgId o(k);
        PromotionOrg& org = world.promotion_orgs[o];
        const double income = org.fee_income_nok + org.grant_income_nok;
        const double public_share = income > 0 ? org.grant_income_nok / income : 0.0;
        const double threshold = d.representation_public_share_threshold;
        org.representativeness =
            public_share <= threshold
                ? 1.0
                : std::max(0.0, 1.0 - (public_share - threshold) / (1.0 - threshold + 1e-12));
        if (world.org_members.size(o) < 2) return;
        Rng rng = rng_for(s, o, world.step, Stream::brokered_meetings);
        boost::random::poisson_distribution<int> count(
            std::max(1e-9, d.brokered_meetings_per_month * org.representativeness));
        const int n = d.brokered_meetings_per_month > 0 ? count(rng) : 0;
        for (int m = 0; m < n; ++m) {
          const FirmId a = world.org_members.draw(o, uniform01(rng));
          const FirmId b = world.org_members.draw(o, uniform01(rng));
          meetings[k].emplace_back(a, b);
        }
      },
      1);
  const auto gain = static_cast<float>(t.gain_dialogue);
  for (const PromotionOrgId o : world.promotion_orgs.ids()) {
    // Members are firms of the organisation's region.
    const RegionId region = world.promotion_orgs[o].region;
    const float initial = tie_trust(s, region, region);
    for (const auto& [a, b] : meetings[o.index()]) {
      if (a == b) continue;
      world.trust.nudge(a, ActorRef::firm(b), initial, 1.0f, gain);
      world.trust.nudge(b, ActorRef::firm(a), initial, 1.0f, gain);
    }
  }
}

// A private firm of the region, drawn by municipality (uniform) and then by size; none when
// the municipality drawn has no private firm.
MaybeId<FirmId> draw_firm_of(const World& world, RegionId r, Rng& rng) {
  const IdRange<MunicipalityId> municipalities = world.regions[r].municipalities;
  if (municipalities.size() == 0) return {};
  const MunicipalityId m = municipalities.nth(std::min(
      municipalities.size() - 1, static_cast<std::size_t>(uniform01(rng) * municipalities.size())));
  if (world.municipality_firms.size(m) == 0) return {};
  return world.municipality_firms.draw(m, uniform01(rng));
}

// Growth forums bring firms of their region together with firms of other regions on shared
// themes (seed 003), a stronger contact than a breakfast meeting (trust.gain_forum): repeated,
// such ties climb the ladder to where the two can partner. Where partners may not cross the
// border (or there is one region), the forum brings firms of its own region together. Serial
// in region order: meetings touch two firms' ties.
void hold_growth_forums(World& world, const Scenario& s) {
  const double rate = s.dialogue.forum_meetings_per_month;
  const std::size_t regions = world.regions.size();
  if (rate <= 0) return;
  const bool across = regions > 1 && s.trust.allow_cross_region;
  const float gain = static_cast<float>(s.trust.gain_forum);
  for (const RegionId r : world.regions.ids()) {
    Rng rng = rng_for(s, r, world.step, Stream::forum_meetings);
    boost::random::poisson_distribution<int> meetings(rate);
    const int count = meetings(rng);
    for (int k = 0; k < count; ++k) {
      // One of the other regions, uniformly.
      std::size_t other = r.index();
      if (across) {
        other =
            std::min(regions - 2, static_cast<std::size_t>(uniform01(rng) * double(regions - 1)));
        other += other >= r.index();
      }
      const MaybeId<FirmId> a = draw_firm_of(world, r, rng);
      const MaybeId<FirmId> b = draw_firm_of(world, RegionId(other), rng);
      if (!a || !b || *a == *b) continue;
      world.trust.nudge(*a, ActorRef::firm(*b), tie_trust(s, r, RegionId(other)), 1.0f, gain);
      world.trust.nudge(*b, ActorRef::firm(*a), tie_trust(s, RegionId(other), r), 1.0f, gain);
    }
  }
}

}  // namespace

void hold_dialogue(World& world, const Scenario& s) {
  meet_firms(world, s);
  update_firm_views(world, s);
  broker_meetings(world, s);
  hold_growth_forums(world, s);
}

}  // namespace ecosim
