// A compact reference to a party of a project or the other end of a tie: a firm or a
// university, kind in the top 3 bits, table index in the low 29.
#pragma once

#include <cstdint>

#include "engine/id.hpp"
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
  // The firm or university referred to, if it is one (`if (const auto firm = a.as_firm())`):
  // no way to read an actor as the wrong kind.
  constexpr MaybeId<FirmId> as_firm() const {
    return is_firm() ? MaybeId<FirmId>(FirmId(index())) : MaybeId<FirmId>();
  }
  constexpr MaybeId<UniversityId> as_university() const {
    return is_university() ? MaybeId<UniversityId>(UniversityId(index())) : MaybeId<UniversityId>();
  }
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

// Calls on_firm(FirmId) or on_university(UniversityId), for an actor that is one of the two
// (a party, the other end of a tie).
template <class OnFirm, class OnUniversity>
constexpr decltype(auto) visit(ActorRef actor, OnFirm&& on_firm, OnUniversity&& on_university) {
  if (const auto firm = actor.as_firm()) return on_firm(*firm);
  return on_university(UniversityId(actor.index()));
}

}  // namespace ecosim
