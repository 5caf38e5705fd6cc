#include "world/trust.hpp"

#include <algorithm>

namespace ecosim {

void TrustNetwork::resize(std::size_t firms) {
  // Grows by an eighth at a time (see FirmTable::resize).
  if (firms > ties_.capacity())
    ties_.reserve(firms + firms / 8), university_ties_.reserve(firms + firms / 8);
  ties_.resize(firms);
  university_ties_.resize(firms);
}

float TrustNetwork::trust(FirmId firm, ActorRef other, float fallback) const {
  for (const Tie& tie : ties_[firm])
    if (tie.other == other) return tie.trust;
  return fallback;
}

bool TrustNetwork::has_tie(FirmId firm, ActorRef other) const {
  return std::any_of(ties_[firm].begin(), ties_[firm].end(),
                     [&](const Tie& tie) { return tie.other == other; });
}

bool TrustNetwork::set(FirmId firm, ActorRef other, float trust) {
  std::vector<Tie>& held = ties_[firm];
  Tie* weakest = nullptr;
  for (Tie& tie : held) {
    if (tie.other == other) {
      tie.trust = trust;
      tie.last_contact = now_;
      return true;
    }
    if (!weakest || tie.trust < weakest->trust) weakest = &tie;
  }
  if (held.size() < max_ties_) {
    held.push_back({other, trust, now_, 0});
  } else {
    if (!weakest || weakest->trust >= trust) return false;
    university_ties_[firm] -= weakest->other.is_university();
    *weakest = {other, trust, now_, 0};
  }
  university_ties_[firm] += other.is_university();
  return true;
}

void TrustNetwork::nudge(FirmId firm, ActorRef other, float initial, float target, float rate) {
  const float current = trust(firm, other, initial);
  set(firm, other, current + rate * (target - current));
}

void TrustNetwork::touch(FirmId firm, ActorRef other) { touch(firm, other, now_); }

void TrustNetwork::touch(FirmId firm, ActorRef other, std::int16_t month) {
  for (Tie& tie : ties_[firm])
    if (tie.other == other) tie.last_contact = month;
}

void TrustNetwork::add_joint_project(FirmId firm, ActorRef other) {
  for (Tie& tie : ties_[firm])
    if (tie.other == other && tie.joint_projects < 255) ++tie.joint_projects;
}

void TrustNetwork::clear(FirmId firm) {
  ties_[firm].clear();
  ties_[firm].shrink_to_fit();
  university_ties_[firm] = 0;
}

}  // namespace ecosim
