// Phase 5, financing (ODD: submodel "partnerships"): the parties' cash and staff time, then
// the public agency, then the municipality under its rules, then private investors; each
// check recorded, and an unfunded proposal rejected by the first rule that failed it.
#include <algorithm>

#include "engine/rng.hpp"
#include "phases/partnerships/steps.hpp"
#include "phases/partnerships/success.hpp"

namespace ecosim {
namespace {

// The checks whose failure can leave a proposal short, in the order a rejection is blamed on
// them: the municipality's rules first (the levers analysts switch), then the agency, then
// investors. Financing asks the agency first, since the municipality counts its money.
constexpr Check kFundingChecks[] = {Check::min_external_share, Check::viability,       Check::municipal_budget,
                                    Check::agency_budget,      Check::agency_priority, Check::investor_screen,
                                    Check::investor_capital};

void pledge(World& world, const Scenario& s, Project& p) {
  const FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  for (Party& party : p.parties) {
    party.in_kind_nok = pp.in_kind_share_per_party * p.budget_nok;
    if (party.actor.is_firm())
      party.cash_nok = std::min(pp.cash_share_per_party * p.budget_nok,
                                std::max(0.0, pp.max_cash_pledge_share * f.cash_nok[party.actor.index()]));
  }
}

void ask_agency(World& world, const Scenario& s, Project& p, double covered, Rng& rng) {
  const double aid = std::min(s.public_agency.max_aid_share * p.budget_nok, p.budget_nok - covered);
  if (aid <= 0 || s.public_agency.budget_per_year <= 0) return;  // not needed, or no agency
  p.set(Check::agency_budget, aid <= world.agency.budget_left_nok);
  if (p.result(Check::agency_budget) == CheckResult::failed) return;
  const auto& priorities = s.public_agency.theme_priorities;
  const double top = *std::max_element(priorities.begin(), priorities.end());
  p.set(Check::agency_priority, uniform01(rng) * top < priorities[static_cast<std::size_t>(p.theme)]);
  if (p.result(Check::agency_priority) == CheckResult::passed) p.agency_nok = aid;
}

// Orebro's rules: the others' share (in kind counting or not) must reach the minimum, the
// parties' own cash must make the project viable after the contract, and the budget must last.
void ask_municipality(World& world, const Scenario& s, Project& p, double cash, double in_kind) {
  const MunicipalityPolicy& m = s.municipality;
  const double others = cash + (m.in_kind_counts ? in_kind : 0.0) + p.agency_nok;
  const double share = std::min(m.max_project_share * p.budget_nok, p.budget_nok - cash - in_kind - p.agency_nok);
  if (share <= 0 || m.budget_per_capita <= 0) return;
  p.set(Check::min_external_share, others >= m.min_external_share * p.budget_nok);
  p.set(Check::viability, cash >= m.viability_weight * 0.5 * p.budget_nok);
  if (p.result(Check::min_external_share) == CheckResult::failed || p.result(Check::viability) == CheckResult::failed)
    return;
  const Municipality& muni = world.municipalities[p.municipality];
  p.set(Check::municipal_budget, share <= muni.budget_left_nok);
  if (p.result(Check::municipal_budget) == CheckResult::passed) p.municipal_nok = share;
}

// Private investors of the lead's region, in order: the first whose return and risk demands
// the project meets, and who has the capital, funds the rest (up to its maximum share).
void ask_investors(World& world, const Scenario& s, Project& p, double gap) {
  if (gap <= 0) return;
  const InvestorParams& inv = s.investors;
  const RegionState& region = world.regions[p.region];
  const double success = success_probability(world, s, p);
  bool screened = false;
  for (int k = 0; k < s.regions[p.region].private_investors; ++k) {
    const auto index = static_cast<std::int32_t>(region.first_investor + k);
    const PrivateInvestor& investor = world.investors[index];
    if (1.0 - success > investor.risk_tolerance || success * s.projects.innovation_revenue_share < inv.required_return)
      continue;
    screened = true;
    const double amount = std::min({gap, inv.max_share * p.budget_nok, investor.capital_left_nok});
    if (amount < 1.0) continue;
    p.investor_nok = amount;
    p.investor = index;
    break;
  }
  if (s.regions[p.region].private_investors == 0) return;
  p.set(Check::investor_screen, screened);
  if (screened) p.set(Check::investor_capital, p.investor >= 0);
}

}  // namespace

void finance(World& world, const Scenario& s, Project& p) {
  pledge(world, s, p);
  const double cash = p.parties_cash_nok(), in_kind = p.in_kind_nok();
  Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::financing);
  ask_agency(world, s, p, cash + in_kind, rng);
  ask_municipality(world, s, p, cash, in_kind);
  ask_investors(world, s, p, p.budget_nok - cash - in_kind - p.public_nok());
  // Without transparency part of the public money leaks away before it does any work.
  p.leaked_nok = s.municipality.transparency ? 0.0 : s.projects.leakage_without_transparency * p.public_nok();
  const double covered = cash + in_kind + p.public_nok() + p.investor_nok - p.leaked_nok;
  p.set(Check::funded, covered >= s.projects.min_funded_share * p.budget_nok);
  p.success_probability = static_cast<float>(success_probability(world, s, p));
  if (p.result(Check::funded) == CheckResult::passed) return;
  p.rejected_by = Check::funded;
  for (Check c : kFundingChecks) {
    if (p.result(c) == CheckResult::failed) {
      p.rejected_by = c;
      break;
    }
  }
  p.agency_nok = p.municipal_nok = p.investor_nok = p.leaked_nok = 0;
  p.investor = -1;
}

void start_project(World& world, Project& p) {
  FirmTable& f = world.firms;
  p.status = ProjectStatus::active;
  p.start = world.step;
  p.end = world.step + p.duration_months;  // instalments in the economy phase of steps start+1..end
  for (const Party& party : p.parties) {
    if (party.actor.is_firm()) {
      f.project_cash_nok_per_month[party.actor.index()] += party.cash_nok / p.duration_months;
      ++f.active_projects[party.actor.index()];
    } else {
      ++world.universities[party.actor.index()].active_projects;
    }
  }
  world.agency.budget_left_nok -= p.agency_nok;
  world.agency.spent_total_nok += p.agency_nok;
  Municipality& muni = world.municipalities[p.municipality];
  muni.budget_left_nok -= p.municipal_nok;
  muni.spent_total_nok += p.municipal_nok;
  if (p.investor >= 0) {
    world.investors[p.investor].capital_left_nok -= p.investor_nok;
    world.investors[p.investor].invested_total_nok += p.investor_nok;
  }
  RegionState& region = world.regions[p.region];
  ++region.projects_started;
  region.started_by_theme[static_cast<std::size_t>(p.theme)] += 1;
  region.public_money_nok += p.public_nok();
  region.private_money_nok += p.private_cash_nok();
  region.leaked_nok += p.leaked_nok;
  world.active_projects.push_back(p.id);
}

}  // namespace ecosim
