// A partnership: one row per proposal, from proposal to its outcome, with the result of every
// rule check on the way, so the projects table explains each rejection.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
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
  std::uint32_t uid = 0;
  RegionId region;
  float trust = 1.0f;
  float runway_months = 0;
  double cash_nok = 0;
  double in_kind_nok = 0;
  bool withdrawn = false;
};

// A proposal and, once funded, its project (what each member means: kMembers below).
struct Project {
  ProjectId id;
  Step step = 0;
  Theme theme = Theme::climate_energy;
  RegionId region;
  ActorRef lead;
  std::vector<Party> parties;  // lead first
  double budget_nok = 0;
  std::int32_t duration_months = 0;
  MunicipalityId municipality;
  double municipal_nok = 0;
  double agency_nok = 0;
  double investor_nok = 0;
  MaybeId<InvestorId> investor;
  double leaked_nok = 0;
  double overhead_nok = 0;
  double withdrawn_nok = 0;
  double staff_nok = 0;
  double refund_share = 0;
  bool cross_region = false;
  PerCheck<CheckResult> checks = none_reached();
  std::optional<Check> rejected_by;  // set exactly when status == rejected
  ProjectStatus status = ProjectStatus::rejected;
  Step start = kNoStep;  // instalments are paid in steps start+1..end
  Step end = kNoStep;
  Step continued_until = kNoStep;
  float success_probability = 0;
  float complementarity = 0;
  float review_signal = kNotReviewed;
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

// The members of a party and of a project, each once with what it means: the checkpoint saves
// what is listed, the projects and parties tables of the run file and their reference in
// docs/FORMAT.md are made from these lists (io/projects_table.cpp), and a member added to the
// struct and not here fails to build.
template <>
inline constexpr auto kMembers<Party> = std::tuple{
    ECOSIM_MEMBER(Party, actor, "1",
                  "index in the table of its kind (a closed firm's index passes to a later "
                  "entrant)",
                  "firm index (as `projects/lead`) or university index"),
    ECOSIM_MEMBER(Party, uid, "1", "a firm's persistent id (as firms/uid), a university's index",
                  "joins a party to its firm's snapshots and exit"),
    ECOSIM_MEMBER(Party, region, "1", "index of the party's region",
                  "differs from `projects/region` for cross-regional partners"),
    ECOSIM_MEMBER(Party, trust, "1",
                  "the lead's trust in the party when it joined (1 for the lead)",
                  "for a university lead, the firm's trust in the university; for a partner of an "
                  "earlier partner, the product of the two trusts; at least the trust of "
                  "`trust.min_rung_to_partner`"),
    ECOSIM_MEMBER(
        Party, runway_months, "month",
        "cash / monthly costs when it joined (firms; 0 for universities)",
        "cash / `buffer_costs` at admission: `max(1, employees)` × its current wage (base "
        "wage × the region's wage index × productivity trend) plus its fixed costs and "
        "the instalments it owes to running projects (MODEL.md §7.5.3); negative when "
        "its cash is. What due diligence reads. Also 0 for a lead whose proposal was "
        "rejected as `lead_capacity`"),
    ECOSIM_MEMBER(Party, cash_nok, "NOK", "cash offered",
                  "0 for universities and for proposals rejected before financing"),
    ECOSIM_MEMBER(Party, in_kind_nok, "NOK", "staff time offered",
                  "0 for proposals rejected before financing"),
    ECOSIM_MEMBER(Party, withdrawn, "1",
                  "1 when it closed or ran out of cash before the project ended and stopped paying",
                  "set while the project's funding runs, when the firm closed or its cash had been "
                  "negative for at least half of `firms.insolvency_months`; its unpaid "
                  "instalments are in `projects/withdrawn_nok`, and the other parties' trust in "
                  "it falls at the project's end (MODEL.md §7.7)")};
static_assert(lists_every_member<Party>(), "Party: list each member in kMembers<Party>");

template <>
inline constexpr auto kMembers<Project> = std::tuple{
    ECOSIM_MEMBER(Project, id, "1", "its id: the row of the table", "", Doc::Column::none),
    ECOSIM_MEMBER(Project, step, "month", "month in which the proposal was made",
                  "1-based, as `indicators/time`", Doc::Column::month),
    ECOSIM_MEMBER(Project, theme, "1", "theme of the project", "one of the six theme names"),
    ECOSIM_MEMBER(Project, region, "1", "index of the lead's region (see indicators/region)",
                  "0 = the region studied"),
    ECOSIM_MEMBER(Project, lead, "1",
                  "index of the lead in the table of its kind (a closed firm's index passes to a "
                  "later entrant)",
                  "a closed firm's row is taken over by an entrant once no running project names "
                  "it, so a firm index with the proposal's `step` identifies a firm; universities "
                  "are numbered across regions in region order"),
    ECOSIM_MEMBER(Project, parties, "party",
                  "number of parties, lead included (rows in group parties)",
                  "see \"Parties of rejected proposals\" below"),
    ECOSIM_MEMBER(Project, budget_nok, "NOK", "total budget",
                  "drawn at proposal, `LogNormal(ln projects.budget_median_nok, "
                  "projects.budget_log_sd)`; transparency does not raise it (its overhead is "
                  "`overhead_nok`)"),
    ECOSIM_MEMBER(Project, duration_months, "month", "planned duration"),
    ECOSIM_MEMBER(Project, municipality, "1",
                  "index of the lead's home municipality (a university's host), across regions",
                  "the municipality whose rules govern it when `municipal_nok > 0`"),
    ECOSIM_MEMBER(Project, municipal_nok, "NOK", "municipal money committed",
                  "0 when rejected; > 0 marks a municipal partnership, the only kind the "
                  "municipality's rules, transparency and evaluation act on"),
    ECOSIM_MEMBER(Project, agency_nok, "NOK", "public agency money committed", "0 when rejected"),
    ECOSIM_MEMBER(Project, investor_nok, "NOK", "private investor money committed",
                  "0 when rejected"),
    ECOSIM_MEMBER(Project, investor, "1",
                  "index of the private investor that joined, across regions; -1 if none",
                  "-1 when `investor_nok` is 0"),
    ECOSIM_MEMBER(Project, leaked_nok, "NOK",
                  "municipal money that did no work because transparency was not required",
                  "`projects.leakage_without_transparency × municipal_nok` in a municipal "
                  "partnership without transparency, else 0 (agency money does not leak); 0 when "
                  "rejected"),
    ECOSIM_MEMBER(Project, overhead_nok, "NOK",
                  "spent on reporting (transparency) in a municipal partnership",
                  "`policy.municipality.transparency_overhead × budget_nok` when `municipal_nok > "
                  "0` and `policy.municipality.transparency`, else 0; 0 when rejected. Does no "
                  "work: it lowers the working money (MODEL.md §7.5.4)"),
    ECOSIM_MEMBER(Project, withdrawn_nok, "NOK",
                  "contributions parties did not pay because they closed or ran out of cash",
                  "for each party that withdrew (`parties/withdrawn`), its monthly instalment × "
                  "the months left to `end`; lowers the project's chances (MODEL.md §7.6)"),
    ECOSIM_MEMBER(Project, staff_nok, "NOK", "municipal staff time on due diligence and evaluation",
                  "`review_staff_days_per_party × staff_day_cost_nok` per firm party when due "
                  "diligence is on and `check_municipal_budget` passed (paid whatever follows, "
                  "also for proposals then rejected), plus `evaluation_staff_days × "
                  "staff_day_cost_nok` for a started municipal partnership when evaluation is on"),
    ECOSIM_MEMBER(Project, refund_share, "1",
                  "share of its funders' money returned when a review stopped it",
                  "written as `refunded_nok`", Doc::Column::none),
    ECOSIM_MEMBER(Project, cross_region, "1", "1 when a party comes from another region",
                  "over the admitted parties; 0 when the proposal was rejected before partners "
                  "were admitted (`lead_capacity`)"),
    ECOSIM_MEMBER(Project, checks, "1", "1 passed, 0 failed, -1 not reached or switched off",
                  "see \"Rule checks\" below"),
    ECOSIM_MEMBER(Project, rejected_by, "1",
                  "the failed check that stopped the proposal (underfunded: every check passed, "
                  "the total fell short); none if it started",
                  "see \"Rejections\" below"),
    ECOSIM_MEMBER(Project, status, "1",
                  "rejected, active, stopped_at_review, completed, failed or continued",
                  "see \"Statuses\" below"),
    ECOSIM_MEMBER(Project, start, "month", "month it started; -1 if rejected",
                  "a funded proposal starts in the month it was proposed, so `start == step`; its "
                  "instalments are paid in months `start + 1` .. `end`",
                  Doc::Column::month),
    ECOSIM_MEMBER(Project, end, "month",
                  "month of its last instalment (planned, if still active) or of the review that "
                  "stopped it; -1 if rejected",
                  "`completed`, `failed`, `continued` and `active`: `start + duration_months` (for "
                  "`active` possibly after the last simulated month); `stopped_at_review`: `start "
                  "+ floor(duration_months × projects.review_at_share)`, the month of the review. "
                  "The outcome is decided in the `end` month",
                  Doc::Column::month),
    ECOSIM_MEMBER(Project, continued_until, "month",
                  "last month its private side pays when it lives on after its funding; -1 "
                  "otherwise",
                  "`end + projects.continuation_months`; the parties pay on in months `end + 1` .. "
                  "`continued_until` and are released in that month. A value after the last "
                  "simulated month means it was still running",
                  Doc::Column::month),
    ECOSIM_MEMBER(Project, success_probability, "1",
                  "probability of reaching the goals, as assessed at financing (every proposal "
                  "that reached financing); 0 otherwise",
                  "computed at the end of financing with all the money found (investor included, "
                  "leaks and overhead deducted)"),
    ECOSIM_MEMBER(Project, complementarity, "1",
                  "mean gap between the lead's and each partner's knowledge profile",
                  "computed in financing (MODEL.md §7.8); 0 for proposals rejected before it"),
    ECOSIM_MEMBER(Project, review_signal, "1",
                  "progress signal seen at the review (projects.review_at_share of the duration); "
                  "NaN if not reviewed (a signal can be negative)",
                  "reviewed: municipal partnerships when `policy.municipality.evaluation` is on "
                  "and `duration_months ≥ 2`, in month `start + floor(duration_months × "
                  "projects.review_at_share)` (half-way by default). Success probability, lowered "
                  "by `withdrawn_nok`, plus noise; below `projects.review_threshold` means "
                  "`stopped_at_review`"),
    ECOSIM_MEMBER(Project, succeeded, "1", "1 when it reached its goals at the end of its funding",
                  "1 exactly for `completed` and `continued`")};
static_assert(lists_every_member<Project>(), "Project: list each member in kMembers<Project>");

// The check a rejected proposal is blamed on: the first failed one in the order of Check, or
// `funded` (underfunded) when none failed.
inline Check blame(const Project& p) {
  for (Check c : kAllChecks)
    if (p.failed(c)) return c;
  return Check::funded;
}

}  // namespace ecosim
