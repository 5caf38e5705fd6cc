// Phases 6-7: execution, evaluation against goals, outcomes (ODD: submodel "projects").
#include <boost/random/normal_distribution.hpp>
#include <algorithm>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "model/phases.hpp"

namespace ecosim {
namespace {

// Decides in parallel which active projects end this step, and how; each touches only itself.
void progress(World& world, const Scenario& s) {
  for_each_index(
      world.active_projects.size(),
      [&](std::size_t k) {
        Project& p = world.projects[world.active_projects[k]];
        p.progress = static_cast<float>(world.step - p.start) / p.duration_months;
        const int review_step = p.start + p.duration_months / 2;
        if (s.municipality.evaluation && world.step == review_step && p.duration_months >= 2) {
          Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::evaluation);
          boost::random::normal_distribution<double> noise(0.0, s.projects.review_noise);
          if (p.success_probability + noise(rng) < s.projects.review_threshold) {
            p.status = ProjectStatus::stopped_at_review;
            p.end = world.step;
            return;
          }
        }
        if (world.step >= p.end) {  // the last instalment was paid this step
          Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::execution);
          p.status = uniform01(rng) < p.success_probability ? ProjectStatus::completed
                                                            : ProjectStatus::failed;
        }
      },
      64);
}

// Applies the outcome of a project that ended: frees the parties, spreads what was learnt,
// and moves trust between every pair of parties up (success) or down (failure or stop).
void settle(World& world, const Scenario& s, const Project& p) {
  FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const std::size_t theme = static_cast<std::size_t>(p.theme);
  const bool success = p.status == ProjectStatus::completed;
  int firm_parties = 0;
  for (const Party& party : p.parties) firm_parties += party.actor.is_firm();

  for (const Party& party : p.parties) {
    const std::uint32_t i = party.actor.index();
    if (!party.actor.is_firm()) {
      University& uni = world.universities[i];
      --uni.active_projects;
      if (success) uni.research[theme] += static_cast<float>(pp.knowledge_gain / 2 * (1 - uni.research[theme]));
      continue;
    }
    --f.active_projects[i];
    f.project_cash_nok_per_month[i] = std::max(0.0, f.project_cash_nok_per_month[i] - party.cash_nok / p.duration_months);
    if (!success || !f.alive[i]) continue;
    f.knowledge[i][theme] += static_cast<float>(pp.knowledge_gain * (1 - f.knowledge[i][theme]));
    f.innovation_revenue_nok[i] += p.budget_nok * pp.innovation_revenue_share / 12.0 / firm_parties;
    if (p.theme == Theme::climate_energy) f.emission_factor[i] *= static_cast<float>(1 - pp.emission_cut);
  }

  for (const Party& a : p.parties) {
    if (!a.actor.is_firm() || !f.alive[a.actor.index()]) continue;
    for (const Party& b : p.parties) {
      if (a.actor == b.actor || (b.actor.is_firm() && !f.alive[b.actor.index()])) continue;
      const std::uint32_t holder = a.actor.index();
      const float initial = static_cast<float>(s.regions[f.region[holder]].generalised_trust);
      if (success)
        world.trust.nudge(holder, b.actor, initial, 1.0f, static_cast<float>(s.trust.gain_success));
      else
        world.trust.nudge(holder, b.actor, initial, 0.0f, static_cast<float>(s.trust.loss_failure));
    }
  }
}

}  // namespace

void run_projects(World& world, const Scenario& s) {
  progress(world, s);
  std::vector<std::uint32_t> still_active;
  still_active.reserve(world.active_projects.size());
  for (std::uint32_t id : world.active_projects) {
    const Project& p = world.projects[id];
    if (p.status == ProjectStatus::active) still_active.push_back(id);
    else settle(world, s, p);
  }
  world.active_projects = std::move(still_active);
}

}  // namespace ecosim
