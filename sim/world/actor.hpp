// A compact reference to a party of a project or the other end of a tie: a firm or a
// university, kind in the top 3 bits, table index in the low 29.
#pragma once

#include <cstdint>

#include "world/ids.hpp"

namespace ecosim {

enum class ActorKind : std::uint8_t {
  firm,
  municipality,
  university,
  agency,
  investor,
  promotion_org
};
inline constexpr const char* kActorKindNames[] = {"firm",   "municipality", "university",
                                                  "agency", "investor",     "promotion_org"};

class ActorRef {
 public:
  static constexpr std::uint32_t kIndexBits = 29;
  static constexpr std::uint32_t kIndexMask = (1u << kIndexBits) - 1;

  constexpr ActorRef() = default;  // no actor
  static constexpr ActorRef firm(FirmId id) { return ActorRef(ActorKind::firm, id.value()); }
  static constexpr ActorRef university(UniversityId id) {
    return ActorRef(ActorKind::university, id.value());
  }

  constexpr bool empty() const { return bits_ == kNone; }
  constexpr ActorKind kind() const { return static_cast<ActorKind>(bits_ >> kIndexBits); }
  constexpr bool is_firm() const { return !empty() && kind() == ActorKind::firm; }
  constexpr bool is_university() const { return !empty() && kind() == ActorKind::university; }
  // The firm or university referred to; only valid when is_firm() / is_university().
  constexpr FirmId firm_id() const { return FirmId(index()); }
  constexpr UniversityId university_id() const { return UniversityId(index()); }
  // Index in the table of its kind, for output files.
  constexpr std::uint32_t index() const { return bits_ & kIndexMask; }
  constexpr std::uint32_t bits() const { return bits_; }
  friend constexpr auto operator<=>(ActorRef, ActorRef) = default;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  constexpr ActorRef(ActorKind kind, std::uint32_t index)
      : bits_((static_cast<std::uint32_t>(kind) << kIndexBits) | (index & kIndexMask)) {}
  std::uint32_t bits_ = kNone;
};

// The one place that branches on what an actor is: calls on_firm(FirmId) or
// on_university(UniversityId).
template <class OnFirm, class OnUniversity>
constexpr decltype(auto) visit(ActorRef actor, OnFirm&& on_firm, OnUniversity&& on_university) {
  if (actor.is_firm()) return on_firm(actor.firm_id());
  return on_university(actor.university_id());
}

}  // namespace ecosim
