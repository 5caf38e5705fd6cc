// The rules of trust (docs/MODEL.md §7.4, trust network operations): where a tie starts and
// rests, the ladder's rungs, and the lowest trust to partner. Pure functions of the scenario,
// used by initialisation (first ties), dialogue, partner search and the indicators; the
// network's state is world/trust.hpp.
#pragma once

#include <array>

#include "scenario/scenario.hpp"
#include "scenario/vocabulary.hpp"

namespace ecosim {

// The trust a tie rests at, and a new tie starts from: the holder region's generalised trust,
// times trust.cross_region_factor when the other is in another region. `how_met` scales the
// start of a new tie (a first tie's spread, an encounter's trust.encounter_trust_factor; 1 for
// work together or a brokered meeting).
inline float tie_trust(const Scenario& s, RegionId holder, RegionId other, float how_met = 1.0f) {
  float trust = static_cast<float>(s.regions[holder].generalised_trust) * how_met;
  if (other != holder) trust *= static_cast<float>(s.trust.cross_region_factor);
  return trust;
}

// The trust a held tie decays toward: tie_trust, except that across regions two who have done
// a joint project (`partners`) know each other, and the distance discount is
// trust.cross_region_factor_partners.
inline float resting_trust(const Scenario& s, RegionId holder, RegionId other, bool partners) {
  float trust = static_cast<float>(s.regions[holder].generalised_trust);
  if (other != holder)
    trust *= static_cast<float>(partners ? s.trust.cross_region_factor_partners
                                         : s.trust.cross_region_factor);
  return trust;
}

// Rung of a trust value on the ladder (thresholds: shared view, cooperation, joint action).
inline Rung rung_of(float trust, const std::array<double, 3>& ladder) {
  if (trust >= ladder[2]) return Rung::joint_action;
  if (trust >= ladder[1]) return Rung::cooperation;
  if (trust >= ladder[0]) return Rung::shared_view;
  return Rung::conversation;
}

// Lowest trust that reaches the scenario's minimum rung to partner.
inline float min_partner_trust(const Scenario& s) {
  const auto rung = static_cast<std::size_t>(s.trust.min_rung_to_partner);
  return rung == 0 ? 0.0f : static_cast<float>(s.trust.ladder[rung - 1]);
}

}  // namespace ecosim
