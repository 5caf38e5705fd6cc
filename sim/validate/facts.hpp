// The stylized facts a run of the studied region must reproduce (`ecosim validate`): its start
// as SSB counts it, ten years without drift, firm demography, the size and growth laws of
// firms, the shape of the cooperation network and how many firms take part in partnerships.
// Each fact names its target, source and tolerance; docs/VALIDATION.md reports them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "indicators/indicators.hpp"
#include "run/simulation.hpp"

namespace ecosim {

// What one run leaves for the facts: every observation (indicators, exits, snapshots) and the
// projects table. The facts need snapshots (simulation.snapshot_every > 0).
struct RunRecord {
  std::vector<Observation> observations;
  IdDeque<ProjectId, Project> projects;
  const Scenario* scenario = nullptr;
};

// Runs the scenario for one seed and keeps what the facts need.
RunRecord record_run(const Scenario& scenario);

enum class PassRule : std::uint8_t {
  every_run,  // each run's value must lie in the band (the calibrated start)
  most_runs,  // at least 4 runs in 5 (80%, rounded up) must lie in the band
};

// Whether a parameter was tuned to the fact (or it reads an input back), or it was not used
// in calibration and so tests the model.
enum class Basis : std::uint8_t { fitted, tested };

struct Fact {
  std::string name;
  std::string target;  // what the data say, with the source
  double low, high;    // the band a value must lie in
  PassRule rule;
  Basis basis;
  // The fact's value in one run, or nothing when the run is too short for it.
  std::function<std::optional<double>(const RunRecord&)> measure;
  // A second number the report shows beside the value (e.g. a fit's threshold), and its name.
  std::string detail_name = {};
  std::function<std::optional<double>(const RunRecord&)> detail = {};
  // Non-empty for a known gap: the fact is reported, but does not fail `validate`, and this
  // says where the work on it stands.
  std::string open = {};
};

// The facts of a scenario (targets such as its jobs come from the scenario).
std::vector<Fact> facts_for(const Scenario& scenario);

struct FactResult {
  const Fact* fact = nullptr;
  std::vector<double> values;   // one per run that could measure it
  std::vector<double> details;  // the detail, one per run that gave one
  int inside = 0;               // values inside the band
  bool applicable = false;
  bool passed = false;
};

// Whether the fact holds over the runs' values (a run too short for it gives none).
FactResult judge(const Fact& fact, const std::vector<std::optional<double>>& values,
                 const std::vector<std::optional<double>>& details = {});
// Whether the results let `validate` pass: every applicable fact that is not open passed.
bool all_passed(const std::vector<FactResult>& results);

// The report: one row per fact (target, band, value over runs, pass or fail).
std::string validation_report_markdown(const Scenario& scenario,
                                       const std::vector<FactResult>& results, int seeds);

}  // namespace ecosim
