// One digest of the whole state of a world (every member of World's member list but the derived
// ones, and inside them every firm column, tie, project, party, institution and region, each
// through its own list), shared by the tests that compare two runs' worlds: determinism across
// thread counts, checkpoint and restore.
#pragma once

#include <cstdint>

#include "world/world.hpp"

namespace ecosim::testing {

std::uint64_t state_digest(const World& world);

}  // namespace ecosim::testing
