// Firms, one row each, as a structure of arrays. A closed firm's row is taken over by an
// entrant once nothing refers to it any more (phases/demography.cpp), so a firm is identified
// by its row and its birth_step.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/id.hpp"
#include "engine/members.hpp"
#include "scenario/scenario.hpp"
#include "world/ids.hpp"
#include "world/knowledge.hpp"

namespace ecosim {

// Every column, declared once with what it means: FirmTable's members and everything that must
// touch each column (resizing, hashing, saving) are made from these lists.
// X(type, name, units, description); a column without units or a description fails to build.
// What a firm is and holds, carried from month to month:
#define ECOSIM_FIRM_STATE_COLUMNS(X)                                                             \
  X(RegionId, region, "1", "its region")                                                         \
  X(MunicipalityId, municipality, "1", "its home municipality")                                  \
  X(Sector, sector, "1", "its sector")                                                           \
  X(std::uint8_t, alive, "1", "1 while it operates; a closed firm's row waits for an entrant")   \
  X(std::uint32_t, uid, "1", "persistent id, never reused (rows are)")                           \
  X(ExitCause, exit_cause, "1", "why it closed")                                                 \
  X(std::uint8_t, is_public, "1", "a public establishment: no exit, ideas or partnerships")      \
  X(std::uint8_t, owner_works, "1", "a working owner, counted as a job")                         \
  X(Step, birth_step, "month", "step it was born; initial firms: minus their age in months")     \
  X(Step, exit_step, "month", "step it closed; kNoStep while alive")                             \
  X(std::int32_t, employees, "person", "employees (the working owner not included)")             \
  X(std::int32_t, skilled, "person", "of its employees, the skilled")                            \
  X(float, skill_rounding, "1", "in [0,1): rounds its skilled jobs, unbiased over firms")        \
  X(float, capacity, "person", "employment the firm wants (continuous)")                         \
  X(float, growth_variance, "1", "this year's variance of its yearly log growth")                \
  X(float, productivity, "1", "multiplier on its sector's value added per worker")               \
  X(float, wage_nok, "NOK/month", "wage cost per employee at the start's wage level (wage_for)") \
  X(double, cash_nok, "NOK", "cash held")                                                        \
  X(float, cash_buffer_months, "month", "months of costs it keeps; cash above is paid out")      \
  X(Knowledge, knowledge, "1", "capability per theme (SKIN): absorbed, kept")                    \
  X(Knowledge, expertise, "1", "per theme: grows while used, fades unused")                      \
  X(float, emission_factor, "1", "multiplier on its sector's emission intensity")                \
  X(double, innovation_revenue_nok, "NOK/month", "revenue from its successful projects")         \
  X(float, satisfaction, "1", "satisfaction with the municipality's business climate, in [0,1]") \
  X(float, trust_in_municipality, "1", "its trust in its municipality, in [0,1]")                \
  X(MaybeId<PromotionOrgId>, promotion_org, "1", "the organisation it is a member of, if any")   \
  X(std::uint8_t, months_negative, "month", "months in a row with negative cash")                \
  X(std::uint8_t, months_since_unfilled, "month",                                                \
    "since a hire it sought was not found (255: long ago)")                                      \
  X(std::uint8_t, active_projects, "project", "projects it takes part in now")                   \
  X(double, project_cost_nok_per_month, "NOK/month",                                             \
    "cash and staff time committed to running projects")

// What happened to a firm this month: cleared at the start of each month (FirmTable::start_month,
// by the economy phase, the first to touch every firm), written by the phases, read by later
// phases and the indicators.
#define ECOSIM_FIRM_MONTH_COLUMNS(X)                                                    \
  X(std::int32_t, separations, "person", "employees who left this step")                \
  X(std::int32_t, skilled_wanted, "person", "skilled hires sought")                     \
  X(std::int32_t, skilled_unfilled, "person", "of which not found: the competence gap") \
  X(std::int32_t, unskilled_wanted, "person", "unskilled hires sought")                 \
  X(std::int32_t, hired_skilled, "person", "skilled employees hired this step")         \
  X(std::int32_t, hired_unskilled, "person", "unskilled employees hired this step")     \
  X(float, output_nok, "NOK/month", "value added this step")                            \
  X(float, emissions_t, "t CO2e/month", "greenhouse-gas emissions this step")           \
  X(std::uint8_t, met_this_step, "1", "1 when its municipality met it this step")       \
  X(std::optional<Theme>, idea_theme, "1", "theme of this step's proposal, if any")     \
  X(std::uint8_t, theme_mask, "1", "themes of the projects it works on this step (bit set)")

#define ECOSIM_FIRM_COLUMNS(X) ECOSIM_FIRM_STATE_COLUMNS(X) ECOSIM_FIRM_MONTH_COLUMNS(X)

enum class ExitCause : std::uint8_t { none, insolvency, closure };
inline constexpr std::array<std::string_view, 3> kExitCauseNames = {"none", "insolvency",
                                                                    "closure"};

#define ECOSIM_DECLARE_COLUMN(type, name, units, description)                         \
  static_assert(sizeof(units) > 1 && sizeof(description) > 1, #name ": describe it"); \
  IdVector<FirmId, type> name;
// The month's columns, in a struct of their own so that they are cleared together.
struct FirmMonthColumns {
  ECOSIM_FIRM_MONTH_COLUMNS(ECOSIM_DECLARE_COLUMN)

  // Clears the firm's row of this month's columns: what a phase leaves unwritten reads as
  // nothing happened, never as last month's value.
  void start_month(FirmId firm) {
    for_each_month_column([firm](const char*, auto& column) { column[firm] = {}; });
  }

  // Calls visit(name, column) for every column of the month, in declaration order.
  template <class Visitor>
  void for_each_month_column(Visitor&& visit) {
#define ECOSIM_VISIT_COLUMN(type, name, ...) visit(#name, name);
    ECOSIM_FIRM_MONTH_COLUMNS(ECOSIM_VISIT_COLUMN)
#undef ECOSIM_VISIT_COLUMN
  }
};

struct FirmTable : FirmMonthColumns {
  ECOSIM_FIRM_STATE_COLUMNS(ECOSIM_DECLARE_COLUMN)
#undef ECOSIM_DECLARE_COLUMN

  // Calls visit(name, column) for every column, in declaration order.
  template <class Visitor>
  void for_each_column(Visitor&& visit) {
#define ECOSIM_VISIT_COLUMN(type, name, ...) visit(#name, name);
    ECOSIM_FIRM_COLUMNS(ECOSIM_VISIT_COLUMN)
#undef ECOSIM_VISIT_COLUMN
  }
  template <class Visitor>
  void for_each_column(Visitor&& visit) const {
#define ECOSIM_VISIT_COLUMN(type, name, ...) visit(#name, name);
    ECOSIM_FIRM_COLUMNS(ECOSIM_VISIT_COLUMN)
#undef ECOSIM_VISIT_COLUMN
  }

  std::size_t size() const { return alive.size(); }
  IdRange<FirmId> ids() const { return alive.ids(); }
  // Grows (or shrinks) every column to n rows; new rows are zero until init_firm fills them.
  void resize(std::size_t n);
};

// No member beside the lists: each struct holds exactly its list's columns (FirmTable: its
// base, then the state columns), so a column added outside the lists fails to build.
#define ECOSIM_COUNT_COLUMN(...) +1
static_assert(member_count<FirmMonthColumns>() == 0 ECOSIM_FIRM_MONTH_COLUMNS(ECOSIM_COUNT_COLUMN),
              "FirmMonthColumns: declare each column in ECOSIM_FIRM_MONTH_COLUMNS");
static_assert(member_count<FirmTable>() == 1 ECOSIM_FIRM_STATE_COLUMNS(ECOSIM_COUNT_COLUMN),
              "FirmTable: declare each column in ECOSIM_FIRM_STATE_COLUMNS");
#undef ECOSIM_COUNT_COLUMN

// Jobs a firm provides: its employees and its working owner.
inline int jobs_of(const FirmTable& f, FirmId firm) {
  return f.employees[firm] + f.owner_works[firm];
}

}  // namespace ecosim
