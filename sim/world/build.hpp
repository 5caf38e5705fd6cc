// The initial world of a scenario (ODD: Initialization), and the state a firm is born with.
#pragma once

#include <vector>

#include "world/world.hpp"

namespace ecosim {

// Draws the state of firm row `firm` (initial, or an entrant of this step) in `region`.
void init_firm(World& world, const Scenario& s, FirmId firm, RegionId region, bool entrant);

// Gives each of `firms` its first ties (at the start, or as entrants), `mean_ties` on average.
void form_first_ties(World& world, const Scenario& s, const std::vector<FirmId>& firms,
                     double mean_ties);

// Builds the initial world of a scenario (deterministic in the seed).
World build_world(const Scenario& scenario);

}  // namespace ecosim
