// Phases 3-5: ideas, partner search and financing, run in this order each step.
#include "engine/parallel.hpp"
#include "phases/partnerships/steps.hpp"
#include "phases/phases.hpp"

namespace ecosim {
namespace {

// Which firms trust each university, for projects that universities lead; each list in firm
// order whatever the number of threads.
void index_university_ties(World& world) {
  const FirmTable& f = world.firms;
  struct Held { std::uint32_t university; Tie tie; };
  const std::vector<Held> held = gather_in_order<Held>(f.size(), [&](std::size_t i, std::vector<Held>& out) {
    if (!f.alive[i] || !world.trust.holds_university_tie(static_cast<std::uint32_t>(i))) return;
    const Tie* ties = world.trust.ties_of(static_cast<std::uint32_t>(i));
    for (int k = 0; k < world.trust.slots(); ++k)
      if (!ties[k].other.empty() && ties[k].other.kind() == ActorKind::university)
        out.push_back({ties[k].other.index(), {ActorRef::firm(static_cast<std::uint32_t>(i)), ties[k].trust, ties[k].joint_projects}});
  });
  world.university_ties.assign(world.universities.size(), {});
  for (const Held& h : held) world.university_ties[h.university].push_back(h.tie);
}

}  // namespace

void form_partnerships(World& world, const Scenario& s) {
  index_university_ties(world);
  const std::size_t first = propose_projects(world, s);
  std::vector<std::vector<Candidate>> candidates;
  rank_candidates(world, s, first, candidates);
  // In proposal order: earlier proposals take partners' room and funders' budgets first.
  for (std::size_t k = first; k < world.projects.size(); ++k) {
    Project& p = world.projects[k];
    admit_partners(world, s, p, candidates[k - first]);
    const bool admitted = p.result(Check::partner_found) == CheckResult::passed;
    if (admitted) finance(world, s, p);
    if (admitted && p.result(Check::funded) == CheckResult::passed) {
      start_project(world, p);
      continue;
    }
    if (!admitted) {
      for (Check c : {Check::lead_capacity, Check::due_diligence, Check::partner_found}) {
        if (p.result(c) == CheckResult::failed) {
          p.rejected_by = c;
          break;
        }
      }
    }
    ++world.regions[p.region].rejected_by[static_cast<std::size_t>(p.rejected_by)];
  }
}

}  // namespace ecosim
