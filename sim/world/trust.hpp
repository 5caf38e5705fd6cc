// The trust network: each firm remembers at most K ties (its trust in another firm or a
// university), stored in fixed slots so the network costs K * 12 bytes per firm and never
// allocates while stepping. Shared events (a meeting, a joint project) update both holders; a
// full firm forgets its weakest tie first, so trust is held per holder and may be one-sided.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "scenario/scenario.hpp"
#include "world/actor.hpp"
#include "world/ids.hpp"

namespace ecosim {

struct Tie {
  ActorRef other;
  float trust = 0.0f;
  std::uint8_t joint_projects = 0;  // projects done together: earlier partners are asked first
};

class TrustNetwork {
 public:
  explicit TrustNetwork(int slots_per_firm = 8) : slots_(slots_per_firm) {}

  // Grows by an eighth at a time (see FirmTable::resize).
  void resize(std::size_t firms);

  // Whether the firm holds a tie to any university: lets the university index skip the
  // slots of most firms.
  bool holds_university_tie(FirmId firm) const { return university_ties_[firm.index()] > 0; }
  std::size_t firms() const { return ties_.size() / slots_; }
  int slots() const { return slots_; }

  // The holder's slots; empty ones have other.empty().
  std::span<Tie> ties_of(FirmId firm) { return {&ties_[firm.index() * slots_], slot_count()}; }
  std::span<const Tie> ties_of(FirmId firm) const {
    return {&ties_[firm.index() * slots_], slot_count()};
  }

  // Trust of `firm` in `other`, or `fallback` when it holds no tie to it.
  float trust(FirmId firm, ActorRef other, float fallback) const;

  // Sets or creates firm's tie to other (new ties take the slot of the weakest when full, but
  // only if the new trust is higher). Returns false when the tie could not be stored.
  bool set(FirmId firm, ActorRef other, float trust);

  // Moves trust toward `target` by `rate` of the gap, creating the tie from `initial`.
  void nudge(FirmId firm, ActorRef other, float initial, float target, float rate);

  // Counts one more joint project on firm's tie to other, if it holds one.
  void add_joint_project(FirmId firm, ActorRef other);

  // Forgets every tie the firm holds (on exit). Ties that others hold to a dead firm stay until
  // forgotten; readers skip them by checking that the other firm is alive.
  void clear(FirmId firm);

 private:
  std::size_t slot_count() const { return static_cast<std::size_t>(slots_); }
  int slots_;
  std::vector<Tie> ties_;
  std::vector<std::uint8_t> university_ties_;  // per holder: ties to universities held
};

// The trust a tie rests at, and a new tie starts from: the holder region's generalised trust,
// times trust.cross_region_factor when the other is in another region. `how_met` scales the
// start of a new tie (a first tie's spread, an encounter's trust.encounter_trust_factor; 1 for
// work together or a brokered meeting).
inline float tie_trust(const Scenario& s, RegionId holder, RegionId other, float how_met = 1.0f) {
  float trust = static_cast<float>(s.regions[holder].generalised_trust) * how_met;
  if (other != holder) trust *= static_cast<float>(s.trust.cross_region_factor);
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
