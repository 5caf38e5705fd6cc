#pragma once

#include "world/world.hpp"

namespace ecosim {

// Rebuilds each municipality's list of alive private firms and each promotion organisation's
// members, in firm order (deterministic), and the organisations' fee income.
void rebuild_rosters(World& world, double member_fee_nok_per_year);

}  // namespace ecosim
