// The initial world of a scenario (ODD: Initialization), and the state a firm is born with.
#pragma once

#include <vector>

#include "engine/rng.hpp"
#include "world/establishments.hpp"
#include "world/world.hpp"

namespace ecosim {

// Draws the state of firm row `firm` in `region`, as establishment `e` (initial, or an
// entrant of this step); an initial firm gets an age, every firm cash at its steady level.
void init_firm(World& world, const Scenario& s, FirmId firm, RegionId region,
               const Establishment& e, bool entrant);

// Gives each of `firms` its first ties (at the start, or as entrants), `mean_ties` on average;
// the initial world's were last used at any time within trust.tie_memory_months.
void form_first_ties(World& world, const Scenario& s, const std::vector<FirmId>& firms,
                     double mean_ties, bool initial);

// Builds the initial world of a scenario (deterministic in the seed).
World build_world(const Scenario& scenario);

}  // namespace ecosim
