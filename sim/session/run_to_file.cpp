#include "session/run_to_file.hpp"

#include <atomic>
#include <chrono>

#include "engine/parallel.hpp"

namespace ecosim {

RunEnd run_steps(Simulation& sim, const std::function<void(Observation&&)>& sink,
                 const std::function<void(int)>& after_step, const RunHooks* hooks) {
  const int steps = sim.scenario().simulation.steps;
  for (int t = sim.steps_done(); t < steps; ++t) {
    if (stop_requested) return {false, false, t};
    Observation o;
    try {
      o = sim.step();
    } catch (const StepAbandoned&) {
      return {false, true, t};
    }
    if (hooks) hooks->step_simulated(t + 1);
    sink(std::move(o));
    if (after_step) after_step(t + 1);
  }
  return {true, false, steps};
}

namespace {

// The recorder's flush with its tables, each rewrite told to the hooks half-way.
void flush_with_tables(const Simulation& sim, Recorder& recorder, const RunHooks* hooks) {
  static std::atomic<int> rewrites = 0;  // of this process (a sweep's runs share it)
  if (!hooks) return recorder.flush(sim.world());
  recorder.flush(sim.world(), [hooks, count = ++rewrites] { hooks->tables_half_written(count); });
}

void save(const Simulation& sim, Recorder& recorder, CheckpointInfo& info, const RunHooks* hooks) {
  static int written = 0;  // checkpoints of this process, for the hook
  flush_with_tables(sim, recorder, hooks);
  info.rows = recorder.rows();
  save_checkpoint(checkpoint_path(recorder.path()), sim, info, [&] {
    if (hooks) hooks->checkpoint_half_written(++written);
  });
}

}  // namespace

void save_first_checkpoint(const Simulation& sim, Recorder& recorder, CheckpointInfo& info,
                           const RunHooks* hooks) {
  save(sim, recorder, info, hooks);
}

RunEnd run_to_file(Simulation& sim, Recorder& recorder, CheckpointInfo& info,
                   const FileRunOptions& options) {
  const int steps = sim.scenario().simulation.steps;
  const int flush_every = sim.scenario().simulation.flush_every;
  // The projects table is rewritten whole: at the first flush and then at most every 30 s, so
  // a killed run's .partial has recent projects without a million-firm run rewriting its
  // projects every year (wall time decides only what a .partial holds, never the results).
  auto last_projects = std::chrono::steady_clock::time_point{};
  auto projects_due = [&] {
    const auto now = std::chrono::steady_clock::now();
    if (last_projects != decltype(now){} && now - last_projects < std::chrono::seconds(30))
      return false;
    last_projects = now;
    return true;
  };
  const RunEnd end = run_steps(
      sim,
      [&](Observation&& o) {
        recorder.record(o);
        if (options.observe) options.observe(o);
      },
      [&](int done) {
        if (info.checkpoint_every > 0 && done % info.checkpoint_every == 0 && done < steps)
          save(sim, recorder, info, options.hooks);
        else if (done % flush_every == 0 && done < steps && projects_due())
          // A killed run's .partial has the projects up to here.
          flush_with_tables(sim, recorder, options.hooks);
        if (options.progress) options.progress(done);
      },
      options.hooks);
  if (end.finished) {
    if (options.before_finish) options.before_finish();
    recorder.finish(sim.world());
    remove_checkpoint(recorder.path());
  } else if (end.step_dropped) {
    recorder.flush_rows();  // the world is half-way through a month: its tables are not kept
  } else {
    flush_with_tables(sim, recorder, options.hooks);
  }
  return end;
}

}  // namespace ecosim
