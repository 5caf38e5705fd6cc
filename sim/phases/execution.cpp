// Phases 6-7: execution, evaluation against goals, and outcomes (ODD: submodel "projects").
#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "phases/outcomes.hpp"
#include "phases/partnerships/success.hpp"
#include "phases/phases.hpp"
#include "world/money.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

// Expertise grows in each theme a firm works on this step and fades in the others; knowledge
// above the usual level depreciates.
void practise_expertise(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  for (const ProjectId id : world.active_projects) {
    const Project& p = world.projects[id];
    for (const Party& party : p.parties)
      if (const MaybeId<FirmId> firm = party.actor.as_firm())
        f.theme_mask[*firm] |= 1u << static_cast<unsigned>(p.theme);
  }
  const auto gain = static_cast<float>(s.projects.expertise_gain_per_month);
  const auto fade = static_cast<float>(1.0 - s.projects.expertise_decay_per_month);
  // Knowledge gained above the usual level depreciates (firms' knowledge below it stays).
  const auto depreciation = static_cast<float>(
      1.0 - std::pow(1.0 - s.projects.knowledge_depreciation_per_year, 1.0 / 12.0));
  const auto usual = static_cast<float>(s.firms.initial_knowledge);
  // On copies, and the rates captured by value: the mask is a byte, which may alias any float of
  // the firm's, and a rate read through a reference may be any float stored, so working in place
  // or by reference made the compiler reload them for every theme.
  for_each_id<FirmId>(f.size(), [&f, gain, fade, depreciation, usual](FirmId i) {
    if (!f.alive[i]) return;
    const unsigned mask = f.theme_mask[i];
    Knowledge expertise = f.expertise[i], knowledge = f.knowledge[i];
    for (std::size_t t = 0; t < kThemes; ++t) {
      float& e = expertise.values[t];
      e = (mask >> t) & 1u ? e + gain * (1.0f - e) : e * fade;
      float& k = knowledge.values[t];
      if (k > usual) k -= depreciation * (k - usual);
    }
    f.expertise[i] = expertise, f.knowledge[i] = knowledge;
  });
}

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
        const int review_step =
            p.start + static_cast<int>(p.duration_months * s.projects.review_at_share);
        if (s.municipality.evaluation && p.municipal() && world.step == review_step &&
            p.duration_months >= 2) {
          // Evaluation against the agreed goals: a noisy view of how likely they are reached.
          Rng rng = rng_for(s, p.id, world.step, Stream::evaluation);
          boost::random::normal_distribution<double> noise(0.0, s.projects.review_noise);
          p.review_signal = static_cast<float>(realised_success(s, p) + noise(rng));
          if (p.review_signal < s.projects.review_threshold) {
            p.status = ProjectStatus::stopped_at_review;
            p.end = world.step;
            events[k] = Event::stopped;
            return;
          }
        }
        if (world.step < p.end) return;  // the last funded instalment is paid in step end
        Rng rng = rng_for(s, p.id, world.step, Stream::execution);
        p.succeeded = uniform01(rng) < realised_success(s, p);
        p.status = p.succeeded ? ProjectStatus::completed : ProjectStatus::failed;
        // A success lives on when its private side can keep paying (the cash share of the
        // parties still paying).
        const double cash_share = p.paying_cash_nok() / std::max(1.0, p.budget_nok);
        if (p.succeeded && s.projects.continuation_months > 0 &&
            uniform01(rng) < std::min(1.0, cash_share / s.projects.continuation_cash_share)) {
          p.status = ProjectStatus::continued;
          p.continued_until = world.step + s.projects.continuation_months;
        }
        events[k] = Event::funding_ended;
      },
      64);
}

}  // namespace

// A firm party that closed, or has long been short of cash, stops paying its share: what it had
// still to give is withdrawn and the project's chances fall (due diligence aims to avoid it).
// Serial: several projects may name one firm.
void withdraw_broken_commitments(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  for (const ProjectId id : world.active_projects) {
    Project& p = world.projects[id];
    if (p.status != ProjectStatus::active) continue;
    for (Party& party : p.parties) {
      const MaybeId<FirmId> firm = party.actor.as_firm();
      if (!firm || party.withdrawn) continue;
      const FirmId i = *firm;
      if (f.alive[i] && 2 * f.months_negative[i] < s.firms.insolvency_months) continue;
      const double monthly = (party.cash_nok + party.in_kind_nok) / p.duration_months;
      p.withdrawn_nok += monthly * std::max(0, p.end - world.step);
      party.withdrawn = true;
      f.project_cost_nok_per_month[i] = paid_down(f.project_cost_nok_per_month[i], monthly);
    }
  }
}

// Working together is contact: the parties of a running project keep their ties fresh. Projects
// in parallel: a firm in several is stamped from more than one thread, each stamp this month.
void keep_in_touch(World& world) {
  const FirmTable& f = world.firms;
  for_each_index(
      world.active_projects.size(),
      [&](std::size_t k) {
        const Project& p = world.projects[world.active_projects[k]];
        for (const Party& a : p.parties) {
          const MaybeId<FirmId> holder = alive_firm(f, a.actor);
          if (!holder) continue;
          for (const Party& b : p.parties)
            if (a.actor != b.actor) world.trust.touch_concurrently(*holder, b.actor);
        }
      },
      256);
}

void run_projects(World& world, const Scenario& s) {
  practise_expertise(world, s);
  withdraw_broken_commitments(world, s);
  keep_in_touch(world);
  std::vector<Event> events;
  progress(world, s, events);
  std::vector<ProjectId> still_active;
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
        if (p.status == ProjectStatus::continued)
          still_active.push_back(p.id);
        else
          release(world, p);
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
