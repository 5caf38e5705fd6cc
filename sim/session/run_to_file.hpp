// Running a scenario, in one place for every command (run, resume, sweep, ecosim_mpi, bench,
// validate): the steps, the stop request, and for a run file the flush cadence, the projects
// table, checkpoints and progress. A fix to how a run is written lands on every path at once.
#pragma once

#include <functional>
#include <vector>

#include "io/checkpoint.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"

namespace ecosim {

// What tests inject into a run, as a kill or a failure at a chosen moment would. Release code
// passes none; a hook that is not overridden does nothing.
class RunHooks {
 public:
  virtual ~RunHooks() = default;
  // Step `steps_done` was simulated and is not yet recorded.
  virtual void step_simulated(int /*steps_done*/) const {}
  // The `count`-th checkpoint of this process is half written: its state, not its digest.
  virtual void checkpoint_half_written(int /*count*/) const {}
  // The `count`-th rewrite of the projects and parties tables by this process is half done:
  // the new tables are written, the old not yet replaced (on the recorder's writer thread).
  virtual void tables_half_written(int /*count*/) const {}
  // A sweep is about to start run `run`: may throw to fail it.
  virtual void sweep_run_starting(int /*run*/) const {}
};

// How a run ended. Steps are counted from the start of the run, not of this session.
struct RunEnd {
  bool finished = false;      // every step done and the file renamed to its final name
  bool step_dropped = false;  // stopped in the middle of a step, which was thrown away
  int steps_done = 0;
};

// Steps `sim` to the scenario's end, or until a stop is requested (engine/parallel.hpp), giving
// each month's observation to `sink`; `after_step` runs after the sink.
RunEnd run_steps(Simulation& sim, const std::function<void(Observation&&)>& sink,
                 const std::function<void(int steps_done)>& after_step = {},
                 const RunHooks* hooks = nullptr);

struct FileRunOptions {
  const RunHooks* hooks = nullptr;
  // Called after each step with the steps done (a progress line).
  std::function<void(int steps_done)> progress;
  // Called with each observation after it is recorded (the first and last for a summary).
  std::function<void(const Observation&)> observe;
  // Called when every step is done, before the file is finished (root attributes such as the
  // wall time).
  std::function<void()> before_finish;
};

// Steps `sim` into `recorder`'s file: rows at the scenario's flush cadence, the projects table
// at the first flush and then at most every 30 s (so a killed run's .partial has recent
// projects), a checkpoint every info.checkpoint_every steps (0: none), and on a stop the rows so
// far (and the projects when the world is whole). Finishes the file when every step is done.
RunEnd run_to_file(Simulation& sim, Recorder& recorder, CheckpointInfo& info,
                   const FileRunOptions& options = {});

// The checkpoint a run started with --checkpoint-every writes before its first step, so that
// any such run can resume.
void save_first_checkpoint(const Simulation& sim, Recorder& recorder, CheckpointInfo& info,
                           const RunHooks* hooks = nullptr);

}  // namespace ecosim
