// `ecosim sweep SWEEP.toml`: plan, check and run a sweep here, as one Slurm array task, or write
// the Slurm job-array script; the index is rebuilt at the end of every invocation.
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "engine/numbers.hpp"
#include "engine/parallel.hpp"
#include "engine/printable.hpp"
#include "io/output_file.hpp"
#include "sweep/execute.hpp"
#include "sweep/index.hpp"
#include "sweep/slurm.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ecosim::cli {
namespace {

// The largest array index Slurm accepts (MaxArraySize is at most 4,000,001).
constexpr long kMaxArrayIndex = 4'000'000;

// "I/N", or Slurm's array variables, or the whole sweep.
Shard shard_of(const po::variables_map& vm) {
  auto fail = [](const std::string& text, const std::string& origin) {
    throw BadInput(origin + ": '" + text + "' is not a shard (allowed: I/N with 0 <= I < N)");
  };
  auto parse_shard = [&](const std::string& text, const std::string& origin) {
    Shard s;
    std::istringstream in(text);
    char slash = 0;
    if (!(in >> s.index >> slash >> s.count) || slash != '/' || !in.eof() || s.count < 1 ||
        s.index < 0 || s.index >= s.count)
      fail(text, origin);
    return s;
  };
  if (vm.count("shard")) return parse_shard(vm["shard"].as<std::string>(), "--shard");
  // Slurm's array variables, strictly: whole numbers in range (atol once read "7x" as 7 and
  // "" as 0), and an ID only with its COUNT.
  const auto whole = [](const char* name) -> std::optional<long> {
    const char* text = std::getenv(name);
    if (!text) return std::nullopt;
    long value = -1;
    const char* end = text + std::strlen(text);
    const auto [stop, error] = std::from_chars(text, end, value);
    if (error != std::errc{} || stop != end || stop == text || value < 0 || value > kMaxArrayIndex)
      throw BadInput(std::string(name) + "='" + text + "': not a whole number (allowed: 0.." +
                     std::to_string(kMaxArrayIndex) + ")");
    return value;
  };
  const auto id = whole("SLURM_ARRAY_TASK_ID"), count = whole("SLURM_ARRAY_TASK_COUNT");
  const auto min = whole("SLURM_ARRAY_TASK_MIN"), max = whole("SLURM_ARRAY_TASK_MAX");
  if (!id && !count) return {};
  if (!id || !count)
    throw BadInput(std::string(id ? "SLURM_ARRAY_TASK_ID" : "SLURM_ARRAY_TASK_COUNT") +
                   " is set without " + (id ? "SLURM_ARRAY_TASK_COUNT" : "SLURM_ARRAY_TASK_ID") +
                   " (allowed: both, as Slurm sets them in an array task, or --shard I/N)");
  const long first = min.value_or(0);
  if (*id < first || (max && *id > *max))
    throw BadInput("SLURM_ARRAY_TASK_ID=" + std::to_string(*id) + ": outside the array " +
                   std::to_string(first) + ".." + (max ? std::to_string(*max) : "") +
                   " (allowed: SLURM_ARRAY_TASK_MIN <= ID <= SLURM_ARRAY_TASK_MAX)");
  return parse_shard(std::to_string(*id - first) + "/" + std::to_string(*count),
                     "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
}

// What a shell command prints on stdout, or "" when it cannot be run.
std::string command_output(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      out.append(buffer, n);
    ::pclose(pipe);
  }
  return out;
}

void print_plan(const SweepPlan& plan) {
  std::cout << "run,point,replicate,block,position";
  for (const SweepParameter& p : plan.spec.parameters) std::cout << "," << p.key;
  std::cout << ",seed,file\n";
  for (const PlannedRun& r : plan.runs) {
    std::cout << r.run << "," << r.point << "," << r.replicate << "," << r.block << ","
              << r.position;
    for (std::size_t j = 0; j < r.values.size(); ++j)
      std::cout << "," << r.values[j].column_text(plan.spec.parameters[j].integer);
    std::cout << "," << r.seed << "," << printable(r.file) << "\n";
  }
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim sweep SWEEP.toml [options]\n\n"
      "Run the sweep a sweep file describes (README, \"Sweeps\"): every run is checked first, "
      "then\n"
      "the runs not yet done are run, several at once; runs/run_NNNNNN.h5 and index.csv/index.h5\n"
      "are written under the output folder. Run it again to finish what is missing");
  std::string output;
  visible.add_options()("help,h", "this help")(
      "output,o", po::value(&output),
      "output folder (default: the sweep file's, or sweeps/<name>)")(
      "plan", "print the run table (CSV) and write nothing")(
      "check", "check every point's scenario and write nothing")(
      "jobs,j", po::value<int>()->default_value(0), "runs at once, 1..1024; 0 = one per core")(
      "threads", po::value<int>()->default_value(1), "threads per run, 1..1024")(
      "shard", po::value<std::string>(),
      "run only shard I/N (runs with run % N == I); Slurm's SLURM_ARRAY_TASK_ID and "
      "SLURM_ARRAY_TASK_COUNT give it in an array task")(
      "emit-sbatch", po::value<std::string>(), "write a Slurm job-array script to this file")(
      "tasks", po::value<int>()->default_value(0),
      "array tasks of the script, 1..10000 (default: one per 20 runs, at most 100)")(
      "cpus-per-task", po::value<int>()->default_value(1), "cores per array task, 1..1024")(
      "index-only", "only rebuild the index from the files present")(
      "force", "run into a folder that holds another sweep's index")(
      "no-redo-changed",
      "refuse to resume when a finished run's file was written for another scenario or ecosim "
      "version (by default such runs are redone)")("quiet,q", "no progress; only the summary");
  std::string sweep_file;
  const auto parsed = parse_command(args, visible, "sweep", sweep_file);
  if (!parsed) return kOk;
  const po::variables_map& vm = *parsed;
  if (sweep_file.empty()) throw BadInput("sweep: missing SWEEP.toml (allowed: a sweep file)");
  auto in_range = [](const char* name, int value, int low, int high) {
    if (value < low || value > high)
      throw BadInput(std::string("--") + name + ": out of range: " + std::to_string(value) +
                     " (allowed: " + std::to_string(low) + ".." + std::to_string(high) + ")");
  };
  const int threads = vm["threads"].as<int>(), cpus = vm["cpus-per-task"].as<int>();
  int jobs = vm["jobs"].as<int>(), tasks = vm["tasks"].as<int>();
  in_range("jobs", jobs, 0, 1024);
  if (const std::string refused = threads_out_of_range(threads, 1); !refused.empty())
    throw BadInput(refused);
  in_range("tasks", tasks, 0, 10000);
  in_range("cpus-per-task", cpus, 1, 1024);
  const Shard shard = shard_of(vm);

