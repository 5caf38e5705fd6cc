// Firm-level output for validation (ODD: Observation): every alive establishment and every tie
// at a snapshot month, and every firm that closed, as it closed. Each column is declared once,
// with its unit and meaning; the recorder writes them as they are.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/unset.hpp"
#include "world/world.hpp"

namespace ecosim {

// X(type, name, unit, description)
#define ECOSIM_SNAPSHOT_FIRM_COLUMNS(X)                                                            \
  X(std::int32_t, time, "month", "month of the snapshot (1 = the first)")                          \
  X(std::uint32_t, uid, "1", "persistent id of the establishment, never reused")                   \
  X(std::int32_t, birth, "month",                                                                  \
    "month it was born; 0 or less for the initial ones (minus its age)")                           \
  X(std::uint16_t, region, "1", "index of its region (indicators/region)")                         \
  X(std::uint32_t, municipality, "1", "index of its municipality over all regions")                \
  X(std::uint8_t, sector, "1", "index of its sector (indicators/sector)")                          \
  X(std::uint8_t, public_sector, "1", "1 for a public establishment")                              \
  X(std::uint8_t, owner_works, "1", "1 when its owner works in it (a job)")                        \
  X(std::int32_t, employees, "person", "employees")                                                \
  X(std::int32_t, skilled, "person", "skilled employees")                                          \
  X(float, output_nok, "NOK/month", "value added this month, product-innovation revenue included") \
  X(float, cash_nok, "NOK", "cash")                                                                \
  X(float, emissions_t, "t CO2e/month", "emissions this month")                                    \
  X(std::uint8_t, projects, "project", "projects it takes part in")                                \
  X(std::uint32_t, ties, "tie", "ties it holds (to firms and universities)")

#define ECOSIM_SNAPSHOT_TIE_COLUMNS(X)                                                     \
  X(std::int32_t, time, "month", "month of the snapshot")                                  \
  X(std::uint32_t, holder, "1", "uid of the firm that holds the tie")                      \
  X(std::uint32_t, other, "1", "uid of the other firm, or index of the university")        \
  X(std::uint8_t, other_kind, "1", "0 firm, 2 university (as the projects tables' kinds)") \
  X(float, trust, "1", "the holder's trust in the other")                                  \
  X(std::uint8_t, rung, "1", "rung of the cooperation ladder (indicators/rung)")           \
  X(std::uint8_t, joint_projects, "project", "projects the two finished together (at most 255)")

#define ECOSIM_EXIT_COLUMNS(X)                                                         \
  X(std::uint32_t, uid, "1", "persistent id of the firm")                              \
  X(std::int32_t, birth, "month", "month it was born; 0 or less for the initial ones") \
  X(std::int32_t, exit, "month", "month it closed")                                    \
  X(std::uint16_t, region, "1", "index of its region")                                 \
  X(std::uint8_t, sector, "1", "index of its sector")                                  \
  X(std::int32_t, employees, "person", "employees when it closed")                     \
  X(std::uint8_t, cause, "1", "1 insolvency (months of negative cash), 2 closure (the hazard)")

// Columns that take_snapshot sizes and then writes in full, in parallel (engine/unset.hpp).
template <class T>
using SnapshotColumn = UnsetVector<T>;

#define ECOSIM_DECLARE_SNAPSHOT_COLUMN(type, name, unit, description) SnapshotColumn<type> name;
#define ECOSIM_VISIT_SNAPSHOT_COLUMN(type, name, unit, description) \
  visit(#name, unit, description, name);
#define ECOSIM_APPEND_SNAPSHOT_COLUMN(type, name, unit, description) \
  name.insert(name.end(), more.name.begin(), more.name.end());
#define ECOSIM_RESIZE_SNAPSHOT_COLUMN(type, name, unit, description) name.resize(rows);

// Columns of equal length; for_each_column(visit(name, unit, description, column)).
struct FirmRows {
  ECOSIM_SNAPSHOT_FIRM_COLUMNS(ECOSIM_DECLARE_SNAPSHOT_COLUMN)
  template <class Visitor>
  void for_each_column(Visitor&& visit) const {
    ECOSIM_SNAPSHOT_FIRM_COLUMNS(ECOSIM_VISIT_SNAPSHOT_COLUMN)
  }
  void resize(std::size_t rows) { ECOSIM_SNAPSHOT_FIRM_COLUMNS(ECOSIM_RESIZE_SNAPSHOT_COLUMN) }
};
struct TieRows {
  ECOSIM_SNAPSHOT_TIE_COLUMNS(ECOSIM_DECLARE_SNAPSHOT_COLUMN)
  template <class Visitor>
  void for_each_column(Visitor&& visit) const {
    ECOSIM_SNAPSHOT_TIE_COLUMNS(ECOSIM_VISIT_SNAPSHOT_COLUMN)
  }
  void resize(std::size_t rows) { ECOSIM_SNAPSHOT_TIE_COLUMNS(ECOSIM_RESIZE_SNAPSHOT_COLUMN) }
};
struct ExitRows {
  ECOSIM_EXIT_COLUMNS(ECOSIM_DECLARE_SNAPSHOT_COLUMN)
  template <class Visitor>
  void for_each_column(Visitor&& visit) const {
    ECOSIM_EXIT_COLUMNS(ECOSIM_VISIT_SNAPSHOT_COLUMN)
  }
  void append(const ExitRows& more) { ECOSIM_EXIT_COLUMNS(ECOSIM_APPEND_SNAPSHOT_COLUMN) }
  void resize(std::size_t rows){ECOSIM_EXIT_COLUMNS(ECOSIM_RESIZE_SNAPSHOT_COLUMN)} std::size_t
      size() const {
    return uid.size();
  }
};

struct Snapshot {
  FirmRows firms;
  TieRows ties;
};

// Whether the step ends a snapshot month: the first month, every snapshot_every-th and the last.
bool snapshot_due(const SimulationParams& p, Step step);

// Every alive establishment and every tie held by one, at the end of the step.
Snapshot take_snapshot(const World& world, const std::array<double, 3>& ladder);

// The firms that closed in this step, in row order.
ExitRows exits_of_step(const World& world);

// The columns of the groups firms/, ties/ and exits/ as markdown tables (docs/FORMAT.md).
std::string firm_level_table_markdown();

}  // namespace ecosim
