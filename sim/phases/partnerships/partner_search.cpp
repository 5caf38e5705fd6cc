// Phase 4, partner search (ODD: submodel "partnerships"): trusted ties first (earlier
// partners, then others, then partners of earlier partners), then a few new encounters; only
// candidates high enough on the ladder may join. Conflicts resolve in proposal order.
#include <algorithm>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "world/knowledge.hpp"
#include "phases/partnerships/steps.hpp"

namespace ecosim {

float min_partner_trust(const Scenario& s) {
  const auto rung = static_cast<std::size_t>(s.trust.min_rung_to_partner);
  return rung == 0 ? 0.0f : static_cast<float>(s.trust.ladder[rung - 1]);
}

double runway_months(const World& world, std::uint32_t firm) {
  const FirmTable& f = world.firms;
  return f.cash_nok[firm] / (std::max(1, f.employees[firm]) * double(f.wage_nok[firm]));
}

namespace {

// Candidates kept per place in the consortium: enough for those without room or failing due
// diligence to be passed over.
constexpr std::size_t kCandidatesKept = 8;

class CandidateList {
 public:
  CandidateList(const World& world, const Scenario& s, const Project& p, std::vector<Candidate>& out)
      : world_(world), s_(s), p_(p), out_(out), lowest_(min_partner_trust(s)) {}

