// Phase 3, ideas (ODD: submodel "partnerships"): firms and universities propose projects.
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "phases/partnerships/steps.hpp"

namespace ecosim {
namespace {

// A theme drawn in proportion to knowledge (plus a little curiosity) times the agency's
// priority, so actors propose what they know and what is funded.
std::size_t pick_theme(const Knowledge& knowledge, const Scenario& s, Rng& rng) {
  ThemeArray weight{};
  double total = 0;
  for (std::size_t t = 0; t < kThemes; ++t)
    total += weight[t] = (knowledge[t] + 0.05) * s.public_agency.theme_priorities[t];
  double u = uniform01(rng) * total;
  std::size_t theme = 0;
  while (theme + 1 < kThemes && (u -= weight[theme]) >= 0) ++theme;
  return theme;
}

// Each firm with room for another project proposes with a probability that grows with its
// knowledge and shrinks when it is short of cash.
void firms_propose(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const double base = s.projects.ideas_per_firm_per_year / 12.0;
  for_each_index(f.size(), [&](std::size_t i) {
    f.idea_theme[i] = kNoIdea;
    if (!f.alive[i] || f.active_projects[i] >= s.projects.max_projects_per_firm) return;
    Rng rng = make_rng(s.simulation.seed, AgentKind::firm, i, world.step, Stream::idea);
    double mean_knowledge = 0;
    for (float k : f.knowledge[i]) mean_knowledge += k / kThemes;
    const double knowledge = std::clamp(mean_knowledge / std::max(1e-6, s.firms.initial_knowledge), 0.25, 4.0);
    const double p = base * knowledge * (f.cash_nok[i] > 0 ? 1.0 : 0.25);
    if (uniform01(rng) < p) f.idea_theme[i] = static_cast<std::uint8_t>(pick_theme(f.knowledge[i], s, rng));
  });
}

Project& add_proposal(World& world, const Scenario& s, ActorRef lead, std::size_t theme,
                      std::uint16_t region, std::uint32_t municipality) {
  const ProjectParams& pp = s.projects;
  Project& p = world.projects.emplace_back();
  p.id = static_cast<std::uint32_t>(world.projects.size() - 1);
  p.step = world.step;
  p.theme = static_cast<Theme>(theme);
  p.region = region;
  p.lead = lead;
  p.municipality = municipality;
  Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::idea);
  boost::random::lognormal_distribution<double> budget(std::log(pp.budget_median_nok), pp.budget_log_sd);
  boost::random::uniform_int_distribution<int> duration(pp.duration_min_months, pp.duration_max_months);
  // Transparency costs overhead on every budget it applies to.
  const MunicipalityPolicy& m = s.municipality;
  p.budget_nok = budget(rng) * (m.transparency ? 1.0 + m.transparency_overhead : 1.0);
  p.duration_months = duration(rng);
  Party self;
  self.actor = lead;
  self.region = region;
  p.parties.push_back(self);
  ++world.regions[region].proposals;
  return p;
}

}  // namespace

std::size_t propose_projects(World& world, const Scenario& s) {
  firms_propose(world, s);
  const std::size_t first = world.projects.size();
  const FirmTable& f = world.firms;
  const std::vector<std::uint32_t> leads = gather_in_order<std::uint32_t>(
      f.size(), [&](std::size_t i, std::vector<std::uint32_t>& out) {
        if (f.idea_theme[i] != kNoIdea) out.push_back(static_cast<std::uint32_t>(i));
      });
  for (std::uint32_t i : leads)
    add_proposal(world, s, ActorRef::firm(i), f.idea_theme[i], f.region[i], f.municipality[i]);
  // Universities lead projects too, in the themes of their research.
  for (std::uint32_t u = 0; u < world.universities.size(); ++u) {
    const University& uni = world.universities[u];
    if (uni.active_projects >= s.universities.max_concurrent_projects || s.universities.ideas_per_year <= 0)
      continue;
    Rng rng = make_rng(s.simulation.seed, AgentKind::university, u, world.step, Stream::idea);
    boost::random::poisson_distribution<int> ideas(s.universities.ideas_per_year / 12.0);
    const int n = ideas(rng);
    for (int k = 0; k < n; ++k)
      add_proposal(world, s, ActorRef::make(ActorKind::university, u), pick_theme(uni.research, s, rng),
                   uni.region, uni.municipality);
  }
  return first;
}

}  // namespace ecosim
