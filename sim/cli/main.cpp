// ecosim: the command line. Exit codes: 0 ok, 1 runtime failure, 2 bad input.
#include <atomic>
#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "cli/summary.hpp"
#include "engine/parallel.hpp"
#include "io/h5.hpp"
#include "io/recorder.hpp"
#include "run/resources.hpp"
#include "run/simulation.hpp"
#include "scenario/catalogue.hpp"
#include "scenario/load.hpp"
#include "validate/facts.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ecosim {
namespace {

using namespace cli;

const char* kUsage =
    "usage: ecosim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]   simulate a scenario (default: the embedded default) into an HDF5 file\n"
    "  check SCENARIO   validate a scenario file and report every problem\n"
    "  validate [SCENARIO]  check the stylized facts over several seeds (exit 3 on a failure)\n"
    "  sweep SWEEP      run a parameter sweep (here, a Slurm array task or --emit-sbatch)\n"
    "  params           print every scenario key with its default, range, meaning and source\n"
    "  indicators       print every indicator the run file records, with its unit\n"
    "\n"
    "options:\n"
    "  -h [ --help ]    this help; 'ecosim COMMAND --help' for a command\n"
    "  --version        print the version\n";

Scenario load(const std::string& file, const std::vector<std::string>& overrides) {
  return file.empty() ? load_default_scenario(overrides) : load_scenario_file(file, overrides);
}

fs::path default_output(const Scenario& s, const std::string& file) {
  const std::string stem = file.empty() ? "default" : fs::path(file).stem().string();
  return fs::path("runs") / (stem + "_seed" + std::to_string(s.simulation.seed) + ".h5");
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
    std::int64_t firms = 0;
    for (const RegionParams& r : s.regions) firms += r.firms;
    throw BadInput("the run needs about " + format_bytes(need) + " (" + std::to_string(firms) +
                   " firms x 1100 B + 40 MiB), more than " + what +
                   " (allowed: fewer firms, or --max-memory above the estimate)");
  }
}

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
      "max-memory", po::value<std::string>(),
      "refuse the run when its estimated peak memory is above SIZE (800M, 4G); default: the "
      "memory available now")("force", "overwrite an existing run file")(
      "quiet,q", "no progress and no summary; only errors");
  po::options_description all;
  std::string scenario_file;
  all.add(visible).add_options()("scenario", po::value(&scenario_file));
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const po::variables_map vm = parse(args, visible, all, pos);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return kOk;
  }
  const int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 1024)
    throw BadInput("--threads: out of range: " + std::to_string(threads) + " (allowed: 0..1024)");
  if (vm.count("seed"))
    overrides.push_back("simulation.seed=" + std::to_string(vm["seed"].as<std::int64_t>()));
  if (vm.count("steps"))
    overrides.push_back("simulation.steps=" + std::to_string(vm["steps"].as<int>()));
  const bool quiet = vm.count("quiet") > 0;

  Scenario scenario = load(scenario_file, overrides);
  const fs::path out =
      vm.count("output") ? fs::path(output) : default_output(scenario, scenario_file);

  check_memory(scenario, vm);
  ThreadLimit limit(threads);
  const int used_threads = threads > 0 ? threads : ThreadLimit::hardware_threads();
  const int steps = scenario.simulation.steps;
  // The output is taken before the world is built: a bad path costs no time.
  Recorder recorder(out, scenario, {ECOSIM_VERSION, used_threads}, vm.count("force") > 0);
  Simulation sim(std::move(scenario));
  Progress progress(steps, !quiet);
  watch_interrupts();
  std::vector<Observation> kept;
  for (int t = 0; t < steps; ++t) {
    if (interrupted) {
      progress.done();
      std::cerr << "ecosim: interrupted after " << t << " steps; recorded rows kept in "
                << recorder.partial_path().string() << "\n";
      return kInterrupted;
    }
    Observation o = sim.step();
    recorder.record(o);
    if (t == 0 || t + 1 == steps) kept.push_back(std::move(o));
    progress.update(t + 1);
  }
  progress.done();
  recorder.finish(sim.world());
  if (!quiet) print_summary(std::cout, sim, kept.front(), kept.back(), fs::absolute(out));
  return kOk;
}

int check_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim check SCENARIO [options]\n\nValidate SCENARIO and report "
      "every problem as FILE:LINE:COL: key: message");
  std::vector<std::string> overrides;
  visible.add_options()("help,h", "this help")("set", po::value(&overrides)->composing(),
                                               "override a scenario key: --set key.path=value");
  po::options_description all;
  std::string scenario_file;
  all.add(visible).add_options()("scenario", po::value(&scenario_file));
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const po::variables_map vm = parse(args, visible, all, pos);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return kOk;
  }
  if (scenario_file.empty()) throw BadInput("check: missing SCENARIO (allowed: a TOML file path)");
  const Scenario s = load_scenario_file(scenario_file, overrides);
  std::int64_t firms = 0;
  for (const auto& r : s.regions) firms += r.firms;
  std::cout << scenario_file << ": ok (" << s.regions.size() << " regions, " << firms << " firms, "
            << s.simulation.steps << " steps, seed " << s.simulation.seed << ")\n";
  return kOk;
}

