// Phases 3-5: ideas, partner search and financing, run in this order each step.
#include "engine/parallel.hpp"
#include "model/partnership_steps.hpp"
#include "model/phases.hpp"

namespace ecosim {
namespace {

// Which firms trust each university, for projects that universities lead. Serial over firms
// in index order, so each list is in a fixed order.
void index_university_ties(World& world) {
  world.university_ties.assign(world.universities.size(), {});
  const FirmTable& f = world.firms;
  for (std::uint32_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    const Tie* ties = world.trust.ties_of(i);
    for (int k = 0; k < world.trust.slots(); ++k)
      if (!ties[k].other.empty() && ties[k].other.kind() == ActorKind::university)
        world.university_ties[ties[k].other.index()].push_back({ActorRef::firm(i), ties[k].trust, ties[k].joint_projects});
  }
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
      start_project(world, s, p);
      continue;
    }
    if (!admitted) {
      for (Check c : {Check::lead_capacity, Check::due_diligence, Check::partner_found})
        if (p.result(c) == CheckResult::failed) p.rejected_by = c;
    }
    ++world.regions[p.region].rejected_by[static_cast<std::size_t>(p.rejected_by)];
  }
}

}  // namespace ecosim
