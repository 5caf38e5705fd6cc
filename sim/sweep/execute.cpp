#include "sweep/execute.hpp"

#include <fcntl.h>
#include <oneapi/tbb/task_arena.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "engine/parallel.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"
#include "scenario/load.hpp"
#include "session/run_to_file.hpp"

namespace ecosim {
namespace fs = std::filesystem;
namespace {

std::string joined(const std::vector<std::string>& overrides) {
  std::string out;
  for (const auto& o : overrides) out += (out.empty() ? "" : "\n") + o;
  return out;
}

fs::path error_path(const fs::path& out, const PlannedRun& run) {
  fs::path p = out / run.file;
  return p.replace_extension(".error");
}

Scenario scenario_of(const SweepPlan& plan, const PlannedRun& run) {
  const auto overrides = overrides_of(plan, run);
  return plan.spec.scenario.empty() ? load_default_scenario(overrides)
                                    : load_scenario_file(plan.spec.scenario, overrides);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string number_text(double x) {
  std::ostringstream s;
  s.precision(17);
  s << x;
  return s.str();
}

// Whether a parameter's index column holds numbers (numbers and booleans) or strings.
bool numeric_column(const SweepPlan& plan, std::size_t j) {
  for (const PlannedRun& run : plan.runs)
    if (run.values[j].kind == SweepValue::Kind::text) return false;
  return true;
}

// The parameters as JSON for index.h5: key, lower, upper, scale (bounds of the values given).
std::string parameters_json(const SweepPlan& plan) {
  std::string out = "[";
  for (std::size_t j = 0; j < plan.spec.parameters.size(); ++j) {
    const SweepParameter& p = plan.spec.parameters[j];
    double lower = p.lower, upper = p.upper;
    if (!p.values.empty() && numeric_column(plan, j)) {
      lower = upper = p.values.front().kind == SweepValue::Kind::boolean
                          ? double(p.values.front().flag)
                          : p.values.front().number;
      for (const SweepValue& v : p.values) {
        const double x = v.kind == SweepValue::Kind::boolean ? double(v.flag) : v.number;
        lower = std::min(lower, x), upper = std::max(upper, x);
      }
    }
    out += (j ? ", " : "") + std::string("{\"key\": ") + json_string(p.key) +
           ", \"lower\": " + number_text(lower) + ", \"upper\": " + number_text(upper) +
           ", \"scale\": " + (p.log ? "\"log\"" : "\"linear\"") +
           ", \"integer\": " + (p.integer ? "true" : "false") +
           ", \"range\": " + json_string(p.values.empty() ? p.range_source : "values") + "}";
  }
  return out + "]";
}

class IndexLock {
 public:
  explicit IndexLock(const fs::path& out) {
    fd_ = ::open((out / ".index.lock").c_str(), O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

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
  if (!text.empty() && text != plan.spec.text)
    throw OutputPathError(out.string() + ": holds the index of another sweep (its sweep file " +
                          "differs from " + plan.spec.file.string() +
                          ") (allowed: a new folder, the same sweep file to resume it, or --force "
                          "to run this sweep into it)");
}

std::string_view name_of(RunStatus status) {
  switch (status) {
    case RunStatus::done:
      return "done";
    case RunStatus::failed:
      return "failed";
    case RunStatus::missing:
      break;
  }
  return "missing";
}

std::optional<RunOutcome> verified_run(const SweepPlan& plan, const PlannedRun& run,
                                       const fs::path& out) {
  const fs::path path = out / run.file;
  std::error_code missing;
  if (!fs::is_regular_file(path, missing)) return std::nullopt;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) return std::nullopt;
  h5::Handle file(id, H5Fclose);
  try {
    if (h5::read_int_attribute(file.get(), "complete") != 1) return std::nullopt;
    if (h5::read_int_attribute(file.get(), "sweep_run") != run.run) return std::nullopt;
    if (h5::read_string_attribute(file.get(), "sweep_overrides") != joined(overrides_of(plan, run)))
      return std::nullopt;
    return RunOutcome{RunStatus::done, h5::read_double_attribute(file.get(), "wall_s"), ""};
  } catch (const h5::Error&) {
    return std::nullopt;
  }
}

RunOutcome execute_run(const SweepPlan& plan, const PlannedRun& run, const fs::path& out,
                       int threads, const RunHooks* hooks) {
  const fs::path path = out / run.file;
  std::error_code ignored;
  fs::remove(error_path(out, run), ignored);
  const auto start = std::chrono::steady_clock::now();
  try {
    if (hooks) hooks->sweep_run_starting(run.run);
    fs::create_directories(path.parent_path());
    Scenario scenario = scenario_of(plan, run);
    bool stopped = false;
    oneapi::tbb::task_arena arena(std::max(1, threads));
    arena.execute([&] {
      Simulation sim(std::move(scenario));
      Recorder recorder(path, sim.scenario(), {ECOSIM_VERSION, std::max(1, threads)}, true);
      recorder.annotate("sweep_run", std::int64_t{run.run});
      recorder.annotate("sweep_point", std::int64_t{run.point});
      recorder.annotate("sweep_replicate", std::int64_t{run.replicate});
      recorder.annotate("sweep_overrides", joined(overrides_of(plan, run)));
      CheckpointInfo no_checkpoints;
      FileRunOptions options;
      options.hooks = hooks;
      options.before_finish = [&] {
        recorder.annotate(
            "wall_s",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      };
      stopped = !run_to_file(sim, recorder, no_checkpoints, options).finished;
    });
    if (stopped) return {RunStatus::missing, 0, "interrupted"};
    return {RunStatus::done,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), ""};
  } catch (const StepAbandoned&) {  // a stop request in the middle of a step or of the build
    return {RunStatus::missing, 0, "interrupted"};
  } catch (const std::exception& e) {
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    try {
      const int fd = create_new_file(error_path(out, run), true);  // never through a link
      std::ofstream(descriptor_path(fd, error_path(out, run))) << message << "\n";
      ::close(fd);
    } catch (const std::exception&) {
      // The index row carries the message anyway.
    }
    return {RunStatus::failed,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            message};
  }
}

std::vector<int> runs_to_do(const SweepPlan& plan, const fs::path& out, Shard shard) {
  std::vector<int> todo;
  for (const PlannedRun& run : plan.runs)
    if (run.run % shard.count == shard.index && !verified_run(plan, run, out))
      todo.push_back(run.run);
  return todo;
}

IndexCounts write_index(const SweepPlan& plan, const fs::path& out) {
  fs::create_directories(out);
  IndexLock lock(out);
  const SweepSpec& s = plan.spec;
  const std::size_t n = plan.runs.size(), k = s.parameters.size();
  std::vector<RunOutcome> outcomes(n);
  IndexCounts counts;
  for (std::size_t i = 0; i < n; ++i) {
    const PlannedRun& run = plan.runs[i];
    if (auto done = verified_run(plan, run, out)) {
      outcomes[i] = *done;
      ++counts.done;
    } else if (std::ifstream in(error_path(out, run)); in) {
      std::getline(in, outcomes[i].error);
      outcomes[i].status = RunStatus::failed;
      ++counts.failed;
    } else {
      ++counts.missing;
    }
  }
  std::vector<bool> numeric(k);
  for (std::size_t j = 0; j < k; ++j) numeric[j] = numeric_column(plan, j);

  replace_file(out / "index.csv", [&](const fs::path& path) {
    std::ofstream csv(path);
    csv << "run,point,replicate,block,position";
    for (const SweepParameter& p : s.parameters) csv << "," << csv_field(p.key);
    csv << ",seed,status,file,wall_s,error\n";
    for (std::size_t i = 0; i < n; ++i) {
      const PlannedRun& r = plan.runs[i];
      csv << r.run << "," << r.point << "," << r.replicate << "," << r.block << "," << r.position;
      for (std::size_t j = 0; j < k; ++j)
        csv << "," << csv_field(r.values[j].column_text(s.parameters[j].integer));
      const RunOutcome& o = outcomes[i];
      csv << "," << r.seed << "," << name_of(o.status) << "," << r.file << ","
          << (o.status == RunStatus::done ? SweepValue::of(o.wall_s).column_text(false) : "") << ","
          << csv_field(o.error) << "\n";
    }
    if (!csv.flush()) throw std::runtime_error(path.string() + ": cannot write the index");
  });

  replace_file(out / "index.h5", [&](const fs::path& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    h5::Handle file(h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                              "create " + path.string()),
                    H5Fclose);
    const hid_t root = file.get();
    h5::write_attribute(root, "format_version", std::int64_t{1});
    h5::write_attribute(root, "sweep", s.text);
    h5::write_attribute(root, "sweep_file", s.file.string());
    h5::write_attribute(root, "scenario", s.scenario.empty() ? "<embedded default>" : s.scenario);
    h5::write_attribute(root, "design", std::string(name_of(s.design)));
    h5::write_attribute(root, "parameters", parameters_json(plan));
    h5::write_attribute(root, "replicates", std::int64_t{s.replicates});
    h5::write_attribute(root, "common_random_numbers", std::int64_t{s.common_random_numbers});
    h5::write_attribute(root, "seed", std::int64_t{s.seed});
    h5::write_attribute(root, "ecosim_version", std::string(ECOSIM_VERSION));
    if (s.design == SweepDesign::morris || s.design == SweepDesign::grid)
      h5::write_attribute(root, "levels", std::int64_t{s.levels});
    if (s.design == SweepDesign::saltelli)
      h5::write_attribute(root, "base_samples", std::int64_t{s.samples});
    if (s.design == SweepDesign::morris)
      h5::write_attribute(root, "trajectories", std::int64_t{s.trajectories});
    h5::Handle runs = h5::create_group(root, "runs");
    auto ints = [&](const char* name, auto get) {
      std::vector<std::int64_t> v;
      for (const PlannedRun& r : plan.runs) v.push_back(get(r));
      h5::write_ints(runs.get(), name, v);
    };
    ints("run", [](const PlannedRun& r) { return std::int64_t{r.run}; });
    ints("point", [](const PlannedRun& r) { return std::int64_t{r.point}; });
    ints("replicate", [](const PlannedRun& r) { return std::int64_t{r.replicate}; });
    ints("block", [](const PlannedRun& r) { return std::int64_t{r.block}; });
    ints("position", [](const PlannedRun& r) { return std::int64_t{r.position}; });
    ints("seed", [](const PlannedRun& r) { return r.seed; });
    for (std::size_t j = 0; j < k; ++j) {
      const SweepParameter& p = s.parameters[j];
      if (numeric[j]) {
        std::vector<double> v;
        for (const PlannedRun& r : plan.runs)
          v.push_back(std::stod(r.values[j].column_text(p.integer)));
        h5::write_doubles(runs.get(), p.key, v);
      } else {
        std::vector<std::string> v;
        for (const PlannedRun& r : plan.runs) v.push_back(r.values[j].column_text(p.integer));
        h5::write_strings(runs.get(), p.key, v);
      }
    }
    std::vector<std::string> status, files, errors;
    std::vector<double> wall;
    for (std::size_t i = 0; i < n; ++i) {
      status.emplace_back(name_of(outcomes[i].status));
      files.push_back(plan.runs[i].file);
      errors.push_back(outcomes[i].error);
      wall.push_back(outcomes[i].status == RunStatus::done ? outcomes[i].wall_s : std::nan(""));
    }
    h5::write_strings(runs.get(), "status", status);
    h5::write_strings(runs.get(), "file", files);
    h5::write_doubles(runs.get(), "wall_s", wall);
    h5::write_strings(runs.get(), "error", errors);
  });
  return counts;
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

RunCost estimate_run(const SweepPlan& plan) {
  RunCost most;
  for (const PlannedRun& run : plan.runs) {
    if (run.replicate != 0) continue;  // replicates differ only by seed
    const RunCost cost = estimate_run(scenario_of(plan, run));
    most = {std::max(most.seconds, cost.seconds), std::max(most.bytes, cost.bytes)};
  }
  return most;
}

std::string sbatch_script(const SweepPlan& plan, const fs::path& sweep_file, const fs::path& out,
                          const fs::path& ecosim, int tasks, int cpus) {
  const RunCost cost = estimate_run(plan);
  const int runs = int(plan.runs.size());
  const int per_task = (runs + tasks - 1) / tasks;
  const int rounds = (per_task + cpus - 1) / cpus;
  // Twice the estimate and ten minutes more: clusters kill tasks that run over.
  const int seconds = static_cast<int>(std::ceil(2 * rounds * cost.seconds)) + 600;
  const long mib = static_cast<long>(std::ceil(1.5 * cpus * cost.bytes / (1 << 20))) + 256;
  char time[32];
  std::snprintf(time, sizeof time, "%d-%02d:%02d:%02d", seconds / 86400, seconds / 3600 % 24,
                seconds / 60 % 60, seconds % 60);
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# ecosim sweep " << sweep_file.filename().string() << ": " << runs << " runs in " << tasks
    << " array tasks of " << cpus << " cores (about " << per_task << " runs each, estimated "
    << static_cast<int>(std::ceil(cost.seconds)) << " s and "
    << static_cast<long>(cost.bytes / (1 << 20)) << " MiB per run on one core).\n"
    << "# Written by `ecosim sweep --emit-sbatch`; submit with `sbatch` (here: --wait to block).\n"
    << "# Each task runs the runs with run % SLURM_ARRAY_TASK_COUNT == its index and rebuilds\n"
    << "# the index when it ends; a rerun of the array finishes only what is missing.\n"
    << "#SBATCH --job-name=ecosim-" << sweep_file.stem().string() << "\n"
    << "#SBATCH --array=0-" << tasks - 1 << "\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=" << cpus << "\n"
    << "#SBATCH --mem=" << mib << "M\n"
    << "#SBATCH --time=" << time << "\n"
    << "#SBATCH --output=" << (out / "slurm" / "task_%a.out").string() << "\n"
    << "set -euo pipefail\n"
    << "exec \"" << ecosim.string() << "\" sweep \"" << sweep_file.string() << "\" --output \""
    << out.string() << "\" --jobs " << cpus << " --threads 1\n";
  return s.str();
}

}  // namespace ecosim
