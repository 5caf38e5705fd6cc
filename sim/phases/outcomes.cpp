#include "phases/outcomes.hpp"

#include <algorithm>

#include "rules/firms.hpp"
#include "rules/trust.hpp"

namespace ecosim {

void sell_new_products(World& world, const Scenario& s, FirmId i, double turnover_nok_per_month) {
  FirmTable& f = world.firms;
  f.innovation_revenue_nok[i] += turnover_nok_per_month;
  // The part made by new staff needs as many persons as it is worth in value added at the
  // firm's own productivity; they are sought on the labour market like any other hire.
  const double per_person = value_added(world, s, i) / persons_sold(f.employees[i], f.capacity[i]);
  if (per_person > 0)
    f.capacity[i] += static_cast<float>(s.projects.innovation_hiring_share *
                                        turnover_nok_per_month / per_person);
}

void apply_outcomes(World& world, const Scenario& s, const Project& p) {
  FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const double mnok = p.budget_nok / 1e6;
  // Firms that kept their commitment share the gains; one that withdrew or closed gets none.
  auto kept = [&](const Party& party) { return !party.withdrawn && alive_firm(f, party.actor); };
  int firm_parties = 0;
  for (const Party& party : p.parties) firm_parties += kept(party);
  for (const Party& party : p.parties) {
    visit(
        party.actor,
        [&](FirmId i) {
          if (!kept(party)) return;
          float& k = f.knowledge[i][p.theme];
          k += static_cast<float>(pp.knowledge_gain * (1 - k));
          sell_new_products(world, s, i,
                            p.budget_nok * pp.innovation_revenue_share / 12.0 / firm_parties);
          if (p.theme == Theme::climate_energy)
            f.emission_factor[i] *= static_cast<float>(1 - pp.emission_cut);
        },
        [&](UniversityId u) {
          float& r = world.universities[u].research[p.theme];
          r += static_cast<float>(pp.knowledge_gain / 2 * (1 - r));
        });
  }
  RegionState& region = world.regions[p.region];
  switch (p.theme) {
    case Theme::entrepreneurship:
      region.pending_startups += pp.startups_per_mnok * mnok;
      break;
    case Theme::tourism: {
      const double gain = pp.tourism_demand_gain_per_mnok * mnok;
      region.demand_level[Sector::tourism] += gain;
      region.level_change[Sector::tourism] += gain;  // firms grow into it
      break;
    }
    case Theme::competence:
      region.skilled_labour_force =
          std::min(region.labour_force, region.skilled_labour_force + pp.trainees_per_mnok * mnok);
      break;
    case Theme::capital:
      for (const InvestorId id : region.investors) {
        PrivateInvestor& investor = world.investors[id];
        investor.mobilised_nok +=
            pp.capital_mobilised_per_nok * p.budget_nok / region.investors.size();
        investor.risk_tolerance =
            std::min(1.0, investor.risk_tolerance + pp.investor_appetite_gain);
      }
      break;
    default:
      break;
  }
}

void update_trust(World& world, const Scenario& s, const Project& p) {
  const FirmTable& f = world.firms;
  for (const Party& a : p.parties) {
    const MaybeId<FirmId> alive = alive_firm(f, a.actor);
    if (!alive) continue;
    const FirmId holder = *alive;
    for (const Party& b : p.parties) {
      if (a.actor == b.actor) continue;
      // A tie made by working together starts where ties rest.
      const float initial = tie_trust(s, f.region[holder], b.region);
      // A broken commitment is the one rule of withdraw_broken_commitments: it closed, or
      // stopped paying while long short of cash.
      const bool closed = closed_firm(f, b.actor);
      if (b.withdrawn || closed) {
        if (!closed)
          world.trust.nudge(holder, b.actor, initial, 0.0f,
                            static_cast<float>(s.trust.loss_broken_commitment));
        continue;
      }
      if (p.succeeded)
        world.trust.nudge(holder, b.actor, initial, 1.0f, static_cast<float>(s.trust.gain_success));
      else
        world.trust.nudge(holder, b.actor, initial, 0.0f, static_cast<float>(s.trust.loss_failure));
      world.trust.add_joint_project(holder, b.actor);
    }
  }
}

void refund_unspent(World& world, Project& p) {
  p.refund_share = 1.0 - static_cast<double>(p.end - p.start) / p.duration_months;
  const double agency = p.refund_share * p.agency_nok, municipal = p.refund_share * p.municipal_nok;
  const double investor = p.refund_share * p.investor_nok;
  world.agency.budget_left_nok += agency;
  world.agency.spent_total_nok -= agency;
  Municipality& muni = world.municipalities[p.municipality];
  muni.budget_left_nok += municipal;
  muni.spent_total_nok -= municipal;
  if (p.investor) {
    world.investors[*p.investor].capital_left_nok += investor;
    world.investors[*p.investor].invested_total_nok -= investor;
  }
}

void release(World& world, const Project& p) {
  FirmTable& f = world.firms;
  for (const Party& party : p.parties) {
    count_project(world, party.actor, -1);
    const MaybeId<FirmId> firm = party.actor.as_firm();
    if (!firm || party.withdrawn) continue;  // a withdrawn party stopped paying
    double& committed = f.project_cost_nok_per_month[*firm];
    committed = paid_down(committed, (party.cash_nok + party.in_kind_nok) / p.duration_months);
  }
}

void end_continuation(World& world, const Scenario& s, const Project& p) {
  FirmTable& f = world.firms;
  for (const Party& party : p.parties) {
    const MaybeId<FirmId> firm = alive_firm(f, party.actor);
    if (!firm || party.withdrawn) continue;
    const double paid_on = party.cash_nok / p.duration_months * s.projects.continuation_months;
    sell_new_products(world, s, *firm, paid_on * s.projects.innovation_revenue_share / 12.0);
  }
}

}  // namespace ecosim
