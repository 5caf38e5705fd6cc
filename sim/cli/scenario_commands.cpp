// ecosim check and ecosim validate: a scenario file checked against the schema, and the
// stylized facts checked over several seeds.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "io/output_file.hpp"
#include "scenario/load.hpp"
#include "validate/facts.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ecosim::cli {
namespace {

Scenario load(const std::string& file, const std::vector<std::string>& overrides) {
  return file.empty() ? load_default_scenario(overrides) : load_scenario_file(file, overrides);
}

}  // namespace

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

}  // namespace ecosim::cli
