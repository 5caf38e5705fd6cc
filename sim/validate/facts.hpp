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
  every_run,  // each run's value must lie in the band
  mean,       // the mean over runs must lie in the band
};

struct Fact {
  std::string name;
  std::string target;  // what the data say, with the source
  double low, high;    // the band a value must lie in
  PassRule rule;
  // The fact's value in one run, or nothing when the run is too short for it.
  std::function<std::optional<double>(const RunRecord&)> measure;
};

// The facts of a scenario (targets such as its jobs come from the scenario).
std::vector<Fact> facts_for(const Scenario& scenario);

struct FactResult {
  const Fact* fact = nullptr;
  std::vector<double> values;  // one per run that could measure it
  bool applicable = false;
  bool passed = false;
};

// Whether the fact holds over the runs' values (a run too short for it gives none).
FactResult judge(const Fact& fact, const std::vector<std::optional<double>>& values);

// The report: one row per fact (target, band, value over runs, pass or fail).
std::string validation_report_markdown(const Scenario& scenario,
                                       const std::vector<FactResult>& results, int seeds);

}  // namespace ecosim
