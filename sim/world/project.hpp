// A partnership: one row per proposal, from proposal to its outcome, with the result of every
// rule check on the way, so the projects table explains each rejection.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/id.hpp"
#include "engine/members.hpp"
#include "scenario/vocabulary.hpp"
#include "world/actor.hpp"
#include "world/ids.hpp"
#include "world/money.hpp"

namespace ecosim {

enum class ProjectStatus : std::uint8_t {
  rejected,
  active,
  stopped_at_review,
  completed,  // reached its goals when its funding ended
  failed,     // did not reach its goals
  continued,  // reached its goals and lives on, paid by its private side
};
inline constexpr std::array<std::string_view, 6> kProjectStatusNames = {
    "rejected", "active", "stopped_at_review", "completed", "failed", "continued"};

// Every rule a proposal meets, in the order a rejection is blamed on them (blame() below):
// the proposal's own checks, then the municipality's rules (the levers analysts switch; they
// govern the municipality's partnerships only), then the agency, then investors. Financing asks
// the agency before the municipality, since the municipality counts the agency's money, but
// blames the municipality's rules first.
enum class Check : std::uint8_t {
  lead_capacity,       // the lead still has room for another project
  partner_found,       // at least min_parties parties high enough on the ladder
  min_external_share,  // others' share >= the municipality's minimum (in kind counting or not)
  viability,           // parties' own cash covers viability_weight / 2 of the budget
  municipal_budget,    // the municipality has budget left for its share and the review
  due_diligence,       // every firm party's cash runway meets the threshold
  contract_owner,      // the municipality's one contract owner can take on another partnership
  agency_budget,       // the public agency has budget left for its share
  agency_priority,     // the agency selected it (acceptance share x theme priority)
  investor_screen,     // a private investor's return and risk requirements are met
  investor_capital,    // a screening investor has capital left
  funded,              // everything together covers min_funded_share of the budget
};
inline constexpr std::size_t kChecks = 12;
inline constexpr std::array<std::string_view, kChecks> kCheckNames = {
    "lead_capacity",    "partner_found",   "min_external_share", "viability",
    "municipal_budget", "due_diligence",   "contract_owner",     "agency_budget",
    "agency_priority",  "investor_screen", "investor_capital",   "funded"};
inline constexpr std::array<Check, kChecks> kAllChecks = enum_values<Check, kChecks>();
template <class T>
using PerCheck = EnumArray<Check, kChecks, T>;

// The name a rejection goes by: the failed check, or "underfunded" when every funder gave what
// its rules allowed and the total still fell short.
constexpr std::string_view rejection_name(Check c) {
  return c == Check::funded ? "underfunded" : kCheckNames[static_cast<std::size_t>(c)];
}

enum class CheckResult : std::int8_t { not_reached = -1, failed = 0, passed = 1 };

// Every check not reached yet: a new proposal's.
constexpr PerCheck<CheckResult> none_reached() {
  PerCheck<CheckResult> checks;
  checks.fill(CheckResult::not_reached);
  return checks;
}

// The review signal of a project never reviewed: not a number, since a real signal (success
// probability plus normal noise) can take any value, -1 included.
inline constexpr float kNotReviewed = std::numeric_limits<float>::quiet_NaN();

struct Party {
  ActorRef actor;
  std::uint32_t uid = 0;  // a firm's persistent id (FirmTable::uid); a university's index
  RegionId region;
  float trust = 1.0f;       // the lead's trust in this party when it joined (1 for the lead)
  float runway_months = 0;  // cash / monthly costs (buffer_costs) when it joined (firms)
  double cash_nok = 0;
  double in_kind_nok = 0;
  bool withdrawn = false;  // closed or ran out of cash before the project ended: stopped paying
};

struct Project {
  ProjectId id;
  Step step = 0;  // proposed
  Theme theme = Theme::climate_energy;
  RegionId region;  // the lead's
  ActorRef lead;
  std::vector<Party> parties;  // lead first
  double budget_nok = 0;
  std::int32_t duration_months = 0;
  MunicipalityId municipality;  // the lead's (a university's host municipality)
  double municipal_nok = 0;
  double agency_nok = 0;
  double investor_nok = 0;
  MaybeId<InvestorId> investor;
  double leaked_nok = 0;     // municipal money that does no work without transparency
  double overhead_nok = 0;   // spent on reporting when transparency is required
  double withdrawn_nok = 0;  // contributions parties did not pay because they withdrew
  double staff_nok = 0;      // the municipality's staff time: due diligence and evaluation
  double refund_share = 0;   // share of its funders' money returned when a review stopped it
  bool cross_region = false;
  PerCheck<CheckResult> checks = none_reached();
  Check rejected_by = Check::funded;  // meaningful only when status == rejected
  ProjectStatus status = ProjectStatus::rejected;
  Step start = kNoStep;  // step it started; instalments are paid in steps start+1..end
  Step end = kNoStep;    // step of its last funded instalment, or of the review that stopped it
  Step continued_until = kNoStep;  // last step its private side pays, when continued
  float success_probability = 0;
  float complementarity = 0;
  float review_signal = kNotReviewed;  // progress signal seen at the review
  bool succeeded = false;

