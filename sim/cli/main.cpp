// ecosim: the command line: dispatch to the commands (run_command.cpp, sweep_command.cpp,
// scenario_commands.cpp) and their errors turned into exit codes: 0 ok, 1 runtime failure, 2 bad
// input.
#include <boost/program_options.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "engine/parallel.hpp"
#include "engine/printable.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "io/projects_table.hpp"
#include "scenario/catalogue.hpp"
#include "scenario/causal_map.hpp"
#include "scenario/load.hpp"

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
    "  indicators       print every indicator the run file records, with its unit;\n"
    "                   --firm-level, --projects, --parties: the columns of those groups\n"
    "  map              print the causal map: each channel from a lever to the indicators, the\n"
    "                   code that carries it, its strength key and that key's source\n"
    "\n"
    "options:\n"
    "  -h [ --help ]    this help; 'ecosim COMMAND --help' for a command\n"
    "  --version        print the version\n";

const char* kParamsHelp =
    "ecosim params\n"
    "\n"
    "Print every scenario key as a markdown table: its type, default, allowed range, unit,\n"
    "meaning, source and plausible range (the assumed ones).\n";
const char* kMapHelp =
    "ecosim map\n"
    "\n"
    "Print the causal map as a markdown table: each channel from a lever to the indicators, the\n"
    "code that carries it, its strength key and that key's source.\n";
const char* kIndicatorsHelp =
    "ecosim indicators [--firm-level | --projects | --parties]\n"
    "\n"
    "Print every indicator a run file records, with its shape and unit, as a markdown table;\n"
    "with an option, the columns of that group instead:\n"
    "  --firm-level     the firms/, ties/ and exits/ snapshot columns\n"
    "  --projects       the projects/ table, one row per proposal\n"
    "  --parties        the parties/ table, one row per party of a project\n";

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
  // The table commands' help (the others parse their own options).
  const bool help = args.size() == 1 && (args[0] == "-h" || args[0] == "--help");
  if (help && (command == "params" || command == "map" || command == "indicators")) {
    std::cout << (command == "params" ? kParamsHelp
                  : command == "map"  ? kMapHelp
                                      : kIndicatorsHelp);
    return kOk;
  }
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
    const char* allowed = " (allowed: one of --firm-level, --projects, --parties)";
    if (args.size() > 1)
      throw BadInput("indicators: takes one argument, not " + std::to_string(args.size()) +
                     allowed);
    const std::string table = args.empty() ? "" : args[0];
    if (!(table.empty() || table == "--firm-level" || table == "--projects" ||
          table == "--parties"))
      throw BadInput("indicators: unknown argument '" + table + "'" + allowed);
    std::cout << (table.empty()             ? indicator_table_markdown()
                  : table == "--firm-level" ? firm_level_table_markdown()
                  : table == "--projects"   ? projects_table_markdown()
                                            : parties_table_markdown());
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
