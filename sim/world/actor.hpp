// A compact reference to any actor: kind in the top 3 bits, table index in the low 29.
#pragma once

#include <cstdint>

namespace ecosim {

enum class ActorKind : std::uint8_t { firm, municipality, university, agency, investor, promotion_org };
inline constexpr const char* kActorKindNames[] = {"firm",   "municipality", "university",
                                                  "agency", "investor",     "promotion_org"};

struct ActorRef {
  static constexpr std::uint32_t kIndexBits = 29;
  static constexpr std::uint32_t kIndexMask = (1u << kIndexBits) - 1;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::uint32_t bits = kNone;

  static ActorRef make(ActorKind kind, std::uint32_t index) {
    return {(static_cast<std::uint32_t>(kind) << kIndexBits) | (index & kIndexMask)};
  }
  static ActorRef firm(std::uint32_t index) { return make(ActorKind::firm, index); }
  bool empty() const { return bits == kNone; }
  ActorKind kind() const { return static_cast<ActorKind>(bits >> kIndexBits); }
  std::uint32_t index() const { return bits & kIndexMask; }
  bool is_firm() const { return !empty() && kind() == ActorKind::firm; }
  friend bool operator==(ActorRef a, ActorRef b) { return a.bits == b.bits; }
  friend bool operator<(ActorRef a, ActorRef b) { return a.bits < b.bits; }
};

}  // namespace ecosim
