// Phases 6-7: execution, evaluation against goals, outcomes (ODD: submodel "projects").
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "world/knowledge.hpp"
#include "phases/phases.hpp"

namespace ecosim {
namespace {

enum class Event : std::uint8_t { none, stopped, funding_ended, continuation_ended };

// Decides in parallel what happens to each active project this step; each touches only itself.
void progress(World& world, const Scenario& s, std::vector<Event>& events) {
  events.assign(world.active_projects.size(), Event::none);
  for_each_index(
      world.active_projects.size(),
      [&](std::size_t k) {
        Project& p = world.projects[world.active_projects[k]];
        if (p.status == ProjectStatus::continued) {
          if (world.step >= p.continued_until) events[k] = Event::continuation_ended;
          return;
        }
        const int review_step = p.start + p.duration_months / 2;
        if (s.municipality.evaluation && world.step == review_step && p.duration_months >= 2) {
          // Evaluation against the agreed goals: a noisy view of how likely they are reached.
          Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::evaluation);
          boost::random::normal_distribution<double> noise(0.0, s.projects.review_noise);
          p.review_signal = static_cast<float>(p.success_probability + noise(rng));
          if (p.review_signal < s.projects.review_threshold) {
            p.status = ProjectStatus::stopped_at_review;
            p.end = world.step;
            events[k] = Event::stopped;
            return;
          }
        }
        if (world.step < p.end) return;  // the last funded instalment is paid in step end
        Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::execution);
        p.succeeded = uniform01(rng) < p.success_probability;
        p.status = p.succeeded ? ProjectStatus::completed : ProjectStatus::failed;
        // A success lives on when its private side can keep paying (its cash share).
        const double cash_share = p.parties_cash_nok() / std::max(1.0, p.budget_nok);
        if (p.succeeded && s.projects.continuation_months > 0 &&
            uniform01(rng) < std::min(1.0, cash_share / s.projects.continuation_cash_share)) {
          p.status = ProjectStatus::continued;
          p.continued_until = world.step + s.projects.continuation_months;
        }
        events[k] = Event::funding_ended;
      },
      64);
}

// What a success brings, by theme, on top of knowledge and product-innovation revenue.
void apply_outcomes(World& world, const Scenario& s, const Project& p) {
  FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const auto theme = static_cast<std::size_t>(p.theme);
  const double mnok = p.budget_nok / 1e6;
  int firm_parties = 0;  // alive ones share the revenue
  for (const Party& party : p.parties) firm_parties += party.actor.is_firm() && f.alive[party.actor.index()];
  for (const Party& party : p.parties) {
    const std::uint32_t i = party.actor.index();
    if (!party.actor.is_firm()) {
      float& r = world.universities[i].research[theme];
      r += static_cast<float>(pp.knowledge_gain / 2 * (1 - r));
      continue;
    }
    if (!f.alive[i]) continue;
    f.knowledge[i][theme] += static_cast<float>(pp.knowledge_gain * (1 - f.knowledge[i][theme]));
    f.innovation_revenue_nok[i] += p.budget_nok * pp.innovation_revenue_share / 12.0 / firm_parties;
    if (p.theme == Theme::climate_energy) f.emission_factor[i] *= static_cast<float>(1 - pp.emission_cut);
  }
  RegionState& region = world.regions[p.region];
  switch (p.theme) {
    case Theme::entrepreneurship:
      region.pending_startups += pp.startups_per_mnok * mnok;
      break;
    case Theme::tourism: {
      const double gain = pp.tourism_demand_gain_per_mnok * mnok;
      region.demand_level[static_cast<std::size_t>(Sector::tourism)] += gain;
      region.level_change[static_cast<std::size_t>(Sector::tourism)] += gain;  // firms grow into it
      break;
    }
    case Theme::competence:
      region.skilled_labour_force = std::min(region.labour_force, region.skilled_labour_force + pp.trainees_per_mnok * mnok);
      break;
    case Theme::capital:
      for (int k = 0; k < s.regions[p.region].private_investors; ++k) {
        PrivateInvestor& inv = world.investors[region.first_investor + k];
        inv.capital_left_nok += pp.capital_mobilised_per_nok * p.budget_nok / s.regions[p.region].private_investors;
        inv.risk_tolerance = std::min(1.0, inv.risk_tolerance + pp.investor_appetite_gain);
      }
      break;
    default:
      break;
  }
}

