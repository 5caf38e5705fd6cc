// A partnership: one row per proposal, from proposal to its outcome.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/actor.hpp"
#include "model/types.hpp"

namespace ecosim {

enum class ProjectStatus : std::uint8_t { rejected, active, stopped_at_review, completed, failed };
inline constexpr std::array<std::string_view, 5> kProjectStatusNames = {
    "rejected", "active", "stopped_at_review", "completed", "failed"};

// The rule that stopped a proposal; none for a project that started.
enum class Rule : std::uint8_t {
  none,
  lead_at_capacity,   // an earlier proposal this month took the lead's last free place
  no_partner,         // no trusted partner high enough on the ladder
  due_diligence,      // the lead's finances, or every partner's, fell below the threshold
  underfunded,        // the parties and funders together covered too little
};
inline constexpr std::array<std::string_view, 5> kRuleNames = {
    "none", "lead_at_capacity", "no_partner", "due_diligence", "underfunded"};

struct Party {
  ActorRef actor;
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
  double municipal_nok = 0;
  std::uint32_t municipality = 0;  // the lead's municipality
  double agency_nok = 0;
  double investor_nok = 0;
  std::int32_t investor = -1;
  bool municipal_rule_passed = false;  // others' share >= the municipality's minimum
  bool viability_passed = false;        // parties' own cash share >= viability_weight / 2
  bool cross_region = false;
  ProjectStatus status = ProjectStatus::rejected;
  Rule rejected_by = Rule::none;
  std::int32_t start = -1;  // step it started; instalments are paid in steps start+1..end
  std::int32_t end = -1;    // step of its last instalment, or of the review that stopped it
  float success_probability = 0;
  float progress = 0;

  double public_nok() const { return municipal_nok + agency_nok; }
  double private_cash_nok() const {
    double sum = investor_nok;
    for (const auto& p : parties) sum += p.cash_nok;
    return sum;
  }
  double in_kind_nok() const {
    double sum = 0;
    for (const auto& p : parties) sum += p.in_kind_nok;
    return sum;
  }
};

}  // namespace ecosim
