#include "support/state_digest.hpp"

#include "engine/fnv.hpp"

namespace ecosim::testing {

std::uint64_t state_digest(const World& world) {
  // Member by member through the member lists: padding and an empty optional's storage never
  // enter the digest.
  Fnv h;
  h.add_value(world);
  return h.h;
}

}  // namespace ecosim::testing
