#pragma once

#include <hdf5.h>

#include <cstddef>
#include <functional>
#include <string>

#include "world/world.hpp"

namespace ecosim {

// Writes group `projects` (one row per proposal) and group `parties` (one row per party of
// each proposal), columns as 1-D datasets along dimensions `project` and `party`; groups
// written before (a partial file's earlier flush) are replaced.
// The columns are made from the member lists of Project and Party (world/project.hpp) and a few
// sums and shares of their own.
// The columns are gathered on the calling thread; the HDF5 calls that write them are handed,
// in order, to `run` as jobs that hold their own data, with the bytes each holds (the
// recorder's writer thread writes a column while the next is gathered). By default each job
// runs at once.
// `written`, if any, is handed over as a job of its own once the new tables are written, before
// they replace the old.
using TableJobRunner = std::function<void(std::function<void()> job, std::size_t bytes)>;
void write_projects_table(
    hid_t file, const World& world,
    const TableJobRunner& run = [](const std::function<void()>& job, std::size_t) { job(); },
    const std::function<void()>& written = {});

// The reference of each table's columns (markdown: column, type, units, description, notes),
// from the same lists: docs/FORMAT.md shows them (`ecosim indicators --projects`, `--parties`).
std::string projects_table_markdown();
std::string parties_table_markdown();

}  // namespace ecosim
