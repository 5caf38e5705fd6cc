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
  struct Held {
    UniversityId university;
    Tie tie;
  };
  const std::vector<Held> held =
      gather_in_order<Held>(f.size(), [&](std::size_t k, std::vector<Held>& out) {
        const FirmId i(k);
        if (!f.alive[i] || !world.trust.holds_university_tie(i)) return;
        for (const Tie& tie : world.trust.ties_of(i))
          if (const MaybeId<UniversityId> u = tie.other.as_university())
            out.push_back({*u,
                           {.other = ActorRef::firm(i),
                            .trust = tie.trust,
                            .last_contact = tie.last_contact,
                            .joint_projects = tie.joint_projects}});
      });
  world.university_ties.assign(world.universities.size(), {});
  for (const Held& h : held) world.university_ties[h.university].push_back(h.tie);
}

}  // namespace

void form_partnerships(World& world, const Scenario& s) {
  index_university_ties(world);
  const ProjectId first = propose_projects(world, s);
  std::vector<std::vector<Candidate>> candidates;
  rank_candidates(world, s, first, candidates);
  // In proposal order: earlier proposals take partners' room and funders' budgets first.
  const IdRange<ProjectId> proposed = ids(first, world.projects.size() - first.index());
  for (const ProjectId id : proposed) {
    Project& p = world.projects[id];
    admit_partners(world, s, p, candidates[proposed.position_of(id)]);
    if (p.passed(Check::partner_found)) finance(world, s, p);
    if (p.passed(Check::funded)) {
      start_project(world, s, p);
      continue;
    }
    p.rejected_by = blame(p);
    ++world.regions[p.region].flows.rejected_by[*p.rejected_by];
  }
}

}  // namespace ecosim
