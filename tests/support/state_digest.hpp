// One digest of the whole state the indicators do not show (every firm column, every tie and
// every member of every project and party, each through its member list), shared by the tests
// that compare two runs' worlds: determinism across thread counts, checkpoint and restore.
#pragma once

#include <cstdint>

#include "world/world.hpp"

namespace ecosim::testing {

std::uint64_t state_digest(const World& world);

}  // namespace ecosim::testing
