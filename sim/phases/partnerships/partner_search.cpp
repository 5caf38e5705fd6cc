// Phase 4, partner search (ODD: submodel "partnerships"): trusted ties first (earlier
// partners, then others, then partners of earlier partners), then a few new encounters; only
// candidates high enough on the ladder may join. Conflicts resolve in proposal order.
#include <algorithm>

#include "engine/parallel.hpp"
#include "phases/partnerships/steps.hpp"
#include "rules/trust.hpp"
#include "world/knowledge.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

// Candidates kept per place in the consortium: enough for those without room or failing due
// diligence to be passed over.
constexpr std::size_t kCandidatesKept = 8;

class CandidateList {
 public:
  CandidateList(const World& world, const Scenario& s, const Project& p,
                std::vector<Candidate>& out)
      : world_(world), s_(s), p_(p), out_(out), lowest_(min_partner_trust(s)) {}

  // Adds a candidate unless it is the lead, already listed (checked unless the caller knows
  // it is `unique`), closed, below the ladder, or from a region the rules exclude.
  // Encounters below the ladder stay listed: they still make a tie.
  void offer(ActorRef actor, float trust, bool earlier, bool encounter, bool unique = false) {
    if (actor == p_.lead || (trust < lowest_ && !encounter)) return;
    if (!unique)
      for (const Candidate& c : out_)
        if (c.actor == actor) return;
    if (!actor.is_firm() && !actor.is_university()) return;
    if (const MaybeId<FirmId> firm = actor.as_firm()) {
      if (!world_.firms.alive[*firm] || world_.firms.is_public[*firm]) return;
      if (world_.firms.region[*firm] != p_.region && !s_.trust.allow_cross_region) return;
    }
    const float score = trust * (knowledge_of(world_, actor)[p_.theme] +
                                 static_cast<float>(s_.projects.complementarity_weight) *
                                     complementarity(world_, p_.lead, actor));
    out_.push_back({actor, trust, score, earlier, encounter});
  }

 private:
  const World& world_;
  const Scenario& s_;
  const Project& p_;
  std::vector<Candidate>& out_;
  float lowest_;
};

void rank_for_firm_lead(const World& world, const Scenario& s, const Project& p, FirmId lead,
                        CandidateList& list, Rng& rng) {
  const FirmTable& f = world.firms;
  const auto ties = world.trust.ties_of(lead);
  for (const Tie& tie : ties) list.offer(tie.other, tie.trust, tie.joint_projects > 0, false);
  // Partners of earlier partners, trusted through them.
  for (const Tie& tie : ties) {
    const MaybeId<FirmId> partner = alive_firm(f, tie.other);
    if (!partner || tie.joint_projects == 0) continue;
    for (const Tie& theirs : world.trust.ties_of(*partner))
      if (theirs.other.is_firm() && theirs.joint_projects > 0)
        list.offer(theirs.other, tie.trust * theirs.trust, false, false);
  }
  // New encounters: fellow members of the lead's promotion organisation, or firms of its
  // municipality; now and then a firm of another region (which may partner only where
  // trust.allow_cross_region allows: the rule limits partners, not who meets whom).
  const auto encounter_factor = static_cast<float>(s.trust.encounter_trust_factor);
  const MaybeId<PromotionOrgId> org = f.promotion_org[lead];
  const std::size_t size =
      org ? world.org_members.size(*org) : world.municipality_firms.size(f.municipality[lead]);
  // Larger firms are met more often (trust.meeting_size_exponent).
  auto pick = [&](double u) {
    return org ? world.org_members.draw(*org, u)
               : world.municipality_firms.draw(f.municipality[lead], u);
  };
  for (int k = 0; k < s.projects.new_encounters_per_proposal && size > 0; ++k) {
    FirmId other = pick(uniform01(rng));
    if (uniform01(rng) < s.trust.cross_region_tie_share)
      other = FirmId(static_cast<std::size_t>(uniform01(rng) * f.size()));
    list.offer(ActorRef::firm(other), tie_trust(s, p.region, f.region[other], encounter_factor),
               false, true);
  }
}

}  // namespace

