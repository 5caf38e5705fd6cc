#include "world/trust.hpp"

#include <algorithm>

namespace ecosim {

void TrustNetwork::resize(std::size_t firms) {
  // Grows by an eighth at a time (see FirmTable::resize).
  if (firms > state_.university_ties.capacity()) state_.university_ties.reserve(firms + firms / 8);
  state_.ties.resize(firms);
  state_.university_ties.resize(firms);
}

float TrustNetwork::trust(FirmId firm, ActorRef other, float fallback) const {
  for (const Tie& tie : state_.ties.of(firm))
    if (tie.other == other) return tie.trust;
  return fallback;
}

bool TrustNetwork::has_tie(FirmId firm, ActorRef other) const {
  const std::span<const Tie> held = state_.ties.of(firm);
  return std::any_of(held.begin(), held.end(), [&](const Tie& tie) { return tie.other == other; });
}

bool TrustNetwork::set(FirmId firm, ActorRef other, float trust) {
  const std::span<Tie> held = state_.ties.of(firm);
  Tie* weakest = nullptr;
  for (Tie& tie : held) {
    if (tie.other == other) {
      tie.trust = trust;
      tie.last_contact = state_.now;
      return true;
    }
    if (!weakest || tie.trust < weakest->trust) weakest = &tie;
  }
  if (held.size() < state_.max_ties) {
    state_.ties.push_back(firm, {other, trust, state_.now, 0});
  } else {
    if (!weakest || weakest->trust >= trust) return false;
    state_.university_ties[firm] -= weakest->other.is_university();
    *weakest = {other, trust, state_.now, 0};
  }
  state_.university_ties[firm] += other.is_university();
  return true;
}

void TrustNetwork::nudge(FirmId firm, ActorRef other, float initial, float target, float rate) {
  const float current = trust(firm, other, initial);
  set(firm, other, current + rate * (target - current));
}

void TrustNetwork::touch(FirmId firm, ActorRef other) { touch(firm, other, state_.now); }

void TrustNetwork::touch(FirmId firm, ActorRef other, std::int16_t month) {
  for (Tie& tie : state_.ties.of(firm))
    if (tie.other == other) tie.last_contact = month;
}

void TrustNetwork::add_joint_project(FirmId firm, ActorRef other) {
  for (Tie& tie : state_.ties.of(firm))
    if (tie.other == other && tie.joint_projects < 255) ++tie.joint_projects;
}

void TrustNetwork::clear(FirmId firm) {
  state_.ties.shrink(firm, 0);
  state_.university_ties[firm] = 0;
}

}  // namespace ecosim
