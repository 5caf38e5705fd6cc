// What the commands of the ecosim binary share: exit codes, the bad-input error, option
// parsing with the command's help on a mistake, and the interrupt flag.
#pragma once

#include <atomic>
#include <boost/program_options.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/printable.hpp"
#include "session/run_to_file.hpp"

namespace ecosim::cli {

constexpr int kOk = 0, kRuntimeFailure = 1, kBadInput = 2, kFactFailed = 3, kInterrupted = 130;

// Bad input from the user: one line (control characters escaped, since it names what the user
// gave), exit code 2; `help`, when given, follows on the next lines as it is.
struct BadInput : std::runtime_error {
  explicit BadInput(std::string_view message, std::string_view help = {})
      : std::runtime_error(printable(message) + (help.empty() ? "" : "\n" + std::string(help))) {}
};

// Parses a command's arguments; a mistake throws BadInput with the command's help.
boost::program_options::variables_map parse(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible,
    const boost::program_options::options_description& all,
    const boost::program_options::positional_options_description& positional);

// Parses a command with one positional argument NAME (stored in `positional`); prints the
// command's help and returns nullopt on --help.
std::optional<boost::program_options::variables_map> parse_command(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible, const char* name,
    std::string& positional);

// Makes SIGINT and SIGTERM set stop_requested (engine/parallel.hpp).
void watch_interrupts();

// The hooks a test program installed before run_main (tests/support/faults_main.cpp); none in
// the ecosim binary.
const RunHooks* run_hooks();
void install_run_hooks(const RunHooks* hooks);

// The whole command line: dispatches to a command and turns its errors into exit codes.
int run_main(int argc, char** argv);

int run_command(const std::vector<std::string>& args);     // run_command.cpp
int resume_command(const std::vector<std::string>& args);  // run_command.cpp
int sweep_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);     // scenario_commands.cpp
int validate_command(const std::vector<std::string>& args);  // scenario_commands.cpp

}  // namespace ecosim::cli
