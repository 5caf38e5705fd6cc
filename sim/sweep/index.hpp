// The index of a sweep's output folder: index.csv and index.h5, one row per run with its
// parameters, seed, status (done, failed, missing), file, wall time and error.
#pragma once

#include <filesystem>
#include <string>

#include "sweep/plan.hpp"

namespace ecosim {

struct IndexCounts {
  int done = 0, failed = 0, missing = 0;
};
// "105,000 done, 0 failed, 12 missing": the counts as every command prints them.
std::string to_string(const IndexCounts& counts);
// Rebuilds index.csv and index.h5 from the files in `out` (one row per run), each written beside
// and renamed, under a lock so that shards finishing together write one after the other. What
// the last index found is taken while still true (sweep/known_runs.hpp), and saved again.
IndexCounts write_index(const SweepPlan& plan, const std::filesystem::path& out);

}  // namespace ecosim
