// ecosim run and ecosim resume: a scenario simulated into a run file, checkpointed on request,
// and a killed run continued from its last checkpoint to the same results.
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "cli/summary.hpp"
#include "engine/numbers.hpp"
#include "engine/parallel.hpp"
#include "engine/printable.hpp"
#include "io/checkpoint.hpp"
#include "io/recorder.hpp"
#include "run/resources.hpp"
#include "run/simulation.hpp"
#include "scenario/load.hpp"
#include "session/run_to_file.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ecosim::cli {
namespace {

fs::path default_output(const Scenario& s, const std::string& file) {
  const std::string stem = file.empty() ? "default" : fs::path(file).stem().string();
  return fs::path("runs") / (stem + "_seed" + std::to_string(s.simulation.seed) + ".h5");
}

int checked_threads(const po::variables_map& vm) {
  const int threads = vm["threads"].as<int>();
  if (const std::string refused = threads_out_of_range(threads, 0); !refused.empty())
    throw BadInput(refused);
  return threads;
}

// Refuses a run whose estimated peak memory is above --max-memory (given) or else above the
// memory the machine has available now.
void check_memory(const Scenario& s, const po::variables_map& vm) {
  const double need = estimate_run(s).bytes;
  double limit = available_memory_bytes();
  std::string what = "the " + format_bytes(limit) + " this machine has available";
  if (vm.count("max-memory")) {
    const std::string text = vm["max-memory"].as<std::string>();
    const auto bytes = parse_memory_size(text);
    if (!bytes)
      throw BadInput("--max-memory: not a size: '" + text +
                     "' (allowed: a positive size such as 800M, 4G, 1.5GiB)");
    limit = *bytes, what = "--max-memory " + text;
  }
  if (limit > 0 && need > limit) {
    throw BadInput("the run needs about " + format_bytes(need) + " (" + grouped(s.total_firms()) +
                   " firms x " + format_bytes(kBytesPerFirm) + " + " + grouped(s.regions.size()) +
                   " regions x " + format_bytes(kBytesPerRegion) + " + " +
                   format_bytes(kBytesFixed) + "), more than " + what +
                   " (allowed: fewer firms or regions, or --max-memory above the estimate)");
  }
}

// Says where a stopped run's rows are and how to go on; the exit code of a stopped run.
int interrupted(const Recorder& recorder, int steps_done, const std::string& how, bool resumable) {
  std::cerr << "ecosim: interrupted after " << steps_done << " steps" << how
            << "; recorded rows kept in " << printable(recorder.partial_path().string())
            << (resumable ? "; continue with: ecosim resume " + printable(recorder.path().string())
                          : std::string())
            << "\n";
  return kInterrupted;
}

// Simulates the remaining steps into the recorder (session/run_to_file.hpp), with progress and
// a summary. Returns the exit code.
int simulate(Simulation& sim, Recorder& recorder, CheckpointInfo& info, bool quiet) {
  Progress progress(sim.scenario().simulation.steps, !quiet);
  std::vector<Observation> kept;  // the first and last recorded here, for the summary
  FileRunOptions options;
  options.hooks = run_hooks();
  options.progress = [&](int done) { progress.update(done); };
  options.observe = [&](const Observation& o) {
    if (kept.empty() || sim.steps_done() == sim.scenario().simulation.steps) kept.push_back(o);
  };
  const RunEnd end = run_to_file(sim, recorder, info, options);
  progress.done();
  if (!end.finished)
    return interrupted(recorder, end.steps_done,
                       end.step_dropped
                           ? " (step " + std::to_string(end.steps_done + 1) + " dropped)"
                           : std::string(),
                       info.checkpoint_every > 0);
  if (!quiet && !kept.empty())
    print_summary(std::cout, sim, kept.front(), kept.back(), fs::absolute(recorder.path()));
  return kOk;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim run [SCENARIO] [options]\n\nSimulate SCENARIO (a TOML file; "
      "the embedded default when left out) and write an HDF5 run file");
  std::string output;
  std::vector<std::string> overrides;
  visible.add_options()("help,h", "this help")(
      "output,o", po::value(&output), "run file to write (default: runs/<scenario>_seed<N>.h5)")(
      "seed", po::value<std::int64_t>(), "shorthand for --set simulation.seed=N")(
      "steps", po::value<int>(), "shorthand for --set simulation.steps=N")(
      "threads", po::value<int>()->default_value(0), "worker threads, 1..1024; 0 = all cores")(
      "set", po::value(&overrides)->composing(),
      "override a scenario key: --set key.path=value (repeatable)")(
      "checkpoint-every", po::value<int>()->default_value(0),
      "save the whole state every N steps beside the run file (FILE.checkpoint), so that "
      "'ecosim resume FILE' continues a killed run; 0: none")(
      "max-memory", po::value<std::string>(),
      "refuse the run when its estimated peak memory is above SIZE (800M, 4G); default: the "
      "memory available now")("force", "overwrite an existing run file")(
      "quiet,q", "no progress and no summary; only errors");
  std::string scenario_file;
  const auto parsed = parse_command(args, visible, "scenario", scenario_file);
  if (!parsed) return kOk;
  const po::variables_map& vm = *parsed;
  const int threads = checked_threads(vm);
  const int every = vm["checkpoint-every"].as<int>();
  if (every < 0 || every > 1000000)
    throw BadInput("--checkpoint-every: out of range: " + std::to_string(every) +
                   " (allowed: 0..1000000)");
  if (vm.count("seed"))
    overrides.push_back("simulation.seed=" + std::to_string(vm["seed"].as<std::int64_t>()));
  if (vm.count("steps"))
    overrides.push_back("simulation.steps=" + std::to_string(vm["steps"].as<int>()));

  // From before any file is made: a Ctrl-C while the world is built ends the run cleanly after
  // it, rather than being lost (a background job's SIGINT is ignored until a handler is set).
  watch_interrupts();
  Scenario scenario = scenario_file.empty() ? load_default_scenario(overrides)
                                            : load_scenario_file(scenario_file, overrides);
  const fs::path out =
      vm.count("output") ? fs::path(output) : default_output(scenario, scenario_file);
  check_memory(scenario, vm);
  ThreadLimit limit(threads);
  const int used_threads = threads > 0 ? threads : ThreadLimit::hardware_threads();
  // The output is taken before the world is built: a bad path costs no time.
  Recorder recorder(out, scenario, {ECOSIM_VERSION, used_threads}, vm.count("force") > 0);
  remove_checkpoint(out);  // of an earlier run discarded with --force
  CheckpointInfo info{
      ECOSIM_VERSION, recorder.run_id(), scenario.text, scenario.source_name, every, {}};
  std::optional<Simulation> built;
  try {
    built.emplace(std::move(scenario));
  } catch (const StepAbandoned&) {  // a Ctrl-C while the world was built
    return interrupted(recorder, 0, " (while the world was built)", false);
  }
  Simulation& sim = *built;
  if (every > 0) save_first_checkpoint(sim, recorder, info, run_hooks());
  return simulate(sim, recorder, info, vm.count("quiet") > 0);
}

int resume_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim resume FILE [options]\n\nContinue the unfinished run of FILE (its FILE.partial) "
      "from its last checkpoint\n(FILE.checkpoint, written by 'ecosim run "
      "--checkpoint-every N'); the finished file equals\nan uninterrupted run's, at any thread "
      "count");
  visible.add_options()("help,h", "this help")("threads", po::value<int>()->default_value(0),
                                               "worker threads, 1..1024; 0 = all cores")(
      "quiet,q", "no progress and no summary; only errors");
  std::string file;
  const auto parsed = parse_command(args, visible, "file", file);
  if (!parsed) return kOk;
  const po::variables_map& vm = *parsed;
  if (file.empty()) throw BadInput("resume: missing FILE (allowed: the run file of ecosim run -o)");
  const int threads = checked_threads(vm);
  watch_interrupts();                                   // before the .partial is held (as in run)
  PartialFile output(file, PartialFile::Mode::resume);  // before anything is read: held from now
  const fs::path checkpoint = checkpoint_path(file);
  std::string bytes;
  CheckpointInfo info;
  try {
    bytes = load_checkpoint(checkpoint);
    info = read_checkpoint_info(bytes);
  } catch (const CheckpointError& e) {
    throw BadInput(checkpoint.string() + ": " + e.what());
  }
  if (info.version != ECOSIM_VERSION)
    throw BadInput(checkpoint.string() + ": written by ecosim " + info.version + ", this is " +
                   ECOSIM_VERSION + " (allowed: the version that started the run)");
  Scenario scenario = load_scenario_text(info.scenario_text, info.scenario_source);
  ThreadLimit limit(threads);
  const int used_threads = threads > 0 ? threads : ThreadLimit::hardware_threads();
  std::optional<Recorder> resumed;
  try {
    resumed.emplace(std::move(output), scenario, info.rows, info.run_id);
  } catch (const RunMismatch& e) {
    throw BadInput(e.what());
  }
  Recorder& recorder = *resumed;
  recorder.annotate("threads", static_cast<std::int64_t>(used_threads));
  Simulation sim = restore_simulation(bytes, std::move(scenario));
  bytes = {};
  recorder.annotate("resumed_at_step", static_cast<std::int64_t>(sim.steps_done()));
  if (!vm.count("quiet"))
    std::cerr << "ecosim: resuming " << printable(file) << " after step " << sim.steps_done()
              << " of " << sim.scenario().simulation.steps << "\n";
  return simulate(sim, recorder, info, vm.count("quiet") > 0);
}

}  // namespace ecosim::cli
