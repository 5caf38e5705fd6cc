// Ids of different kinds do not mix: indexing the regions with a firm's id must fail to
// compile (ECOSIM_PROBE_MISTAKE); with the firm's region it compiles.
#include "world/world.hpp"

namespace ecosim {
double probe_labour_force(const World& world, FirmId firm) {
#ifdef ECOSIM_PROBE_MISTAKE
  return world.regions[firm].labour_force;
#else
  return world.regions[world.firms.region[firm]].labour_force;
#endif
}
}  // namespace ecosim