void rank_candidates(const World& world, const Scenario& s, ProjectId first,
                     std::vector<std::vector<Candidate>>& candidates) {
  candidates.assign(world.projects.size() - first.index(), {});
  for_each_index(
      candidates.size(),
      [&](std::size_t k) {
        const Project& p = world.projects[ProjectId(first.index() + k)];
        std::vector<Candidate>& out = candidates[k];
        CandidateList list(world, s, p, out);
        Rng rng = rng_for(s, p.id, world.step, Stream::partner_search);
        visit(
            p.lead, [&](FirmId lead) { rank_for_firm_lead(world, s, p, lead, list, rng); },
            [&](UniversityId lead) {
              // A firm holds at most one tie to a university: no duplicates to look for.
              for (const Tie& t : world.university_ties[lead])
                list.offer(t.other, t.trust, t.joint_projects > 0, false, true);
            });
        // Earlier partners first, then by score; ties broken by id so the order is fixed.
        // Only the best few can join, so a university with thousands of ties sorts only those.
        auto better = [](const Candidate& a, const Candidate& b) {
          if (a.earlier_partner != b.earlier_partner) return a.earlier_partner;
          if (a.score != b.score) return a.score > b.score;
          return a.actor < b.actor;
        };
        const std::size_t keep = std::min(
            out.size(), kCandidatesKept * static_cast<std::size_t>(s.projects.max_partners));
        std::vector<Candidate> encounters;  // kept whatever their rank: each makes a tie
        for (const Candidate& c : out)
          if (c.encounter) encounters.push_back(c);
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                          better);
        out.resize(keep);
        for (const Candidate& c : encounters)
          if (std::none_of(out.begin(), out.end(),
                           [&](const Candidate& o) { return o.actor == c.actor; }))
            out.push_back(c);
        std::sort(out.begin(), out.end(), better);
      },
      16);
}

void admit_partners(World& world, const Scenario& s, Project& p,
                    const std::vector<Candidate>& candidates) {
  const float lowest = min_partner_trust(s);

  // Encounters make ties (the first rung) whether or not they lead to a partnership.
  if (const MaybeId<FirmId> lead = p.lead.as_firm()) {
    for (const Candidate& c : candidates) {
      if (!c.encounter || world.trust.has_tie(*lead, c.actor)) continue;
      world.trust.set(*lead, c.actor, c.trust);
      // The other may already hold a tie to the lead (ties need not be mutual): it keeps it.
      const MaybeId<FirmId> other = c.actor.as_firm();  // encounters are firms
      if (other && !world.trust.has_tie(*other, p.lead)) world.trust.set(*other, p.lead, c.trust);
    }
  }

  p.set(Check::lead_capacity, has_room(world, s, p.lead));
  if (p.failed(Check::lead_capacity)) return;
  // Each firm's runway is recorded for the municipality's due diligence (financing).
  if (const MaybeId<FirmId> lead = p.lead.as_firm())
    p.parties.front().runway_months = static_cast<float>(runway_months(world, s, *lead));
  for (const Candidate& c : candidates) {
    if (static_cast<int>(p.parties.size()) >= s.projects.max_partners) break;
    if (c.trust < lowest || !has_room(world, s, c.actor)) continue;
    Party party;
    party.actor = c.actor;
    party.uid = uid_of(world, c.actor);
    party.region = region_of(world, c.actor);
    party.trust = c.trust;
    if (const MaybeId<FirmId> firm = c.actor.as_firm())
      party.runway_months = static_cast<float>(runway_months(world, s, *firm));
    p.parties.push_back(party);
  }
  p.set(Check::partner_found, static_cast<int>(p.parties.size()) >= s.projects.min_parties);
  p.cross_region = std::any_of(p.parties.begin(), p.parties.end(),
                               [&](const Party& party) { return party.region != p.region; });
}

}  // namespace ecosim
