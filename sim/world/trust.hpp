// The trust network: each firm remembers at most K ties (a's trust in b), stored in fixed
// slots so the network costs K * 12 bytes per firm and never allocates while stepping.
// Shared events (a meeting, a joint project) update both holders; a full firm forgets its
// weakest tie first, so trust is held per holder and may become one-sided.
#pragma once

#include <cstdint>
#include <vector>

#include "world/actor.hpp"
#include "scenario/vocabulary.hpp"

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
  void resize(std::size_t firms) {
    const std::size_t n = firms * static_cast<std::size_t>(slots_);
    if (n > ties_.capacity()) ties_.reserve(n + n / 8), university_ties_.reserve(firms + firms / 8);
    ties_.resize(n);
    university_ties_.resize(firms);
  }

  // Whether the firm holds a tie to any university: lets the university index skip the
  // slots of most firms.
  bool holds_university_tie(std::uint32_t firm) const { return university_ties_[firm] > 0; }
  std::size_t firms() const { return ties_.size() / slots_; }
  int slots() const { return slots_; }

  // The holder's ties; empty slots have other.empty().
  Tie* ties_of(std::uint32_t firm) { return &ties_[static_cast<std::size_t>(firm) * slots_]; }
  const Tie* ties_of(std::uint32_t firm) const {
    return &ties_[static_cast<std::size_t>(firm) * slots_];
  }

  // Trust of `firm` in `other`, or `fallback` when it holds no tie to it.
  float trust(std::uint32_t firm, ActorRef other, float fallback) const;

  // Sets or creates firm's tie to other (new ties take the slot of the weakest when full, but
  // only if the new trust is higher). Returns false when the tie could not be stored.
  bool set(std::uint32_t firm, ActorRef other, float trust);

  // Moves trust toward value by rate (`rate` of the gap), creating the tie from `initial`.
  void nudge(std::uint32_t firm, ActorRef other, float initial, float target, float rate);

  // Counts one more joint project on firm's tie to other, if it holds one.
  void add_joint_project(std::uint32_t firm, ActorRef other);

  // Forgets every tie the firm holds (on exit). Ties that others hold to a dead firm stay until
  // forgotten; readers skip them by checking that the other firm is alive.
  void clear(std::uint32_t firm);

 private:
  int slots_;
  std::vector<Tie> ties_;
  std::vector<std::uint8_t> university_ties_;  // per holder: ties to universities held
};

// Rung of a trust value on the ladder (thresholds: shared view, cooperation, joint action).
inline Rung rung_of(float trust, const std::array<double, 3>& ladder) {
  if (trust >= ladder[2]) return Rung::joint_action;
  if (trust >= ladder[1]) return Rung::cooperation;
  if (trust >= ladder[0]) return Rung::shared_view;
  return Rung::conversation;
}

}  // namespace ecosim