int validate_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim validate [SCENARIO] [options]\n\n"
      "Run SCENARIO (the embedded default when left out) for seeds 1..N and check the stylized\n"
      "facts of its first region: the start as SSB counts it, ten years without drift, firm\n"
      "demography, size and growth laws, the network, partnerships. Prints one row per fact\n"
      "(target and source, band, value over seeds); exits 3 when a fact fails");
  std::vector<std::string> overrides;
  std::string output;
  visible.add_options()("help,h", "this help")("seeds", po::value<int>()->default_value(5),
                                               "seeds 1..N, 1..100")(
      "threads", po::value<int>()->default_value(0), "worker threads, 1..1024; 0 = all cores")(
      "set", po::value(&overrides)->composing(),
      "override a scenario key: --set key.path=value (repeatable)")(
      "output,o", po::value(&output), "also write the report (markdown) to this file")(
      "quiet,q", "no progress; only the report");
  po::options_description all;
  std::string scenario_file;
  all.add(visible).add_options()("scenario", po::value(&scenario_file));
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const po::variables_map vm = parse(args, visible, all, pos);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return kOk;
  }
  const int seeds = vm["seeds"].as<int>(), threads = vm["threads"].as<int>();
  if (seeds < 1 || seeds > 100)
    throw BadInput("--seeds: out of range: " + std::to_string(seeds) + " (allowed: 1..100)");
  if (threads < 0 || threads > 1024)
    throw BadInput("--threads: out of range: " + std::to_string(threads) + " (allowed: 0..1024)");
  Scenario base = load(scenario_file, overrides);
  if (base.simulation.snapshot_every <= 0)
    throw BadInput(
        "validate needs firm snapshots: simulation.snapshot_every is 0 (allowed: 1..100000)");
  ThreadLimit limit(threads);
  const std::vector<Fact> facts = facts_for(base);
  std::vector<std::vector<std::optional<double>>> values(facts.size());
  for (int seed = 1; seed <= seeds; ++seed) {
    if (!vm.count("quiet")) std::cerr << "validate: seed " << seed << " of " << seeds << "\n";
    overrides.push_back("simulation.seed=" + std::to_string(seed));
    const Scenario scenario = load(scenario_file, overrides);
    overrides.pop_back();
    const RunRecord run = record_run(scenario);
    for (std::size_t k = 0; k < facts.size(); ++k) values[k].push_back(facts[k].measure(run));
  }
  std::vector<FactResult> results;
  bool passed = true;
  for (std::size_t k = 0; k < facts.size(); ++k) {
    results.push_back(judge(facts[k], values[k]));
    passed = passed && (!results.back().applicable || results.back().passed);
  }
  const std::string report = validation_report_markdown(base, results, seeds);
  std::cout << report;
  if (!output.empty()) {
    // Written beside and renamed, so that a failed write leaves an older report whole.
    const fs::path partial = output + ".partial";
    if (!(std::ofstream(partial) << report))
      throw std::runtime_error(output + ": cannot write the report");
    fs::rename(partial, output);
  }
  return passed ? kOk : kFactFailed;
}

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kBadInput : kOk;
  }
  if (args[0] == "--version") {
    std::cout << "ecosim " << ECOSIM_VERSION << "\n";
    return kOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "run") return run_command(args);
  if (command == "check") return check_command(args);
  if (command == "validate") return validate_command(args);
  if (command == "sweep") return sweep_command(args);
  if (command == "params") {
    std::cout << parameter_table_markdown();
    return kOk;
  }
  if (command == "indicators") {
    if (args.size() == 1 && args[0] == "--firm-level") {
      std::cout << firm_level_table_markdown();
      return kOk;
    }
    if (!args.empty())
      throw BadInput("indicators: unknown argument '" + args[0] + "' (allowed: --firm-level)");
    std::cout << indicator_table_markdown();
    return kOk;
  }
  throw BadInput("unknown command '" + command +
                 "' (allowed: run, check, validate, sweep, params, indicators; see ecosim --help)");
}

}  // namespace

namespace cli {

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& visible, const po::options_description& all,
                        const po::positional_options_description& pos) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::ostringstream help;
    help << visible;
    throw BadInput(std::string(e.what()) + "\n" + help.str());
  }
  return vm;
}

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted = true; }
void watch_interrupts() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

}  // namespace cli
}  // namespace ecosim

int main(int argc, char** argv) {
  using namespace ecosim;
  using namespace ecosim::cli;
  h5::init_library();
  try {
    return dispatch(argc, argv);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kBadInput;
  } catch (const BadInput& e) {
    std::cerr << "ecosim: " << e.what() << "\n";
    return kBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "ecosim: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "ecosim: error: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}
