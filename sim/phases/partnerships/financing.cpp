// Phase 5, financing (ODD: submodel "partnerships"): the parties' cash and staff time, then
// the public agency, then the municipality under its rules, then private investors; each
// check recorded, and an unfunded proposal rejected by the check it is blamed on. The Orebro
// rules govern the municipality's partnerships only (seed 002), each with its cost.
#include <algorithm>

#include "phases/partnerships/steps.hpp"
#include "phases/partnerships/success.hpp"
#include "world/money.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

void pledge(World& world, const Scenario& s, Project& p) {
  const FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  for (Party& party : p.parties) {
    party.in_kind_nok = pp.in_kind_share_per_party * p.budget_nok;
    if (const MaybeId<FirmId> firm = party.actor.as_firm())
      party.cash_nok = std::min(pp.cash_share_per_party * p.budget_nok,
                                std::max(0.0, pp.max_cash_pledge_share * f.cash_nok[*firm]));
  }
}

void ask_agency(World& world, const Scenario& s, Project& p, double covered, Rng& rng) {
  const double aid = std::min(s.public_agency.max_aid_share * p.budget_nok, p.budget_nok - covered);
  if (!is_money(aid) || s.public_agency.budget_per_year <= 0) return;  // not needed, or no agency
  p.set(Check::agency_budget, covers(world.agency.budget_left_nok, aid));
  if (p.failed(Check::agency_budget)) return;
  const auto& priorities = s.public_agency.theme_priorities;
  const double top = *std::max_element(priorities.begin(), priorities.end());
  p.set(Check::agency_priority,
        uniform01(rng) * top < s.public_agency.acceptance_share * priorities[p.theme]);
  if (p.passed(Check::agency_priority)) p.agency_nok = aid;
}

// The municipality's staff time for evaluating one of its partnerships against its goals.
double evaluation_cost(const Scenario& s) {
  const MunicipalityPolicy& m = s.municipality;
  return m.evaluation ? m.evaluation_staff_days * m.staff_day_cost_nok : 0.0;
}

// Orebro's rules: the others' share (in kind counting or not) must reach the minimum, the
// parties' own cash must make the project viable after the contract, the budget must last for
// the share and the review, every firm party must pass due diligence (which costs staff time
// whatever its outcome), and the one contract owner must have room for another partnership.
void ask_municipality(World& world, const Scenario& s, Project& p, double cash, double in_kind) {
  const MunicipalityPolicy& m = s.municipality;
  const double others = cash + (m.in_kind_counts ? in_kind : 0.0) + p.agency_nok;
  const double share =
      std::min(m.max_project_share * p.budget_nok, p.budget_nok - cash - in_kind - p.agency_nok);
  if (!is_money(share) || m.budget_per_capita <= 0) return;  // the others closed the gap
  p.set(Check::min_external_share, covers(others, m.min_external_share * p.budget_nok));
  p.set(Check::viability, covers(cash, m.viability_weight * 0.5 * p.budget_nok));
  if (p.failed(Check::min_external_share) || p.failed(Check::viability)) return;
  Municipality& muni = world.municipalities[p.municipality];
  const auto firm_parties = std::count_if(p.parties.begin(), p.parties.end(),
                                          [](const Party& party) { return party.actor.is_firm(); });
  const double review =
      m.due_diligence ? m.review_staff_days_per_party * m.staff_day_cost_nok * double(firm_parties)
                      : 0.0;
  p.set(Check::municipal_budget, covers(muni.budget_left_nok, share + review + evaluation_cost(s)));
  if (p.failed(Check::municipal_budget)) return;
  if (m.due_diligence) {
    muni.budget_left_nok -= review;
    muni.staff_total_nok += review;
    p.staff_nok += review;
    p.set(Check::due_diligence,
          std::all_of(p.parties.begin(), p.parties.end(), [&](const Party& party) {
            return !party.actor.is_firm() ||
                   party.runway_months >= m.due_diligence_min_runway_months;
          }));
    if (p.failed(Check::due_diligence)) return;
  }
  if (m.single_contract_owner) {
    p.set(Check::contract_owner, muni.partnerships_this_year < m.contract_owner_projects_per_year);
    if (p.failed(Check::contract_owner)) return;
  }
  p.municipal_nok = share;
}

