#include "world/trust.hpp"

namespace ecosim {

void TrustNetwork::resize(std::size_t firms) {
  const std::size_t n = firms * slot_count();
  if (n > ties_.capacity()) ties_.reserve(n + n / 8), university_ties_.reserve(firms + firms / 8);
  ties_.resize(n);
  university_ties_.resize(firms);
}

float TrustNetwork::trust(FirmId firm, ActorRef other, float fallback) const {
  for (const Tie& tie : ties_of(firm))
    if (tie.other == other) return tie.trust;
  return fallback;
}

bool TrustNetwork::set(FirmId firm, ActorRef other, float trust) {
  Tie* target = nullptr;
  for (Tie& tie : ties_of(firm)) {
    if (tie.other == other) {
      tie.trust = trust;
      return true;
    }
    if (tie.other.empty()) {
      if (!target || !target->other.empty()) target = &tie;
    } else if (!target || (!target->other.empty() && tie.trust < target->trust)) {
      target = &tie;
    }
  }
  if (!target->other.empty() && target->trust >= trust) return false;
  std::uint8_t& universities = university_ties_[firm.index()];
  universities = static_cast<std::uint8_t>(universities - target->other.is_university() +
                                           other.is_university());
  *target = {other, trust, 0};
  return true;
}

void TrustNetwork::nudge(FirmId firm, ActorRef other, float initial, float target, float rate) {
  const float current = trust(firm, other, initial);
  set(firm, other, current + rate * (target - current));
}

void TrustNetwork::add_joint_project(FirmId firm, ActorRef other) {
  for (Tie& tie : ties_of(firm))
    if (tie.other == other && tie.joint_projects < 255) ++tie.joint_projects;
}

void TrustNetwork::clear(FirmId firm) {
  for (Tie& tie : ties_of(firm)) tie = Tie{};
  university_ties_[firm.index()] = 0;
}

}  // namespace ecosim
