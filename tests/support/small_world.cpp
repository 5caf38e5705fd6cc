#include "support/small_world.hpp"

namespace ecosim::testing {

Scenario small_scenario(const std::vector<std::string>& overrides) {
  return load_scenario_file(std::string(ECOSIM_TEST_DATA) + "/small.toml", overrides);
}

}  // namespace ecosim::testing
