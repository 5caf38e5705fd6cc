// The command line's dispatch and exit codes (cli/main.cpp): usage, version, the tables printed
// by params, map and indicators, unknown commands and arguments, and the parse() helper.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "indicators/indicators.hpp"
#include "indicators/snapshot.hpp"
#include "io/projects_table.hpp"
#include "scenario/catalogue.hpp"
#include "scenario/causal_map.hpp"
#include "support/command_line.hpp"

namespace ecosim {
namespace {

using testing::lines_in;
using testing::Outcome;
using testing::run_ecosim;

namespace po = boost::program_options;
using cli::kBadInput;
using cli::kOk;

// Without a command the usage is printed and the exit is 2 (a script that forgot its command
// must not pass); asked for, the same usage exits 0.
TEST(Main, NoArgumentsPrintsTheUsageAndExitsTwoWhileHelpExitsZero) {
  const Outcome none = run_ecosim({});
  EXPECT_EQ(none.code, kBadInput);
  EXPECT_EQ(none.out.rfind("usage: ecosim <command> [options]\n", 0), 0u) << none.out;
  for (const char* flag : {"--help", "-h", "help"}) {
    const Outcome help = run_ecosim({flag});
    EXPECT_EQ(help.code, kOk) << flag;
    EXPECT_EQ(help.out, none.out) << flag;
    EXPECT_EQ(help.err, "") << flag;
  }
  for (const char* command : {"  run ", "  resume ", "  check ", "  validate ", "  sweep ",
                              "  params ", "  indicators ", "  map "})
    EXPECT_NE(none.out.find(command), std::string::npos) << command << " missing from usage";
}

TEST(Main, VersionPrintsTheBuildsVersionOnOneLine) {
  const Outcome o = run_ecosim({"--version"});
  EXPECT_EQ(o.code, kOk);
  EXPECT_EQ(o.out, std::string("ecosim ") + ECOSIM_VERSION + "\n");
}

TEST(Main, AnUnknownCommandIsOneLineNamingItAndEveryAllowedCommand) {
  const Outcome o = run_ecosim({"fly", "--steps", "3"});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err.rfind("ecosim: unknown command 'fly' (allowed: ", 0), 0u) << o.err;
  EXPECT_EQ(lines_in(o.err), 1u) << o.err;
  for (const char* command :
       {"run", "resume", "check", "validate", "sweep", "params", "indicators", "map"})
    EXPECT_NE(o.err.find(command), std::string::npos) << command << ": " << o.err;
}

// The error repeats what the user typed: a control character in it is escaped, never sent raw
// to the terminal, which would obey it.
TEST(Main, AnUnknownCommandIsEchoedEscaped) {
  const Outcome o = run_ecosim({"fl\x1b[31my"});
  EXPECT_EQ(o.code, kBadInput);
  EXPECT_EQ(o.err.find('\x1b'), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("'fl\\u001b[31my'"), std::string::npos) << o.err;
}

TEST(Main, ParamsPrintsTheParameterTable) {
  const Outcome o = run_ecosim({"params"});
  EXPECT_EQ(o.code, kOk);
  EXPECT_EQ(o.out, parameter_table_markdown());
}

// Every command answers --help with its usage, exit 0: the table commands too (params printed
// its table, map and indicators refused the flag), which the man page and completion read.
TEST(Main, EveryCommandHasAHelp) {
  for (const char* command :
       {"run", "resume", "check", "validate", "sweep", "params", "map", "indicators"}) {
    for (const char* flag : {"--help", "-h"}) {
      const Outcome o = run_ecosim({command, flag});
      EXPECT_EQ(o.code, kOk) << command << " " << flag << ": " << o.err;
      EXPECT_EQ(o.out.rfind(std::string("ecosim ") + command, 0), 0u)
          << command << " " << flag << ":\n"
          << o.out;
      EXPECT_EQ(o.out.find("| key |"), std::string::npos) << "a help, not a table";
    }
  }
  EXPECT_NE(run_ecosim({"indicators", "--help"}).out.find("--firm-level"), std::string::npos);
}

TEST(Main, MapPrintsTheCausalMapAndRefusesAStrayArgument) {
  const Outcome map = run_ecosim({"map"});
  EXPECT_EQ(map.code, kOk);
  EXPECT_EQ(map.out, causal_map_markdown());
  const Outcome stray = run_ecosim({"map", "--projects"});
  EXPECT_EQ(stray.code, kBadInput);
  EXPECT_EQ(stray.out, "");
  EXPECT_EQ(stray.err, "ecosim: map: unknown argument '--projects' (it takes none)\n");
}

// Each flag of indicators picks its own table, so a mix-up of two branches shows.
TEST(Main, IndicatorsPrintsTheTableItsFlagNames) {
  const struct {
    std::vector<std::string> args;
    std::string table;
  } cases[] = {{{"indicators"}, indicator_table_markdown()},
               {{"indicators", "--firm-level"}, firm_level_table_markdown()},
               {{"indicators", "--projects"}, projects_table_markdown()},
               {{"indicators", "--parties"}, parties_table_markdown()}};
  for (const auto& c : cases) {
    const Outcome o = run_ecosim(c.args);
    EXPECT_EQ(o.code, kOk) << c.args.back();
    EXPECT_FALSE(c.table.empty());
    EXPECT_EQ(o.out, c.table) << c.args.back();
  }
}

TEST(Main, IndicatorsRefusesABogusArgumentOrMoreThanOne) {
  const Outcome bogus = run_ecosim({"indicators", "--firms"});
  EXPECT_EQ(bogus.code, kBadInput);
  EXPECT_EQ(bogus.out, "");
  EXPECT_EQ(bogus.err,
            "ecosim: indicators: unknown argument '--firms' (allowed: one of --firm-level, "
            "--projects, --parties)\n");
  const Outcome two = run_ecosim({"indicators", "--projects", "--parties"});
  EXPECT_EQ(two.code, kBadInput);
  EXPECT_EQ(two.out, "");
  EXPECT_EQ(two.err,
            "ecosim: indicators: takes one argument, not 2 (allowed: one of --firm-level, "
            "--projects, --parties)\n");
}

// A command's unknown option: the first line names it, the command's own help follows (the
// user sees at once what the command takes), exit 2.
TEST(Main, AnUnknownOptionOfACommandNamesItAndShowsThatCommandsHelp) {
  const Outcome o = run_ecosim({"check", "--colour", "blue"});
  EXPECT_EQ(o.code, kBadInput);
  const std::string first = o.err.substr(0, o.err.find('\n'));
  EXPECT_NE(first.find("'--colour'"), std::string::npos) << o.err;
  EXPECT_EQ(first.rfind("ecosim: ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("ecosim check SCENARIO [options]", first.size()), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("--set", first.size()), std::string::npos) << o.err;
}

// The message of a parse() error, or "" when it parsed.
std::string parse_error(const std::vector<std::string>& args,
                        const po::options_description& visible, const po::options_description& all,
                        const po::positional_options_description& positional) {
  try {
    cli::parse(args, visible, all, positional);
  } catch (const cli::BadInput& e) {
    return e.what();
  }
  return "";
}

TEST(Parse, AMistakeThrowsBadInputWithTheVisibleHelpOnly) {
  po::options_description visible("tool [options]");
  visible.add_options()("level", po::value<int>(), "how high to go");
  po::options_description all;
  all.add(visible).add_options()("secret", po::value<std::string>(), "not for users");
  const po::positional_options_description positional;

  const std::string unknown = parse_error({"--colour", "blue"}, visible, all, positional);
  ASSERT_NE(unknown, "");
  const std::string first = unknown.substr(0, unknown.find('\n'));
  EXPECT_NE(first.find("'--colour'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("tool [options]"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("how high to go"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("secret"), std::string::npos) << "a hidden option was shown: " << unknown;

  const std::string invalid = parse_error({"--level", "high"}, visible, all, positional);
  EXPECT_NE(invalid.find("the argument ('high') for option '--level' is invalid"),
            std::string::npos)
      << invalid;
  // The first line echoes the user's text: escaped like every BadInput.
  const std::string raw = parse_error({"--c\x1bx"}, visible, all, positional);
  EXPECT_EQ(raw.find('\x1b'), std::string::npos) << raw;
}

TEST(Parse, StoresOptionsHiddenOnesAndPositionals) {
  po::options_description visible("tool [options]");
  visible.add_options()("level", po::value<int>(), "how high to go");
  po::options_description all;
  all.add(visible).add_options()("name", po::value<std::string>(), "the positional");
  po::positional_options_description positional;
  positional.add("name", 1);
  const po::variables_map vm = cli::parse({"here", "--level", "3"}, visible, all, positional);
  EXPECT_EQ(vm["level"].as<int>(), 3);
  EXPECT_EQ(vm["name"].as<std::string>(), "here");
  EXPECT_NE(parse_error({"here", "there"}, visible, all, positional), "")
      << "a second positional where one is taken";
}

}  // namespace
}  // namespace ecosim
