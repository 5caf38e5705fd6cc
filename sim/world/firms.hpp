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
#include "scenario/scenario.hpp"
#include "world/ids.hpp"
#include "world/knowledge.hpp"

namespace ecosim {

// Every column, declared once: FirmTable's members and everything that must touch each column
// (resizing, hashing, saving) are made from these lists. X(type, name) /* meaning */.
// What a firm is and holds, carried from month to month:
#define ECOSIM_FIRM_STATE_COLUMNS(X)                                                            \
  X(RegionId, region)                                                                           \
  X(MunicipalityId, municipality)                                                               \
  X(Sector, sector)                                                                             \
  X(std::uint8_t, alive)                                                                        \
  X(std::uint32_t, uid)        /* persistent id, never reused (rows are) */                     \
  X(ExitCause, exit_cause)     /* why it closed */                                              \
  X(std::uint8_t, is_public)   /* a public establishment: no exit, ideas or partnerships */     \
  X(std::uint8_t, owner_works) /* a working owner, counted as a job */                          \
  X(Step, birth_step)          /* initial firms: minus their age in months */                   \
  X(Step, exit_step)           /* kNoStep while alive */                                        \
  X(std::int32_t, employees)                                                                    \
  X(std::int32_t, skilled)  /* of employees */                                                  \
  X(float, skill_rounding)  /* in [0,1): rounds its skilled jobs, unbiased over firms */        \
  X(float, capacity)        /* employment the firm wants (continuous) */                        \
  X(float, growth_variance) /* this year's variance of its yearly log growth */                 \
  X(float, productivity)    /* multiplier on its sector's output per worker */                  \
  X(float, wage_nok)        /* monthly wage cost per employee (wage_for) */                     \
  X(double, cash_nok)                                                                           \
  X(float, cash_buffer_months)      /* months of costs it keeps; cash above is paid out */      \
  X(Knowledge, knowledge)           /* capability per theme (SKIN): absorbed, kept */           \
  X(Knowledge, expertise)           /* per theme: grows while used, fades unused */             \
  X(float, emission_factor)         /* multiplier on its sector's intensity */                  \
  X(double, innovation_revenue_nok) /* per month, from successful projects */                   \
  X(float, satisfaction)                                                                        \
  X(float, trust_in_municipality)                                                               \
  X(MaybeId<PromotionOrgId>, promotion_org) /* the organisation it is a member of, if any */    \
  X(std::uint8_t, months_negative)                                                              \
  X(std::uint8_t, months_since_unfilled) /* since a hire it sought was not found (255: long) */ \
  X(std::uint8_t, active_projects)                                                              \
  X(double, project_cost_nok_per_month) /* cash and staff time committed to running projects */

// What happened to a firm this month: cleared at the start of each month (FirmTable::start_month,
// by the economy phase, the first to touch every firm), written by the phases, read by later
// phases and the indicators.
#define ECOSIM_FIRM_MONTH_COLUMNS(X)                                              \
  X(std::int32_t, separations)      /* employees who left this step */            \
  X(std::int32_t, skilled_wanted)   /* skilled hires sought */                    \
  X(std::int32_t, skilled_unfilled) /* of which not found: the competence gap */  \
  X(std::int32_t, unskilled_wanted)                                               \
  X(std::int32_t, hired_skilled)                                                  \
  X(std::int32_t, hired_unskilled)                                                \
  X(float, output_nok)                                                            \
  X(float, emissions_t)                                                           \
  X(std::uint8_t, met_this_step)      /* met by its municipality this step */     \
  X(std::optional<Theme>, idea_theme) /* theme of this step's proposal, if any */ \
  X(std::uint8_t, theme_mask)         /* themes of the projects it works on this step */

#define ECOSIM_FIRM_COLUMNS(X) ECOSIM_FIRM_STATE_COLUMNS(X) ECOSIM_FIRM_MONTH_COLUMNS(X)

enum class ExitCause : std::uint8_t { none, insolvency, closure };
inline constexpr std::array<std::string_view, 3> kExitCauseNames = {"none", "insolvency",
                                                                    "closure"};

#define ECOSIM_DECLARE_COLUMN(type, name) IdVector<FirmId, type> name;
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
#define ECOSIM_VISIT_COLUMN(type, name) visit(#name, name);
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
#define ECOSIM_VISIT_COLUMN(type, name) visit(#name, name);
    ECOSIM_FIRM_COLUMNS(ECOSIM_VISIT_COLUMN)
#undef ECOSIM_VISIT_COLUMN
  }
  template <class Visitor>
  void for_each_column(Visitor&& visit) const {
#define ECOSIM_VISIT_COLUMN(type, name) visit(#name, name);
    ECOSIM_FIRM_COLUMNS(ECOSIM_VISIT_COLUMN)
#undef ECOSIM_VISIT_COLUMN
  }

  std::size_t size() const { return alive.size(); }
  IdRange<FirmId> ids() const { return alive.ids(); }
  // Grows (or shrinks) every column to n rows; new rows are zero until init_firm fills them.
  void resize(std::size_t n);
};

// Jobs a firm provides: its employees and its working owner.
inline int jobs_of(const FirmTable& f, FirmId firm) {
  return f.employees[firm] + f.owner_works[firm];
}

}  // namespace ecosim
