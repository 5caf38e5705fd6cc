// Phases 3-5: ideas, partner search and financing, run in this order each step.
#include "engine/parallel.hpp"
#include "phases/partnerships/steps.hpp"
#include "phases/phases.hpp"

namespace ecosim {
namespace {

// Which firms trust each university that leads a proposal this step (the only lists read:
// rank_candidates), each list in firm order whatever the number of threads; the others stay
// empty, and in a month without such a proposal no firm's ties are walked.
void index_university_ties(World& world, IdRange<ProjectId> proposed) {
  const FirmTable& f = world.firms;
  world.university_ties.assign(world.universities.size(), {});
  IdVector<UniversityId, std::uint8_t> leads(world.universities.size(), 0);
  bool any = false;
  for (const ProjectId id : proposed)
    if (const MaybeId<UniversityId> u = world.projects[id].lead.as_university())
      leads[*u] = 1, any = true;
  if (!any) return;
  struct Held {
    UniversityId university;
    Tie tie;
  };
  const std::vector<Held> held =
      gather_in_order<Held>(f.size(), [&](std::size_t k, std::vector<Held>& out) {
        const FirmId i(k);
        world.trust.prefetch_ties(k + 16);  // as total_firms: the lists lie beyond the cache
        if (!f.alive[i] || !world.trust.holds_university_tie(i)) return;
        for (const Tie& tie : world.trust.ties_of(i))
          if (const MaybeId<UniversityId> u = tie.other.as_university(); u && leads[*u])
            out.push_back({*u,
                           {.other = ActorRef::firm(i),
                            .trust = tie.trust,
                            .last_contact = tie.last_contact,
                            .joint_projects = tie.joint_projects}});
      });
  for (const Held& h : held) world.university_ties[h.university].push_back(h.tie);
}

}  // namespace

void form_partnerships(World& world, const Scenario& s) {
  const ProjectId first = propose_projects(world, s);
  const IdRange<ProjectId> proposed = ids(first, world.projects.size() - first.index());
  index_university_ties(world, proposed);
  std::vector<std::vector<Candidate>> candidates;
  rank_candidates(world, s, first, candidates);
  // In proposal order: earlier proposals take partners' room and funders' budgets first.
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
