#pragma once

#include <hdf5.h>

#include "world/world.hpp"

namespace ecosim {

// Writes group `projects` (one row per proposal) and group `parties` (one row per party of
// each proposal), columns as 1-D datasets along dimensions `project` and `party`; groups
// written before (a partial file's earlier flush) are replaced.
void write_projects_table(hid_t file, const World& world);

}  // namespace ecosim
