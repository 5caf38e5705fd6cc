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
#include "engine/printable.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"
#include "scenario/catalogue.hpp"
#include "scenario/causal_map.hpp"
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
    "  resume FILE      continue a killed run from its last checkpoint (run --checkpoint-every)\n"
    "  check SCENARIO   validate a scenario file and report every problem\n"
    "  validate [SCENARIO]  check the stylized facts over several seeds (exit 3 on a failure)\n"
    "  sweep SWEEP      run a parameter sweep (here, a Slurm array task or --emit-sbatch)\n"
    "  params           print every scenario key with its default, range, meaning and source\n"
    "  indicators       print every indicator the run file records, with its unit\n"
    "  map              print the causal map: each channel from a lever to the indicators, the\n"
    "                   code that carries it, its strength key and that key's source\n"
    "\n"
    "options:\n"
    "  -h [ --help ]    this help; 'ecosim COMMAND --help' for a command\n"
    "  --version        print the version\n";

Scenario load(const std::string& file, const std::vector<std::string>& overrides) {
  return file.empty() ? load_default_scenario(overrides) : load_scenario_file(file, overrides);
}

int check_command(const std::vector<std::string>& args) {
  po::options_description visible(
      "ecosim check SCENARIO [options]\n\nValidate SCENARIO and report "
      "every problem as FILE:LINE:COL: key: message");
  std::vector<std::string> overrides;
  visible.add_options()("help,h", "this help")("set", po::value(&overrides)->composing(),
                                               "override a scenario key: --set key.path=value");
  std::string scenario_file;
  const auto parsed = parse_command(args, visible, "scenario", scenario_file);
  if (!parsed) return kOk;
  if (scenario_file.empty()) throw BadInput("check: missing SCENARIO (allowed: a TOML file path)");
  const Scenario s = load_scenario_file(scenario_file, overrides);
  std::cout << printable(scenario_file) << ": ok (" << s.regions.size() << " regions, "
            << s.total_firms() << " firms, " << s.simulation.steps << " steps, seed "
            << s.simulation.seed << ")\n";
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
  std::string scenario_file;
  const auto parsed = parse_command(args, visible, "scenario", scenario_file);
  if (!parsed) return kOk;
  const po::variables_map& vm = *parsed;
  const int seeds = vm["seeds"].as<int>(), threads = vm["threads"].as<int>();
  if (seeds < 1 || seeds > 100)
    throw BadInput("--seeds: out of range: " + std::to_string(seeds) + " (allowed: 1..100)");
  if (const std::string refused = threads_out_of_range(threads, 0); !refused.empty())
    throw BadInput(refused);
  Scenario base = load(scenario_file, overrides);
  if (base.simulation.snapshot_every <= 0)
    throw BadInput(
        "validate needs firm snapshots: simulation.snapshot_every is 0 (allowed: 1..100000)");
  ThreadLimit limit(threads);
  const std::vector<Fact> facts = facts_for(base);
  std::vector<std::vector<std::optional<double>>> values(facts.size()), details(facts.size());
  for (int seed = 1; seed <= seeds; ++seed) {
    if (!vm.count("quiet")) std::cerr << "validate: seed " << seed << " of " << seeds << "\n";
    overrides.push_back("simulation.seed=" + std::to_string(seed));
    const Scenario scenario = load(scenario_file, overrides);
    overrides.pop_back();
    const RunRecord run = record_run(scenario);
    for (std::size_t k = 0; k < facts.size(); ++k) {
      values[k].push_back(facts[k].measure(run));
      if (facts[k].detail) details[k].push_back(facts[k].detail(run));
    }
  }
  std::vector<FactResult> results;
  for (std::size_t k = 0; k < facts.size(); ++k)
    results.push_back(judge(facts[k], values[k], details[k]));
  const bool passed = all_passed(results);
  const std::string report = validation_report_markdown(base, results, seeds);
  std::cout << report;
  if (!output.empty()) {
    replace_file(output, [&](const fs::path& file) {
      if (!(std::ofstream(file) << report))
        throw std::runtime_error(output + ": cannot write the report");
    });
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
  if (command == "resume") return resume_command(args);
  if (command == "check") return check_command(args);
  if (command == "validate") return validate_command(args);
  if (command == "sweep") return sweep_command(args);
  if (command == "params") {
    std::cout << parameter_table_markdown();
    return kOk;
  }
  if (command == "map") {
    if (!args.empty()) throw BadInput("map: unknown argument '" + args[0] + "' (it takes none)");
    std::cout << causal_map_markdown();
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
  throw BadInput(
      "unknown command '" + command +
      "' (allowed: run, resume, check, validate, sweep, params, indicators, map; see ecosim "
      "--help)");
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
    throw BadInput(e.what(), help.str());
  }
  return vm;
}

std::optional<po::variables_map> parse_command(const std::vector<std::string>& args,
                                               const po::options_description& visible,
                                               const char* name, std::string& positional) {
  po::options_description all;
  all.add(visible).add_options()(name, po::value(&positional));
  po::positional_options_description pos;
  pos.add(name, 1);
  po::variables_map vm = parse(args, visible, all, pos);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return std::nullopt;
  }
  return vm;
}

const RunHooks* installed_hooks = nullptr;
const RunHooks* run_hooks() { return installed_hooks; }
void install_run_hooks(const RunHooks* hooks) { installed_hooks = hooks; }

extern "C" void on_interrupt(int) { stop_requested = true; }
void watch_interrupts() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

}  // namespace cli
}  // namespace ecosim

int ecosim::cli::run_main(int argc, char** argv) {
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
    std::cerr << "ecosim: error: " << printable(e.what()) << "\n";
    return kRuntimeFailure;
  }
}
