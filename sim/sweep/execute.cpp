#include "sweep/execute.hpp"

#include <oneapi/tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

#include "engine/parallel.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"
#include "scenario/load.hpp"
#include "scenario/toml_diagnostics.hpp"
#include "sweep/known_runs.hpp"

namespace ecosim {
namespace fs = std::filesystem;
namespace {

std::string joined(const std::vector<std::string>& overrides) {
  std::string out;
  for (const auto& o : overrides) out += (out.empty() ? "" : "\n") + o;
  return out;
}

// Whether two sweep files describe the same sweep: the same tables but for [slurm] (where a
// sweep runs, not what it runs), whatever their comments and layout.
bool same_sweep(const std::string& a, const std::string& b) {
  if (a == b) return true;
  try {
    toml::table x = parse_toml(a, "index"), y = parse_toml(b, "sweep");
    x.erase("slurm");
    y.erase("slurm");
    return x == y;
  } catch (const ScenarioError&) {
    return false;
  }
}

}  // namespace

std::string error_file(const PlannedRun& run) {
  return fs::path(run.file).replace_extension(".error").string();
}

fs::path error_path(const fs::path& out, const PlannedRun& run) { return out / error_file(run); }

Scenario scenario_of(const SweepPlan& plan, const PlannedRun& run) {
  const auto overrides = overrides_of(plan, run);
  return plan.spec.scenario.empty() ? load_default_scenario(overrides)
                                    : load_scenario_file(plan.spec.scenario, overrides);
}

void prepare_output(const SweepPlan& plan, const fs::path& out, bool force) {
  std::error_code error;
  fs::create_directories(out / "runs", error);
  if (error)
    throw OutputPathError(out.string() + ": cannot create the sweep folder: " + error.message() +
                          " (allowed: a folder this user can write)");
  for (const fs::path& folder : {out, out / "runs"})
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
      throw OutputPathError(folder.string() + ": cannot write there: " + std::strerror(errno) +
                            " (allowed: a folder this user can write)");
  const fs::path index = out / "index.h5";
  if (force || !fs::is_regular_file(index)) return;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(index.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return;  // unreadable: the runs' own files decide what is done
  std::string text;
  try {
    if (H5Aexists(file, "sweep") > 0) text = h5::read_string_attribute(file, "sweep");
  } catch (const std::exception&) {
  }
  H5Fclose(file);
  if (!text.empty() && !same_sweep(text, plan.spec.text))
    throw OutputPathError(out.string() + ": holds the index of another sweep (its sweep file " +
                          "differs from " + plan.spec.file.string() +
                          ") (allowed: a new folder, the same sweep file to resume it, or --force "
                          "to run this sweep into it)");
}

std::vector<RunAnnotation> run_annotations(const SweepPlan& plan, const PlannedRun& run) {
  return {{"sweep_run", std::int64_t{run.run}},
          {"sweep_point", std::int64_t{run.point}},
          {"sweep_replicate", std::int64_t{run.replicate}},
          {"sweep_overrides", joined(overrides_of(plan, run))},
          {"sweep_digest", run_digest(plan, run)}};
}

RunCheck check_run(const SweepPlan& plan, const PlannedRun& run, const fs::path& out) {
  const fs::path path = out / run.file;
  std::error_code missing;
  if (!fs::is_regular_file(path, missing)) return {};
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) return {};
  h5::Handle file(id, H5Fclose);
  const auto text = [&](const char* name) {
    return H5Aexists(file.get(), name) > 0 ? h5::read_string_attribute(file.get(), name)
                                           : std::string();
  };
  try {
    if (h5::read_int_attribute(file.get(), "complete") != 1) return {};
    if (h5::read_int_attribute(file.get(), "sweep_run") != run.run) return {};
    if (text("ecosim_version") != ECOSIM_VERSION) return {std::nullopt, Stale::version};
    if (text("sweep_overrides") != joined(overrides_of(plan, run)) ||
        text("sweep_digest") != run_digest(plan, run))
      return {std::nullopt, Stale::scenario};
    return {RunOutcome{RunStatus::done, h5::read_double_attribute(file.get(), "wall_s"), ""}};
  } catch (const h5::Error&) {
    return {};
  }
}

RunOutcome execute_run(const SweepPlan& plan, const PlannedRun& run, const fs::path& out,
                       int threads, const RunHooks* hooks) {
  const fs::path path = out / run.file;
  std::error_code ignored;
  fs::remove(error_path(out, run), ignored);
  const auto start = std::chrono::steady_clock::now();
  try {
    fs::create_directories(path.parent_path());  // runs/NNN/ of a large sweep
    if (hooks) hooks->sweep_run_starting(run.run);
    Scenario scenario = scenario_of(plan, run);
    bool stopped = false;
    double wall_s = 0;  // as the file records it, so that its journal line says the same
    oneapi::tbb::task_arena arena(std::max(1, threads));
    arena.execute([&] {
      Simulation sim(std::move(scenario));
      Recorder recorder(path, sim.scenario(), {ECOSIM_VERSION, std::max(1, threads)}, true);
      for (const RunAnnotation& a : run_annotations(plan, run))
        std::visit([&](const auto& value) { recorder.annotate(a.name, value); }, a.value);
      CheckpointInfo no_checkpoints;
      FileRunOptions options;
      options.hooks = hooks;
      options.before_finish = [&] {
        wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        recorder.annotate("wall_s", wall_s);
      };
      stopped = !run_to_file(sim, recorder, no_checkpoints, options).finished;
    });
    if (stopped) return {RunStatus::missing, 0, "interrupted"};
    const RunOutcome done{RunStatus::done, wall_s, ""};
    journal_outcome(plan, run, out, done);
    return done;
  } catch (const StepAbandoned&) {  // a stop request in the middle of a step or of the build
    return {RunStatus::missing, 0, "interrupted"};
  } catch (const std::exception& e) {
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    const RunOutcome failed{
        RunStatus::failed,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), message};
    try {
      const int fd = create_new_file(error_path(out, run), true);  // never through a link
      // The message, then the time the run took before it failed (the index's wall_s).
      std::ofstream(descriptor_path(fd, error_path(out, run)))
          << message << "\n"
          << "wall_s " << SweepValue::of(failed.wall_s).column_text(false) << "\n";
      ::close(fd);
      journal_outcome(plan, run, out, failed);
    } catch (const std::exception&) {
      // The index row carries the message anyway.
    }
    return failed;
  }
}

