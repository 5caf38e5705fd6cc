#pragma once

#include <hdf5.h>

#include <string>

#include "world/world.hpp"

namespace ecosim {

// Writes group `projects` (one row per proposal) and group `parties` (one row per party of
// each proposal), columns as 1-D datasets along dimensions `project` and `party`; groups
// written before (a partial file's earlier flush) are replaced.
// The columns are made from the member lists of Project and Party (world/project.hpp) and a few
// sums and shares of their own.
void write_projects_table(hid_t file, const World& world);

// The reference of each table's columns (markdown: column, type, units, description, notes),
// from the same lists: docs/FORMAT.md shows them (`ecosim indicators --projects`, `--parties`).
std::string projects_table_markdown();
std::string parties_table_markdown();

}  // namespace ecosim