  SweepPlan plan = make_plan(load_sweep_file(sweep_file));
  const fs::path out = output.empty() ? plan.spec.output : fs::path(output);
  if (vm.count("plan")) {
    print_plan(plan);
    std::cerr << "sweep: " << grouped(plan.runs.size()) << " runs (" << grouped(plan.points)
              << " points x " << plan.spec.replicates << " replicates), design "
              << name_of(plan.spec.design) << "; nothing written\n";
    return kOk;
  }
  std::error_code why;
  if (const auto status = fs::status(out, why); why && why != std::errc::no_such_file_or_directory)
    throw BadInput(out.string() + ": " + why.message() +
                   " (allowed: a folder this user can write)");
  else if (fs::exists(status) && !fs::is_directory(status))
    throw BadInput(out.string() + ": output exists and is not a folder (allowed: a folder)");
  if (vm.count("index-only")) {
    const IndexCounts c = write_index(plan, out);
    std::cout << "wrote " << printable(fs::absolute(out / "index.h5").string()) << " ("
              << to_string(c) << ")\n";
    return kOk;
  }
  if (vm.count("check") || vm.count("emit-sbatch"))
    check_plan(plan);  // every point's scenario, before any script or run
  if (vm.count("check")) {
    std::cout << printable(sweep_file) << ": ok (" << grouped(plan.runs.size()) << " runs, "
              << grouped(plan.points) << " points, design " << name_of(plan.spec.design) << ")\n";
    return kOk;
  }

