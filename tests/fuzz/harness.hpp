// What the fuzz targets do with one input, shared with the unit test that replays every input
// the fuzzers ever crashed on (tests/data/fuzz/, tests/fuzz/regressions_test.cpp). Anything may
// be refused with a ScenarioError; nothing may crash, hang, leak or throw anything else.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/load.hpp"
#include "sweep/spec.hpp"

namespace ecosim::fuzz {

// A scenario's TOML text, then NUL-separated --set assignments. A scenario that loads must load
// again from the text it stores (the run file keeps it to repeat the run) to the same values.
inline void scenario_input(std::string_view input) {
  const std::size_t end = input.find('\0');
  std::vector<std::string> overrides;
  for (std::size_t at = end; at != std::string_view::npos && at < input.size();) {
    const std::size_t next = input.find('\0', at + 1);
    overrides.emplace_back(
        input.substr(at + 1, next == std::string_view::npos ? next : next - at - 1));
    at = next;
  }
  try {
    const Scenario s = load_scenario_text(input.substr(0, end), "fuzz.toml", overrides);
    const Scenario again = load_scenario_text(s.text, "again.toml");
    if (again.simulation.seed != s.simulation.seed ||
        again.simulation.steps != s.simulation.steps || again.regions.size() != s.regions.size())
      std::abort();
    for (std::size_t r = 0; r < s.regions.size(); ++r)
      if (again.regions[RegionId(r)].name != s.regions[RegionId(r)].name ||
          again.regions[RegionId(r)].firms != s.regions[RegionId(r)].firms)
        std::abort();
  } catch (const ScenarioError&) {
  }
}

// A sweep file's text.
inline void sweep_input(std::string_view input) {
  try {
    load_sweep_text(input, "fuzz_sweep.toml");
  } catch (const ScenarioError&) {
  }
}

}  // namespace ecosim::fuzz
