// Phases 3-5: ideas, partner search and financing (ODD: Details, submodel "partnerships").
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "model/phases.hpp"
#include "model/success.hpp"

namespace ecosim {
namespace {

double mean_of(const Knowledge& k) {
  double sum = 0;
  for (float v : k) sum += v;
  return sum / kThemes;
}

// 3. Each firm with room for another project proposes with a probability that grows with its
// knowledge and shrinks when it is short of cash; the theme follows knowledge and priorities.
void propose(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const double base = pp.ideas_per_firm_per_year / 12.0;
  for_each_index(f.size(), [&](std::size_t i) {
    f.idea_theme[i] = kNoIdea;
    if (!f.alive[i] || f.active_projects[i] >= pp.max_projects_per_firm) return;
    Rng rng = make_rng(s.simulation.seed, AgentKind::firm, i, world.step, Stream::idea);
    const double knowledge = std::clamp(mean_of(f.knowledge[i]) / std::max(1e-6, s.firms.initial_knowledge), 0.25, 4.0);
    const double p = base * knowledge * (f.cash_nok[i] > 0 ? 1.0 : 0.25);
    if (uniform01(rng) >= p) return;
    ThemeArray weight{};
    double total = 0;
    for (std::size_t t = 0; t < kThemes; ++t)
      total += weight[t] = (f.knowledge[i][t] + 0.05) * s.public_agency.theme_priorities[t];
    double u = uniform01(rng) * total;
    std::size_t theme = 0;
    while (theme + 1 < kThemes && (u -= weight[theme]) >= 0) ++theme;
    f.idea_theme[i] = static_cast<std::uint8_t>(theme);
  });
}

// Gathers this step's ideas into projects, in firm order, and draws budget and duration.
std::size_t gather_proposals(World& world, const Scenario& s) {
  const FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const std::size_t first = world.projects.size();
  for (std::uint32_t i = 0; i < f.size(); ++i) {
    if (f.idea_theme[i] == kNoIdea) continue;
    Project p;
    p.id = static_cast<std::uint32_t>(world.projects.size());
    p.step = world.step;
    p.theme = static_cast<Theme>(f.idea_theme[i]);
    p.region = f.region[i];
    p.lead = ActorRef::firm(i);
    p.municipality = f.municipality[i];
    Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::idea);
    boost::random::lognormal_distribution<double> budget(std::log(pp.budget_median_nok), pp.budget_log_sd);
    boost::random::uniform_int_distribution<int> duration(pp.duration_min_months, pp.duration_max_months);
    // Transparency costs overhead on every budget it applies to.
    p.budget_nok = budget(rng) * (s.municipality.transparency ? 1.0 + s.municipality.transparency_overhead : 1.0);
    p.duration_months = duration(rng);
    p.parties.push_back({p.lead, 0, 0});
    world.projects.push_back(std::move(p));
    ++world.regions[f.region[i]].proposals;
  }
  return first;
}

// 4. Candidates are the lead's ties high enough on the ladder (other regions only when
// allowed), scored by trust and the candidate's knowledge of the theme. Read-only, parallel.
void search_partners(World& world, const Scenario& s, std::size_t first) {
  const FirmTable& f = world.firms;
  const TrustParams& t = s.trust;
  for_each_index(world.projects.size() - first, [&](std::size_t k) {
    Project& p = world.projects[first + k];
    const std::uint32_t lead = p.lead.index();
    const std::size_t theme = static_cast<std::size_t>(p.theme);
    struct Candidate { double score; ActorRef actor; };
    std::array<Candidate, 64> found;
    std::size_t n = 0;
    const Tie* ties = world.trust.ties_of(lead);
    for (int j = 0; j < world.trust.slots(); ++j) {
      const Tie& tie = ties[j];
      if (tie.other.empty() || rung_of(tie.trust, t.ladder) < t.min_rung_to_partner) continue;
      double knowledge = 0;
      if (tie.other.is_firm()) {
        const std::uint32_t o = tie.other.index();
        if (!f.alive[o]) continue;
        if (f.region[o] != f.region[lead] && !t.allow_cross_region) continue;
        knowledge = f.knowledge[o][theme];
      } else if (tie.other.kind() == ActorKind::university) {
        knowledge = world.universities[tie.other.index()].research[theme];
      } else {
        continue;
      }
      found[n++] = {tie.trust * (0.5 + knowledge), tie.other};
    }
    std::sort(found.begin(), found.begin() + n, [](const Candidate& a, const Candidate& b) {
      return a.score != b.score ? a.score > b.score : a.actor < b.actor;
    });
    const std::size_t keep = std::min<std::size_t>(n, s.projects.max_partners - 1);
    for (std::size_t j = 0; j < keep; ++j) p.parties.push_back({found[j].actor, 0, 0});
  });
}

double monthly_wages(const FirmTable& f, const Scenario& s, std::uint32_t i) {
  return std::max(1, f.employees[i]) * wage_of(f, s, i);
}

// Drops parties that have no room left, or that fail due diligence; returns the rule that
// rejects the whole proposal, if any.
Rule admit_parties(World& world, const Scenario& s, Project& p) {
  const FirmTable& f = world.firms;
  const MunicipalityPolicy& m = s.municipality;
  auto passes_due_diligence = [&](ActorRef a) {
    if (!m.due_diligence || !a.is_firm()) return true;
    return f.cash_nok[a.index()] / monthly_wages(f, s, a.index()) >= m.due_diligence_min_runway_months;
  };
  if (f.active_projects[p.lead.index()] >= s.projects.max_projects_per_firm) return Rule::lead_at_capacity;
  if (!passes_due_diligence(p.lead)) return Rule::due_diligence;
  bool refused_any = false;
  std::vector<Party> kept{p.parties.front()};
  for (std::size_t j = 1; j < p.parties.size(); ++j) {
    const ActorRef a = p.parties[j].actor;
    const bool room = a.is_firm() ? f.active_projects[a.index()] < s.projects.max_projects_per_firm
                                  : world.universities[a.index()].active_projects <
                                        s.universities.max_concurrent_projects;
    if (!room) continue;
    if (!passes_due_diligence(a)) {
      refused_any = true;
      continue;
    }
    kept.push_back(p.parties[j]);
  }
  p.parties = std::move(kept);
  p.cross_region = std::any_of(p.parties.begin(), p.parties.end(), [&](const Party& party) {
    return party.actor.is_firm() && f.region[party.actor.index()] != p.region;
  });
  if (p.parties.size() < 2) return refused_any ? Rule::due_diligence : Rule::no_partner;
  return Rule::none;
}

// 5. Financing: parties' cash and staff time, then the agency (priority-weighted), then the
// municipality if the others cover at least its minimum share, then private investors for the
// rest if the expected return and risk suit them.
void finance(World& world, const Scenario& s, Project& p) {
  FirmTable& f = world.firms;
  const ProjectParams& pp = s.projects;
  const MunicipalityPolicy& m = s.municipality;
  const double budget = p.budget_nok;
  for (Party& party : p.parties) {
    party.in_kind_nok = pp.in_kind_share_per_party * budget;
    if (party.actor.is_firm())
      party.cash_nok = std::min(pp.cash_share_per_party * budget, std::max(0.0, pp.max_cash_pledge_share * f.cash_nok[party.actor.index()]));
  }
  double cash = 0, in_kind = 0;
  for (const Party& party : p.parties) cash += party.cash_nok, in_kind += party.in_kind_nok;

  Rng rng = make_rng(s.simulation.seed, AgentKind::project, p.id, world.step, Stream::financing);
  const auto& priorities = s.public_agency.theme_priorities;
  const double top_priority = *std::max_element(priorities.begin(), priorities.end());
  const double aid = std::min(s.public_agency.max_aid_share * budget, budget - cash - in_kind);
  if (aid > 0 && aid <= world.agency.budget_left_nok &&
      uniform01(rng) * top_priority < priorities[static_cast<std::size_t>(p.theme)])
    p.agency_nok = aid;

  const double others = cash + (m.in_kind_counts ? in_kind : 0.0) + p.agency_nok;
  p.municipal_rule_passed = others >= m.min_external_share * budget;
  // Viability: the parties' own cash is what can go on paying after the contract ends.
  p.viability_passed = cash >= m.viability_weight * 0.5 * budget;
  Municipality& muni = world.municipalities[p.municipality];
  if (p.municipal_rule_passed && p.viability_passed) {
    const double gap = budget - cash - in_kind - p.agency_nok;
    p.municipal_nok = std::clamp(std::min(m.max_project_share * budget, gap), 0.0, muni.budget_left_nok);
    if (p.municipal_nok < 1.0) p.municipal_nok = 0;  // a spent budget, up to rounding
  }
  p.success_probability = static_cast<float>(success_probability(world, s, p));
  const double gap = budget - cash - in_kind - p.agency_nok - p.municipal_nok;
  const InvestorParams& inv = s.investors;
  const bool attractive = 1.0 - p.success_probability <= inv.risk_tolerance &&
                          p.success_probability * pp.innovation_revenue_share >= inv.required_return;
  if (gap > 0 && attractive) {
    const RegionState& region = world.regions[p.region];
    for (int k = 0; k < s.regions[p.region].private_investors; ++k) {
      PrivateInvestor& investor = world.investors[region.first_investor + k];
      const double amount = std::min({gap, inv.max_share * budget, investor.capital_left_nok});
      if (amount <= 0) continue;
      p.investor_nok = amount;
      p.investor = static_cast<std::int32_t>(region.first_investor + k);
      break;
    }
  }
}

// Commits the money of a funded project and starts it.
void start(World& world, const Scenario& s, Project& p) {
  FirmTable& f = world.firms;
  p.status = ProjectStatus::active;
  p.success_probability = static_cast<float>(success_probability(world, s, p));
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
  world.active_projects.push_back(p.id);
}

}  // namespace

void form_partnerships(World& world, const Scenario& s) {
  propose(world, s);
  const std::size_t first = gather_proposals(world, s);
  search_partners(world, s, first);
  // Resolution in proposal order: earlier proposals take partners' room and budgets first.
  for (std::size_t k = first; k < world.projects.size(); ++k) {
    Project& p = world.projects[k];
    p.rejected_by = admit_parties(world, s, p);
    if (p.rejected_by != Rule::none) continue;
    finance(world, s, p);
    const double funded = p.private_cash_nok() + p.in_kind_nok() + p.public_nok();
    if (funded < s.projects.min_funded_share * p.budget_nok) {
      p.rejected_by = Rule::underfunded;
      p.agency_nok = p.municipal_nok = p.investor_nok = 0;
      p.investor = -1;
      continue;
    }
    start(world, s, p);
  }
}

}  // namespace ecosim
