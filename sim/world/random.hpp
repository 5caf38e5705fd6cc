// Each agent's random streams, keyed by what it is (engine/rng.hpp): one generator per agent,
// step and stream.
#pragma once

#include <type_traits>

#include "engine/rng.hpp"
#include "scenario/scenario.hpp"
#include "world/ids.hpp"

namespace ecosim {

// The key space of each kind of id that draws random numbers (investors draw none).
template <class IdT>
struct KeySpace;
template <>
struct KeySpace<FirmId> : std::integral_constant<AgentKind, AgentKind::firm> {};
template <>
struct KeySpace<MunicipalityId> : std::integral_constant<AgentKind, AgentKind::municipality> {};
template <>
struct KeySpace<UniversityId> : std::integral_constant<AgentKind, AgentKind::university> {};
template <>
struct KeySpace<PromotionOrgId> : std::integral_constant<AgentKind, AgentKind::promotion_org> {};
template <>
struct KeySpace<RegionId> : std::integral_constant<AgentKind, AgentKind::region> {};
template <>
struct KeySpace<ProjectId> : std::integral_constant<AgentKind, AgentKind::project> {};

template <class IdT>
Rng rng_for(const Scenario& s, IdT id, Step step, Stream stream) {
  return make_rng(s.simulation.seed, KeySpace<IdT>::value, id.value(), step, stream);
}

// One demand process per (region, sector).
inline Rng rng_for(const Scenario& s, RegionId region, Sector sector, Step step, Stream stream) {
  return make_rng(s.simulation.seed, AgentKind::sector_market,
                  region.index() * kSectors + static_cast<std::size_t>(sector), step, stream);
}

}  // namespace ecosim