  if (vm.count("emit-sbatch")) {
    if (tasks == 0) tasks = std::clamp(int(plan.runs.size() + 19) / 20, 1, 100);
    tasks = std::min<int>(tasks, int(plan.runs.size()));
    // Slurm refuses an array beyond its MaxArraySize (indices 0..MaxArraySize-1) at submission,
    // without saying so here: refused now, with the cluster's limit where scontrol can tell.
    const std::optional<long> configured =
        max_array_size_of(command_output("scontrol show config"));
    const long max_array = configured.value_or(kDefaultMaxArraySize);
    if (tasks > max_array)
      throw BadInput(
          "--tasks: " + std::to_string(tasks) + " array tasks, above the cluster's " +
          "MaxArraySize " + std::to_string(max_array) +
          (configured ? " (scontrol show config)" : " (Slurm's default; scontrol gave none)") +
          " (allowed: 1.." + std::to_string(max_array) +
          "; each task runs several runs at once with --cpus-per-task)");
    const fs::path script = vm["emit-sbatch"].as<std::string>();
    fs::create_directories(out / "slurm");
    const fs::path self = fs::canonical("/proc/self/exe");
    // SCRIPT and, beside it, SCRIPT's stem + ".index" + its extension: the job that writes
    // the index once the array has ended.
    fs::path index_script = script;
    index_script.replace_filename(script.stem().string() + ".index" + script.extension().string());
    const auto write = [](const fs::path& path, const std::string& text) {
      replace_file(path, [&](const fs::path& file) {  // never through a link, never half of it
        if (!(std::ofstream(file) << text))
          throw OutputPathError(printable(path.string()) + ": cannot write the script");
      });
    };
    write(script,
          sbatch_script(plan, fs::absolute(sweep_file), fs::absolute(out), self, tasks, cpus));
    write(index_script,
          sbatch_index_script(plan, fs::absolute(sweep_file), fs::absolute(out), self));
    std::cout << "wrote " << printable(script.string()) << ": " << grouped(plan.runs.size())
              << " runs in " << grouped(tasks) << " array tasks, and "
              << printable(index_script.string())
              << ": the index once they end; submit with:\n  jid=$(sbatch --parsable "
              << shell_quoted(script.string()) << ") && sbatch --dependency=afterany:${jid%%;*} "
              << shell_quoted(index_script.string()) << "\n";
    return kOk;
  }

  StaleRuns stale;
  const std::vector<int> todo = runs_to_do(plan, out, shard, &stale);
  check_plan(plan, &todo);  // the scenario of every point still to run, before anything is written
  prepare_output(plan, out, vm.count("force") > 0);
  if (stale.total() > 0) {
    const std::string redo =
        std::to_string(stale.total()) + " finished run" + (stale.total() > 1 ? "s" : "") +
        " written for another scenario (" + std::to_string(stale.scenario) +
        ": its base scenario, fixed settings or values changed) or ecosim version (" +
        std::to_string(stale.version) + ")";
    if (vm.count("no-redo-changed"))
      throw BadInput("sweep: " + out.string() + ": " + redo +
                     " (allowed: the same scenario and version, or without --no-redo-changed to "
                     "redo them)");
    std::cerr << "sweep: " << redo << ": redone\n";
  }
  if (jobs == 0) {
    jobs = std::max(1, ThreadLimit::hardware_threads() / threads);
    // No more runs at once than the memory holds (bench/RESULTS.md: about 1 KiB per firm).
    const double available = available_memory_bytes(), per_run = estimate_run(plan, &todo).bytes;
    if (available > 0 && per_run > 0)
      jobs = std::min(jobs, std::max(1, static_cast<int>(0.8 * available / per_run)));
  }
  jobs = std::max(1, std::min<int>(jobs, int(todo.size())));
  const bool quiet = vm.count("quiet") > 0;
  std::cerr << "sweep: " << grouped(plan.runs.size()) << " runs (" << grouped(plan.points)
            << " points x " << plan.spec.replicates << " replicates, design "
            << name_of(plan.spec.design) << ")";
  if (shard.count > 1) std::cerr << ", shard " << shard.index << "/" << shard.count;
  std::cerr << ": " << grouped(todo.size()) << " to run, " << jobs << " at a time x " << threads
            << " thread" << (threads > 1 ? "s" : "") << ", into " << out.string() << "\n";

  watch_interrupts();
  Progress progress(int(todo.size()), !quiet, "run");
  int finished = 0, failed = 0;
  run_local(
      plan, todo, out, jobs, threads,
      [&](const PlannedRun& run, const RunOutcome& outcome) {
        if (outcome.status == RunStatus::missing) return;
        ++finished;
        if (outcome.status == RunStatus::failed) {
          ++failed;
          progress.done();
          std::cerr << "sweep: run " << run.run << " failed: " << outcome.error << "\n";
        }
        progress.update(finished, failed ? std::to_string(failed) + " failed" : "");
      },
      run_hooks());
  progress.done();
  const IndexCounts c = write_index(plan, out);
  std::cout << "wrote " << printable(fs::absolute(out / "index.h5").string())
            << " and index.csv: " << to_string(c) << " of " << grouped(plan.runs.size()) << "\n";
  if (stop_requested) {
    std::cerr << "sweep: interrupted; run the same command again to finish\n";
    return kInterrupted;
  }
  return failed > 0 ? kRuntimeFailure : kOk;
}

}  // namespace ecosim::cli
