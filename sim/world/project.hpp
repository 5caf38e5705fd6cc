// A partnership: one row per proposal, from proposal to its outcome, with the result of every
// rule check on the way, so the projects table explains each rejection.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "world/actor.hpp"
#include "scenario/vocabulary.hpp"

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

// Every rule a proposal meets. Each is recorded as passed, failed or not reached; a rejection
// is blamed on the first failed check in this order (financing.cpp asks the agency before the
// municipality, but blames the municipality's rules first).
enum class Check : std::uint8_t {
  lead_capacity,       // the lead still has room for another project
  due_diligence,       // the lead's (and partners') cash runway meets the threshold
  partner_found,       // at least min_parties parties high enough on the ladder
  min_external_share,  // others' share >= the municipality's minimum (in kind counting or not)
  viability,           // parties' own cash covers viability_weight / 2 of the budget
  municipal_budget,    // the municipality has budget left for its share
  agency_budget,       // the public agency has budget left for its share
  agency_priority,     // the agency's theme priority draw favoured the project
  investor_screen,     // a private investor's return and risk requirements are met
  investor_capital,    // a screening investor has capital left
  funded,              // everything together covers min_funded_share of the budget
};
inline constexpr std::size_t kChecks = 11;
inline constexpr std::array<std::string_view, kChecks> kCheckNames = {
    "lead_capacity",    "due_diligence",   "partner_found",   "min_external_share",
    "viability",        "municipal_budget", "agency_budget",  "agency_priority",
    "investor_screen",  "investor_capital", "funded"};

// The name a rejection goes by: the failed check, or "underfunded" when every funder gave what
// its rules allowed and the total still fell short.
inline std::string_view rejection_name(Check c) {
  return c == Check::funded ? "underfunded" : kCheckNames[static_cast<std::size_t>(c)];
}

enum class CheckResult : std::int8_t { not_reached = -1, failed = 0, passed = 1 };

struct Party {
  ActorRef actor;
  std::uint16_t region = 0;
  float trust = 1.0f;  // the lead's trust in this party when it joined (1 for the lead)
  float runway_months = 0;  // cash / monthly wages when it joined (firms)
  double cash_nok = 0;
  double in_kind_nok = 0;
};

struct Project {
  std::uint32_t id = 0;
  std::int32_t step = 0;  // proposed
  Theme theme = Theme::climate_energy;
  std::uint16_t region = 0;  // the lead's
  ActorRef lead;
  std::vector<Party> parties;  // lead first
  double budget_nok = 0;
  std::int32_t duration_months = 0;
  std::uint32_t municipality = 0;  // the lead's (a university's host municipality)
  double municipal_nok = 0;
  double agency_nok = 0;
  double investor_nok = 0;
  std::int32_t investor = -1;
  double leaked_nok = 0;  // public money lost without transparency
  double refund_share = 0;  // share of its funders' money returned when a review stopped it
  bool cross_region = false;
  std::array<CheckResult, kChecks> checks;
  Check rejected_by = Check::funded;  // meaningful only when status == rejected
  ProjectStatus status = ProjectStatus::rejected;
  std::int32_t start = -1;  // step it started; instalments are paid in steps start+1..end
  std::int32_t end = -1;    // step of its last funded instalment, or of the review that stopped it
  std::int32_t continued_until = -1;  // last step its private side pays, when continued
  float success_probability = 0;
  float complementarity = 0;
  float review_signal = -1;  // progress signal seen at the review; -1 if never reviewed
  bool succeeded = false;

  Project() { checks.fill(CheckResult::not_reached); }

  void set(Check c, bool passed) {
    checks[static_cast<std::size_t>(c)] = passed ? CheckResult::passed : CheckResult::failed;
  }
  CheckResult result(Check c) const { return checks[static_cast<std::size_t>(c)]; }
  bool started() const { return start >= 0; }
  double public_nok() const { return municipal_nok + agency_nok; }
  double refunded_nok() const { return refund_share * (public_nok() + investor_nok); }
  double parties_cash_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.cash_nok;
    return sum;
  }
  double private_cash_nok() const { return parties_cash_nok() + investor_nok; }
  double in_kind_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.in_kind_nok;
    return sum;
  }
};

}  // namespace ecosim
