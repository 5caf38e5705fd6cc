// Running a sweep on a Slurm cluster: the rough cost of its runs and the job-array script that
// runs it in array tasks (`ecosim sweep --emit-sbatch`).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "run/resources.hpp"
#include "sweep/plan.hpp"

namespace ecosim {

// Rough cost of one run from its size: seconds on one thread and peak bytes (bench/RESULTS.md),
// the most of any point (of the points of `runs` only, when given: what is still to run).
RunCost estimate_run(const SweepPlan& plan, const std::vector<int>* runs = nullptr);

// A Slurm job-array script running the sweep in `tasks` array tasks of `cpus` cores each.
// Task I runs shard I/tasks whatever part of the array is submitted (sbatch --array=0,2 or
// 0-4:2 resubmits some tasks), on the cores Slurm gave it.
std::string sbatch_script(const SweepPlan& plan, const std::filesystem::path& sweep_file,
                          const std::filesystem::path& out, const std::filesystem::path& ecosim,
                          int tasks, int cpus);

// The job that writes the sweep's index once, when submitted to run after the array
// (--dependency=afterany:JOBID): `ecosim sweep --index-only`, with the same [slurm] options.
std::string sbatch_index_script(const SweepPlan& plan, const std::filesystem::path& sweep_file,
                                const std::filesystem::path& out,
                                const std::filesystem::path& ecosim);

// Slurm's default MaxArraySize: array indices run from 0 to this less one.
inline constexpr long kDefaultMaxArraySize = 1001;

// MaxArraySize from the text `scontrol show config` prints ("MaxArraySize = 1001"), if there.
std::optional<long> max_array_size_of(const std::string& scontrol_config);

// `text` quoted for a POSIX shell: inside single quotes nothing is expanded ($, `, \).
std::string shell_quoted(const std::string& text);

}  // namespace ecosim
