#include "support/state_digest.hpp"

#include "engine/fnv.hpp"

namespace ecosim::testing {

std::uint64_t state_digest(const World& world) {
  Fnv h;
  // Element by element: padding and an empty optional's storage never enter the digest.
  world.firms.for_each_column([&](const char*, const auto& column) {
    for (const auto& value : column) h.add_value(value);
  });
  for (const FirmId i : world.firms.ids())
    for (const Tie& tie : world.trust.ties_of(i)) h.add_value(tie);
  for (const Project& p : world.projects) h.add_value(p);
  return h.h;
}

}  // namespace ecosim::testing