std::vector<int> runs_to_do(const SweepPlan& plan, const fs::path& out, Shard shard,
                            StaleRuns* stale) {
  std::vector<int> todo;
  const KnownRuns known(out);  // a run the last index found done, and unchanged since, is done
  for (const PlannedRun& run : plan.runs) {
    if (run.run % shard.count != shard.index) continue;
    if (const auto found = known.find(plan, run); found && found->status == RunStatus::done)
      continue;
    const RunCheck check = check_run(plan, run, out);
    if (check.done) continue;
    todo.push_back(run.run);
    if (stale && check.stale == Stale::scenario) ++stale->scenario;
    if (stale && check.stale == Stale::version) ++stale->version;
  }
  return todo;
}

void run_local(const SweepPlan& plan, const std::vector<int>& todo, const fs::path& out, int jobs,
               int threads, const std::function<void(const PlannedRun&, const RunOutcome&)>& each,
               const RunHooks* hooks) {
  std::atomic<std::size_t> next{0};
  std::mutex report;
  auto worker = [&] {
    for (std::size_t i; (i = next++) < todo.size();) {
      if (stop_requested) return;
      const PlannedRun& run = plan.runs[std::size_t(todo[i])];
      const RunOutcome outcome = execute_run(plan, run, out, threads, hooks);
      const std::lock_guard<std::mutex> lock(report);
      each(run, outcome);
    }
  };
  std::vector<std::thread> pool;
  const int n = std::max(1, std::min<int>(jobs, int(todo.size())));
  for (int w = 1; w < n; ++w) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace ecosim
