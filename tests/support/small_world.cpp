#include "support/small_world.hpp"

#include "world/build.hpp"

namespace ecosim::testing {

std::string small_scenario_file() { return std::string(ECOSIM_TEST_DATA) + "/small.toml"; }

Scenario small_scenario(const std::vector<std::string>& overrides) {
  return load_scenario_file(small_scenario_file(), overrides);
}

SmallWorldState::SmallWorldState() : s(small_scenario()), world(build_world(s)) {}

ActorRef SmallWorldState::firm(std::size_t k) const {
  return ActorRef::firm(alive_firms(world, RegionId(0), k + 1).at(k));
}

std::vector<FirmId> alive_firms(const World& world, RegionId region, std::size_t n) {
  std::vector<FirmId> out;
  for (const FirmId i : world.firms.ids())
    if (out.size() < n && world.firms.alive[i] && !world.firms.is_public[i] &&
        world.firms.region[i] == region)
      out.push_back(i);
  return out;
}

Project& add_project(World& world, ActorRef lead, const std::vector<ActorRef>& partners,
                     Theme theme, double budget_nok, int duration, float trust) {
  Project& p = open_project(world, lead, theme);
  p.budget_nok = budget_nok;
  p.duration_months = duration;
  for (const ActorRef a : partners)
    p.parties.push_back(
        {.actor = a, .uid = uid_of(world, a), .region = region_of(world, a), .trust = trust});
  return p;
}

}  // namespace ecosim::testing