  void set(Check c, bool passed) { checks[c] = passed ? CheckResult::passed : CheckResult::failed; }
  CheckResult result(Check c) const { return checks[c]; }
  bool failed(Check c) const { return checks[c] == CheckResult::failed; }
  bool passed(Check c) const { return checks[c] == CheckResult::passed; }
  bool started() const { return start != kNoStep; }
  bool reviewed() const { return !std::isnan(review_signal); }
  // A partnership of the municipality's: only these are governed by its rules.
  bool municipal() const { return is_money(municipal_nok); }
  double public_nok() const { return municipal_nok + agency_nok; }
  double refunded_nok() const { return refund_share * (public_nok() + investor_nok); }
  double parties_cash_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.cash_nok;
    return sum;
  }
  double private_cash_nok() const { return parties_cash_nok() + investor_nok; }
  // Cash of the parties still paying (a withdrawn party stopped).
  double paying_cash_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.withdrawn ? 0.0 : p.cash_nok;
    return sum;
  }
  double in_kind_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.in_kind_nok;
    return sum;
  }
  // What pays for the work: every contribution, less money that leaks and the reporting
  // overhead (before any party withdraws).
  double working_nok() const {
    return private_cash_nok() + in_kind_nok() + public_nok() - leaked_nok - overhead_nok;
  }
};

// The members of a party and of a project, each once: the checkpoint saves what is listed, and
// a member added to the struct and not here fails to build.
template <>
inline constexpr auto kMembers<Party> = std::tuple{member("actor", &Party::actor),
                                                   member("uid", &Party::uid),
                                                   member("region", &Party::region),
                                                   member("trust", &Party::trust),
                                                   member("runway_months", &Party::runway_months),
                                                   member("cash_nok", &Party::cash_nok),
                                                   member("in_kind_nok", &Party::in_kind_nok),
                                                   member("withdrawn", &Party::withdrawn)};
static_assert(lists_every_member<Party>(), "Party: list each member in kMembers<Party>");

template <>
inline constexpr auto kMembers<Project> =
    std::tuple{member("id", &Project::id),
               member("step", &Project::step),
               member("theme", &Project::theme),
               member("region", &Project::region),
               member("lead", &Project::lead),
               member("parties", &Project::parties),
               member("budget_nok", &Project::budget_nok),
               member("duration_months", &Project::duration_months),
               member("municipality", &Project::municipality),
               member("municipal_nok", &Project::municipal_nok),
               member("agency_nok", &Project::agency_nok),
               member("investor_nok", &Project::investor_nok),
               member("investor", &Project::investor),
               member("leaked_nok", &Project::leaked_nok),
               member("overhead_nok", &Project::overhead_nok),
               member("withdrawn_nok", &Project::withdrawn_nok),
               member("staff_nok", &Project::staff_nok),
               member("refund_share", &Project::refund_share),
               member("cross_region", &Project::cross_region),
               member("checks", &Project::checks),
               member("rejected_by", &Project::rejected_by),
               member("status", &Project::status),
               member("start", &Project::start),
               member("end", &Project::end),
               member("continued_until", &Project::continued_until),
               member("success_probability", &Project::success_probability),
               member("complementarity", &Project::complementarity),
               member("review_signal", &Project::review_signal),
               member("succeeded", &Project::succeeded)};
static_assert(lists_every_member<Project>(), "Project: list each member in kMembers<Project>");

// The check a rejected proposal is blamed on: the first failed one in the order of Check, or
// `funded` (underfunded) when none failed.
inline Check blame(const Project& p) {
  for (Check c : kAllChecks)
    if (p.failed(c)) return c;
  return Check::funded;
}

}  // namespace ecosim
