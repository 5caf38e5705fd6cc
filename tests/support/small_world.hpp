// Small worlds for fast tests: the same model with a few hundred firms, and projects made by
// hand on them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/load.hpp"
#include "world/world.hpp"

namespace ecosim::testing {

// tests/data/small.toml with the given overrides.
Scenario small_scenario(const std::vector<std::string>& overrides = {});
// Its file, tests/data/small.toml: what command-line tests hand to ecosim.
std::string small_scenario_file();

// The world of small.toml as built, before its first step.
struct SmallWorldState {
  SmallWorldState();
  // The k-th alive private firm of the first region.
  ActorRef firm(std::size_t k) const;
  Scenario s;
  World world;
};

// A fixture holding a SmallWorldState.
class SmallWorld : public ::testing::Test, public SmallWorldState {};

// The first `n` alive private firms of a region of the world.
std::vector<FirmId> alive_firms(const World& world, RegionId region, std::size_t n);

// A proposal of `theme` led by `lead` with `partners` (the lead's trust in each: `trust`), of
// `budget_nok` over `duration` months, appended to the world's projects; no money pledged yet.
Project& add_project(World& world, ActorRef lead, const std::vector<ActorRef>& partners,
                     Theme theme = Theme::climate_energy, double budget_nok = 1e6,
                     int duration = 12, float trust = 0.5f);

}  // namespace ecosim::testing
