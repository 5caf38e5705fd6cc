// Running a sweep's runs, on this machine or as one shard of many (Slurm array tasks, MPI
// ranks). A run writes only its own file, runs/run_NNNNNN.h5 under the output folder
// (run_file_name; FILE.partial while it runs; .error when it fails), so shards never touch each
// other's files; the index is rebuilt from those files by whoever finishes (sweep/index.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scenario/scenario.hpp"
#include "session/run_to_file.hpp"
#include "sweep/plan.hpp"

namespace ecosim {

enum class RunStatus : std::uint8_t { done, failed, missing };

struct RunOutcome {
  RunStatus status = RunStatus::missing;
  double wall_s = 0;
  std::string error;
};

// The scenario of one run: the sweep's base scenario with the run's overrides (overrides_of).
Scenario scenario_of(const SweepPlan& plan, const PlannedRun& run);

// Where a failed run's message is written: its file with .error for .h5 (runs/run_NNNNNN.error).
// The same, relative to the output folder (as the index names it).
std::string error_file(const PlannedRun& run);
std::filesystem::path error_path(const std::filesystem::path& out, const PlannedRun& run);

// Why a complete file of the run is not this run's: written for another scenario (the base
// scenario, the sweep's fixed settings or the run's values changed since) or by another
// ecosim version.
enum class Stale : std::uint8_t { no, scenario, version };

struct RunCheck {
  std::optional<RunOutcome> done;  // its outcome: done, with the wall time it took
  Stale stale = Stale::no;         // why a complete file was not taken
};

// The run's file in `out`: done when complete and written for exactly this run (run_digest)
// by this version; not done when missing, partial, corrupt or stale.
RunCheck check_run(const SweepPlan& plan, const PlannedRun& run, const std::filesystem::path& out);
inline std::optional<RunOutcome> verified_run(const SweepPlan& plan, const PlannedRun& run,
                                              const std::filesystem::path& out) {
  return check_run(plan, run, out).done;
}

// What a run's file says of the run it was written for (root attributes sweep_run,
// sweep_point, sweep_replicate, sweep_overrides, sweep_digest): check_run reads them back.
struct RunAnnotation {
  std::string name;
  std::variant<std::int64_t, std::string> value;
};
std::vector<RunAnnotation> run_annotations(const SweepPlan& plan, const PlannedRun& run);

// Runs one run on `threads` threads (session/run_to_file.hpp). Never throws: a failure is
// written to its .error file and returned. A stop request (engine/parallel.hpp) abandons the
// run: missing, its .partial kept.
RunOutcome execute_run(const SweepPlan& plan, const PlannedRun& run,
                       const std::filesystem::path& out, int threads,
                       const RunHooks* hooks = nullptr);

// Shard `index` of `count` takes the runs with run % count == index.
struct Shard {
  int index = 0;
  int count = 1;
};

// Runs done before whose files are stale, by reason.
struct StaleRuns {
  int scenario = 0, version = 0;
  int total() const { return scenario + version; }
};

// The runs of the shard that are not yet done and verified; `stale` counts those among them
// whose complete file was written for another scenario or by another version.
std::vector<int> runs_to_do(const SweepPlan& plan, const std::filesystem::path& out, Shard shard,
                            StaleRuns* stale = nullptr);

// Makes OUT/runs/ and checks that this sweep may write there, before any run: OutputPathError
// (exit 2) when the folder cannot be created or written (a read-only file system, no
// permission), or when it holds the index of another sweep (index.h5's sweep text differs from
// this sweep file's) and !force.
void prepare_output(const SweepPlan& plan, const std::filesystem::path& out, bool force);

// Runs `todo` on this machine, `jobs` runs at once with `threads` threads each; `each` is called
// (serially) after every run.
void run_local(const SweepPlan& plan, const std::vector<int>& todo,
               const std::filesystem::path& out, int jobs, int threads,
               const std::function<void(const PlannedRun&, const RunOutcome&)>& each,
               const RunHooks* hooks = nullptr);

}  // namespace ecosim
