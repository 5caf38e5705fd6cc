// Running a sweep on a Slurm cluster: the rough cost of its runs and the job-array script that
// runs it in array tasks (`ecosim sweep --emit-sbatch`).
#pragma once

#include <filesystem>
#include <string>

#include "run/resources.hpp"
#include "sweep/plan.hpp"

namespace ecosim {

// Rough cost of one run from its size: seconds on one thread and peak bytes (bench/RESULTS.md).
RunCost estimate_run(const SweepPlan& plan);

// A Slurm job-array script running the sweep in `tasks` array tasks of `cpus` cores each.
std::string sbatch_script(const SweepPlan& plan, const std::filesystem::path& sweep_file,
                          const std::filesystem::path& out, const std::filesystem::path& ecosim,
                          int tasks, int cpus);

}  // namespace ecosim