// Trust between the parties rises after a success and falls after a failure or a stop;
// a party that closed or ran out of cash broke its commitment and loses the others' trust.
void update_trust(World& world, const Scenario& s, const Project& p) {
  const FirmTable& f = world.firms;
  const bool success = p.succeeded;
  for (const Party& a : p.parties) {
    if (!a.actor.is_firm() || !f.alive[a.actor.index()]) continue;
    const std::uint32_t holder = a.actor.index();
    for (const Party& b : p.parties) {
      if (a.actor == b.actor) continue;
      // A tie made by working together starts where a first tie would: lower across regions.
      const float initial = static_cast<float>(s.regions[f.region[holder]].generalised_trust *
                                               (b.region != f.region[holder] ? s.trust.cross_region_factor : 1.0));
      const bool broken = b.actor.is_firm() && (!f.alive[b.actor.index()] || f.cash_nok[b.actor.index()] < 0);
      if (broken) {
        if (f.alive[b.actor.index()])
          world.trust.nudge(holder, b.actor, initial, 0.0f, static_cast<float>(s.trust.loss_broken_commitment));
        continue;
      }
      if (success)
        world.trust.nudge(holder, b.actor, initial, 1.0f, static_cast<float>(s.trust.gain_success));
      else
        world.trust.nudge(holder, b.actor, initial, 0.0f, static_cast<float>(s.trust.loss_failure));
      world.trust.add_joint_project(holder, b.actor);
    }
  }
}

// A project stopped at its review pays back what its funders had not yet spent, to their
// current budgets: the point of evaluating against goals. Its money columns keep what was
// committed; refund_share says how much of it came back.
void refund_unspent(World& world, Project& p) {
  p.refund_share = 1.0 - static_cast<double>(p.end - p.start) / p.duration_months;
  const double agency = p.refund_share * p.agency_nok, municipal = p.refund_share * p.municipal_nok;
  const double investor = p.refund_share * p.investor_nok;
  world.agency.budget_left_nok += agency;
  world.agency.spent_total_nok -= agency;
  Municipality& muni = world.municipalities[p.municipality];
  muni.budget_left_nok += municipal;
  muni.spent_total_nok -= municipal;
  if (p.investor >= 0) {
    world.investors[p.investor].capital_left_nok += investor;
    world.investors[p.investor].invested_total_nok -= investor;
  }
}

// Frees the parties of a project that no longer runs.
void release(World& world, const Project& p) {
  FirmTable& f = world.firms;
  for (const Party& party : p.parties) {
    const std::uint32_t i = party.actor.index();
    if (!party.actor.is_firm()) {
      --world.universities[i].active_projects;
      continue;
    }
    --f.active_projects[i];
    f.project_cash_nok_per_month[i] = std::max(0.0, f.project_cash_nok_per_month[i] - party.cash_nok / p.duration_months);
  }
}

// A continued project ends: what its private side paid on turns into further revenue.
void end_continuation(World& world, const Scenario& s, const Project& p) {
  FirmTable& f = world.firms;
  for (const Party& party : p.parties) {
    const std::uint32_t i = party.actor.index();
    if (!party.actor.is_firm() || !f.alive[i]) continue;
    const double paid_on = party.cash_nok / p.duration_months * s.projects.continuation_months;
    f.innovation_revenue_nok[i] += paid_on * s.projects.innovation_revenue_share / 12.0;
  }
}

}  // namespace

void run_projects(World& world, const Scenario& s) {
  practise_expertise(world, s);
  std::vector<Event> events;
  progress(world, s, events);
  std::vector<std::uint32_t> still_active;
  still_active.reserve(world.active_projects.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    Project& p = world.projects[world.active_projects[k]];
    switch (events[k]) {
      case Event::none:
        still_active.push_back(p.id);
        break;
      case Event::stopped:
        update_trust(world, s, p);
        refund_unspent(world, p);
        release(world, p);
        break;
      case Event::funding_ended:
        update_trust(world, s, p);
        if (p.succeeded) apply_outcomes(world, s, p);
        if (p.status == ProjectStatus::continued) still_active.push_back(p.id);
        else release(world, p);
        break;
      case Event::continuation_ended:
        end_continuation(world, s, p);
        release(world, p);
        break;
    }
  }
  world.active_projects = std::move(still_active);
}

}  // namespace ecosim
