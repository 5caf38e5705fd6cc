// Built against the world layer alone: it may include from world and the layers below it, and
// must fail to compile when it includes from a higher layer (ECOSIM_PROBE_MISTAKE).
#include "world/world.hpp"
#ifdef ECOSIM_PROBE_MISTAKE
#include "phases/phases.hpp"
#endif

namespace ecosim {
std::size_t probe_regions(const World& world) { return world.regions.size(); }
}  // namespace ecosim
