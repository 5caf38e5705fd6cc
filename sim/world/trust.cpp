#include "world/trust.hpp"

namespace ecosim {

float TrustNetwork::trust(std::uint32_t firm, ActorRef other, float fallback) const {
  const Tie* ties = ties_of(firm);
  for (int i = 0; i < slots_; ++i)
    if (ties[i].other == other) return ties[i].trust;
  return fallback;
}

bool TrustNetwork::set(std::uint32_t firm, ActorRef other, float trust) {
  Tie* ties = ties_of(firm);
  Tie* target = nullptr;
  for (int i = 0; i < slots_; ++i) {
    if (ties[i].other == other) {
      ties[i].trust = trust;
      return true;
    }
    if (ties[i].other.empty()) {
      if (!target || !target->other.empty()) target = &ties[i];
    } else if (!target || (!target->other.empty() && ties[i].trust < target->trust)) {
      target = &ties[i];
    }
  }
  if (!target->other.empty() && target->trust >= trust) return false;
  auto is_university = [](ActorRef a) { return !a.empty() && a.kind() == ActorKind::university; };
  university_ties_[firm] = static_cast<std::uint8_t>(university_ties_[firm] - is_university(target->other) +
                                                     is_university(other));
  *target = {other, trust, 0};
  return true;
}

void TrustNetwork::nudge(std::uint32_t firm, ActorRef other, float initial, float target,
                         float rate) {
  const float current = trust(firm, other, initial);
  set(firm, other, current + rate * (target - current));
}

void TrustNetwork::add_joint_project(std::uint32_t firm, ActorRef other) {
  Tie* ties = ties_of(firm);
  for (int i = 0; i < slots_; ++i)
    if (ties[i].other == other && ties[i].joint_projects < 255) ++ties[i].joint_projects;
}

void TrustNetwork::clear(std::uint32_t firm) {
  Tie* ties = ties_of(firm);
  for (int i = 0; i < slots_; ++i) ties[i] = Tie{};
  university_ties_[firm] = 0;
}

}  // namespace ecosim