// Private investors of the lead's region, in order: the first whose return and risk demands
// the project meets, and who has the capital, funds the rest (up to its maximum share).
void ask_investors(World& world, const Scenario& s, Project& p, double gap) {
  if (!is_money(gap)) return;
  const InvestorParams& inv = s.investors;
  const IdRange<InvestorId> investors = world.regions[p.region].investors;
  const double success = assess_success(world, s, p).probability;
  bool screened = false;
  for (const InvestorId id : investors) {
    const PrivateInvestor& investor = world.investors[id];
    if (1.0 - success > investor.risk_tolerance ||
        success * s.projects.innovation_revenue_share < inv.required_return)
      continue;
    screened = true;
    const double amount = std::min({gap, inv.max_share * p.budget_nok, investor.capital_left_nok});
    if (!is_money(amount)) continue;
    p.investor_nok = amount;
    p.investor = id;
    break;
  }
  if (investors.size() == 0) return;
  p.set(Check::investor_screen, screened);
  if (screened) p.set(Check::investor_capital, p.investor.has_value());
}

}  // namespace

void finance(World& world, const Scenario& s, Project& p) {
  const MunicipalityPolicy& m = s.municipality;
  pledge(world, s, p);
  const double cash = p.parties_cash_nok(), in_kind = p.in_kind_nok();
  Rng rng = rng_for(s, p.id, world.step, Stream::financing);
  ask_agency(world, s, p, cash + in_kind, rng);
  ask_municipality(world, s, p, cash, in_kind);
  // In the municipality's partnerships, transparency costs reporting; without it part of the
  // municipality's money does no work.
  if (p.municipal()) {
    p.overhead_nok = m.transparency ? m.transparency_overhead * p.budget_nok : 0.0;
    p.leaked_nok = m.transparency ? 0.0 : m.leakage_without_transparency * p.municipal_nok;
  }
  ask_investors(world, s, p,
                p.budget_nok - cash - in_kind - p.public_nok() + p.overhead_nok + p.leaked_nok);
  p.set(Check::funded, covers(p.working_nok(), s.projects.min_funded_share * p.budget_nok));
  const SuccessOutlook outlook = assess_success(world, s, p);
  p.success_probability = static_cast<float>(outlook.probability);
  p.complementarity = static_cast<float>(outlook.complementarity);
  if (p.passed(Check::funded)) return;
  p.agency_nok = p.municipal_nok = p.investor_nok = p.leaked_nok = p.overhead_nok = 0;
  p.investor = std::nullopt;
}

void start_project(World& world, const Scenario& s, Project& p) {
  FirmTable& f = world.firms;
  p.status = ProjectStatus::active;
  p.start = world.step;
  p.end = world.step + p.duration_months;  // instalments in the economy phase of steps start+1..end
  for (const Party& party : p.parties) {
    count_project(world, party.actor, +1);
    if (const MaybeId<FirmId> firm = party.actor.as_firm())
      f.project_cost_nok_per_month[*firm] +=
          (party.cash_nok + party.in_kind_nok) / p.duration_months;
  }
  world.agency.budget_left_nok -= p.agency_nok;
  world.agency.spent_total_nok += p.agency_nok;
  Municipality& muni = world.municipalities[p.municipality];
  muni.budget_left_nok -= p.municipal_nok;
  muni.spent_total_nok += p.municipal_nok;
  if (p.municipal()) {
    ++muni.partnerships_this_year;
    const double evaluation = evaluation_cost(s);  // reserved now, spent at the review
    muni.budget_left_nok -= evaluation;
    muni.staff_total_nok += evaluation;
    p.staff_nok += evaluation;
  }
  if (p.investor) {
    world.investors[*p.investor].capital_left_nok -= p.investor_nok;
    world.investors[*p.investor].invested_total_nok += p.investor_nok;
  }
  RegionFlows& flows = world.regions[p.region].flows;
  ++flows.projects_started;
  flows.municipal_partnerships += p.municipal();
  flows.started_by_theme[p.theme] += 1;
  flows.public_money_nok += p.public_nok();
  flows.private_money_nok += p.private_cash_nok();
  flows.leaked_nok += p.leaked_nok;
  world.active_projects.push_back(p.id);
}

}  // namespace ecosim
