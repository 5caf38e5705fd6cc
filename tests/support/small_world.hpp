// Small scenarios for fast tests: same model, a few hundred firms.
#pragma once

#include <string>
#include <vector>

#include "scenario/load.hpp"

namespace ecosim::testing {

// tests/data/small.toml with the given overrides.
Scenario small_scenario(const std::vector<std::string>& overrides = {});

}  // namespace ecosim::testing