  // Adds a candidate unless it is the lead, already listed (checked unless the caller knows
  // it is `unique`), closed, below the ladder, or from a region the rules exclude.
  // Encounters below the ladder stay listed: they still make a tie.
  void offer(ActorRef actor, float trust, bool earlier, bool encounter, bool unique = false) {
    if (actor == p_.lead || (trust < lowest_ && !encounter)) return;
    if (!unique)
      for (const Candidate& c : out_)
        if (c.actor == actor) return;
    const FirmTable& f = world_.firms;
    if (actor.is_firm()) {
      if (!f.alive[actor.index()]) return;
      if (f.region[actor.index()] != p_.region && !s_.trust.allow_cross_region) return;
    } else if (actor.kind() != ActorKind::university) {
      return;
    }
    const auto theme = static_cast<std::size_t>(p_.theme);
    const float score = trust * (capability_of(world_, actor, theme) +
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

void rank_for_firm_lead(const World& world, const Scenario& s, const Project& p, CandidateList& list, Rng& rng) {
  const FirmTable& f = world.firms;
  const std::uint32_t lead = p.lead.index();
  const Tie* ties = world.trust.ties_of(lead);
  for (int j = 0; j < world.trust.slots(); ++j)
    if (!ties[j].other.empty()) list.offer(ties[j].other, ties[j].trust, ties[j].joint_projects > 0, false);
  // Partners of earlier partners, trusted through them.
  for (int j = 0; j < world.trust.slots(); ++j) {
    if (!ties[j].other.is_firm() || ties[j].joint_projects == 0 || !f.alive[ties[j].other.index()]) continue;
    const Tie* theirs = world.trust.ties_of(ties[j].other.index());
    for (int k = 0; k < world.trust.slots(); ++k)
      if (theirs[k].other.is_firm() && theirs[k].joint_projects > 0)
        list.offer(theirs[k].other, ties[j].trust * theirs[k].trust, false, false);
  }
  // New encounters: fellow members of the lead's promotion organisation, or firms of its
  // municipality; now and then, where allowed, a firm of another region.
  const auto encounter_trust = static_cast<float>(s.regions[p.region].generalised_trust * s.trust.encounter_trust_factor);
  const std::int32_t org = f.promotion_org[lead];
  const Buckets& pools = org >= 0 ? world.org_members : world.municipality_firms;
  const std::size_t pool = org >= 0 ? static_cast<std::size_t>(org) : f.municipality[lead];
  const std::size_t size = pools.size(pool);
  for (int k = 0; k < s.projects.new_encounters_per_proposal && size > 0; ++k) {
    std::uint32_t other = pools.at(pool, static_cast<std::size_t>(uniform01(rng) * size));
    float trust = encounter_trust;
    if (s.trust.allow_cross_region && uniform01(rng) < s.trust.cross_region_tie_share) {
      other = static_cast<std::uint32_t>(uniform01(rng) * f.size());
      if (f.region[other] != p.region) trust *= static_cast<float>(s.trust.cross_region_factor);
    }
    list.offer(ActorRef::firm(other), trust, false, true);
  }
}

}  // namespace

void rank_candidates(const World& world, const Scenario& s, std::size_t first,
                     std::vector<std::vector<Candidate>>& candidates) {
  candidates.assign(world.projects.size() - first, {});
  for_each_index(
      candidates.size(),
      [&](std::size_t k) {
        const Project& p = world.projects[first + k];
        std::vector<Candidate>& out = candidates[k];
        CandidateList list(world, s, p, out);
        Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::partner_search);
        if (p.lead.is_firm()) {
          rank_for_firm_lead(world, s, p, list, rng);
        } else {  // a firm holds at most one tie to a university: no duplicates to look for
          for (const Tie& t : world.university_ties[p.lead.index()])
            list.offer(t.other, t.trust, t.joint_projects > 0, false, true);
        }
        // Earlier partners first, then by score; ties broken by id so the order is fixed.
        // Only the best few can join, so a university with thousands of ties sorts only those.
        auto better = [](const Candidate& a, const Candidate& b) {
          if (a.earlier_partner != b.earlier_partner) return a.earlier_partner;
          if (a.score != b.score) return a.score > b.score;
          return a.actor < b.actor;
        };
        const std::size_t keep = std::min(out.size(), kCandidatesKept * static_cast<std::size_t>(s.projects.max_partners));
        std::vector<Candidate> encounters;  // kept whatever their rank: each makes a tie
        for (const Candidate& c : out)
          if (c.encounter) encounters.push_back(c);
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(), better);
        out.resize(keep);
        for (const Candidate& c : encounters)
          if (std::none_of(out.begin(), out.end(), [&](const Candidate& o) { return o.actor == c.actor; }))
            out.push_back(c);
        std::sort(out.begin(), out.end(), better);
      },
      16);
}

void admit_partners(World& world, const Scenario& s, Project& p, const std::vector<Candidate>& candidates) {
  FirmTable& f = world.firms;
  const MunicipalityPolicy& m = s.municipality;
  const float lowest = min_partner_trust(s);
  auto has_room = [&](ActorRef a) {
    return a.is_firm() ? f.active_projects[a.index()] < s.projects.max_projects_per_firm
                       : world.universities[a.index()].active_projects < s.universities.max_concurrent_projects;
  };
  auto passes_due_diligence = [&](ActorRef a) {
    return !m.due_diligence || !a.is_firm() || runway_months(world, a.index()) >= m.due_diligence_min_runway_months;
  };

  // Encounters make ties (the first rung) whether or not they lead to a partnership.
  if (p.lead.is_firm()) {
    for (const Candidate& c : candidates) {
      if (!c.encounter || world.trust.trust(p.lead.index(), c.actor, -1.0f) >= 0) continue;
      world.trust.set(p.lead.index(), c.actor, c.trust);
      world.trust.set(c.actor.index(), p.lead, c.trust);
    }
  }

  p.set(Check::lead_capacity, has_room(p.lead));
  if (p.result(Check::lead_capacity) == CheckResult::failed) return;
  if (p.lead.is_firm()) p.parties.front().runway_months = static_cast<float>(runway_months(world, p.lead.index()));
  if (!passes_due_diligence(p.lead)) {
    p.set(Check::due_diligence, false);
    return;
  }
  bool refused = false;
  for (const Candidate& c : candidates) {
    if (static_cast<int>(p.parties.size()) >= s.projects.max_partners) break;
    if (c.trust < lowest || !has_room(c.actor)) continue;
    if (!passes_due_diligence(c.actor)) {
      refused = true;
      continue;
    }
    Party party;
    party.actor = c.actor;
    party.region = c.actor.is_firm() ? f.region[c.actor.index()] : world.universities[c.actor.index()].region;
    party.trust = c.trust;
    if (c.actor.is_firm()) party.runway_months = static_cast<float>(runway_months(world, c.actor.index()));
    p.parties.push_back(party);
  }
  const bool enough = static_cast<int>(p.parties.size()) >= s.projects.min_parties;
  // Due diligence fails the proposal when refusals left it without enough partners.
  if (m.due_diligence) p.set(Check::due_diligence, enough || !refused);
  if (p.result(Check::due_diligence) == CheckResult::failed) return;
  p.set(Check::partner_found, enough);
  p.cross_region = std::any_of(p.parties.begin(), p.parties.end(),
                               [&](const Party& party) { return party.region != p.region; });
}

}  // namespace ecosim
