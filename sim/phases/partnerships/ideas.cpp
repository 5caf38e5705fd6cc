// Phase 3, ideas (ODD: submodel "partnerships"): firms and universities propose projects.
#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "phases/partnerships/steps.hpp"
#include "rules/firms.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

// A theme drawn in proportion to knowledge (plus a little curiosity) times the agency's
// priority, so actors propose what they know and what is funded.
Theme pick_theme(const Knowledge& knowledge, const Scenario& s, Rng& rng) {
  ThemeArray weight{};
  double total = 0;
  for (const Theme t : kAllThemes)
    total += weight[t] =
        (knowledge[t] + s.projects.theme_knowledge_floor) * s.public_agency.theme_priorities[t];
  double u = uniform01(rng) * total;
  std::size_t theme = 0;
  while (theme + 1 < kThemes && (u -= weight.values[theme]) >= 0) ++theme;
  return kAllThemes[theme];
}

// Each firm with room for another project proposes with a probability that grows with its
// knowledge and size and shrinks when it is short of cash.
void firms_propose(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const double base = s.projects.ideas_per_firm_per_year / 12.0;
  // Most firms have fewer than 1024 employees: their size factor looked up, not a pow each.
  const SmallTable size_factor(1024, [x = s.projects.idea_size_exponent](int employees) {
    return std::pow(employees + 1.0, x);
  });
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    if (!f.alive[i] || f.is_public[i] || !has_room(world, s, ActorRef::firm(i))) return;
    Rng rng = rng_for(s, i, world.step, Stream::idea);
    const double knowledge =
        std::clamp(mean_of(f.knowledge[i]) / std::max(1e-6, s.firms.initial_knowledge),
                   s.projects.idea_knowledge_ratio_min, s.projects.idea_knowledge_ratio_max);
    const double size = size_factor(f.employees[i]);
    const double p =
        base * knowledge * size * (f.cash_nok[i] > 0 ? 1.0 : s.projects.ideas_without_cash_factor);
    if (uniform01(rng) < p) f.idea_theme[i] = pick_theme(f.knowledge[i], s, rng);
  });
}

// A proposal's budget and duration, drawn from its own stream (keyed by its id): the same in
// whatever order proposals are made (transparency's overhead is charged in financing, on the
// municipality's partnerships only).
void draw_terms(const World& world, const Scenario& s, Project& p) {
  const ProjectParams& pp = s.projects;
  Rng rng = rng_for(s, p.id, world.step, Stream::idea);
  boost::random::lognormal_distribution<double> budget(std::log(pp.budget_median_nok),
                                                       pp.budget_log_sd);
  boost::random::uniform_int_distribution<int> duration(pp.duration_min_months,
                                                        pp.duration_max_months);
  p.budget_nok = budget(rng);
  p.duration_months = duration(rng);
}

}  // namespace

ProjectId propose_projects(World& world, const Scenario& s) {
  firms_propose(world, s);
  const ProjectId first = world.projects.next_id();
  const FirmTable& f = world.firms;
  const std::vector<FirmId> leads =
      gather_in_order<FirmId>(f.size(), [&](std::size_t k, std::vector<FirmId>& out) {
        if (f.idea_theme[FirmId(k)]) out.push_back(FirmId(k));
      });
  // The firms' proposals side by side: each takes the id of its place among them and draws
  // from its id's stream, as one after another would (opened in turn, an allocation and a few
  // misses each, the month's 2,300 proposals at 10^6 firms were a serial 0.6 ms more).
  world.projects.resize(first.index() + leads.size());
  for_each_index(
      leads.size(),
      [&](std::size_t k) {
        const ProjectId id(first.index() + k);
        Project& p = world.projects[id];
        open_project_at(world, p, id, ActorRef::firm(leads[k]), *f.idea_theme[leads[k]]);
        draw_terms(world, s, p);
      },
      64);
  for (const ProjectId id : ids(first, leads.size()))
    ++world.regions[world.projects[id].region].flows.proposals;
  // Universities lead projects too, in the themes of their research.
  for (const UniversityId u : world.universities.ids()) {
    const University& uni = world.universities[u];
    if (!has_room(world, s, ActorRef::university(u)) || s.universities.ideas_per_year <= 0)
      continue;
    Rng rng = rng_for(s, u, world.step, Stream::idea);
    boost::random::poisson_distribution<int> ideas(s.universities.ideas_per_year / 12.0);
    const int n = ideas(rng);
    for (int k = 0; k < n; ++k) {
      Project& p = open_project(world, ActorRef::university(u), pick_theme(uni.research, s, rng));
      draw_terms(world, s, p);
      ++world.regions[p.region].flows.proposals;
    }
  }
  return first;
}

}  // namespace ecosim
