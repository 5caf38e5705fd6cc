// A struct's members declared once, as a list of (name, pointer to member) beside its
// definition, and checked against the struct itself: a member added and not listed fails to
// build, on any compiler and platform (no sizeof guard). Whatever must see every member (the
// checkpoint, a table, a digest) walks the list.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>

namespace ecosim {

// kMembers<S>: the member list of S, declared beside S by specialising it; nullptr for a
// struct without one.
template <class S>
inline constexpr auto kMembers = nullptr;

template <class S>
concept Listed = !std::is_null_pointer_v<std::remove_cv_t<decltype(kMembers<std::remove_cv_t<S>>)>>;

// One member: its name and where it is. A derived member (a roster, an index, a copy of a
// scenario parameter) is rebuilt from the others and the scenario: listed, so that the list is
// complete, but neither saved in a checkpoint nor part of the state's digest.
template <class S, class T, bool Derived = false>
struct Member {
  static constexpr bool derived = Derived;
  const char* name;
  T S::*pointer;
};

template <class S, class T>
constexpr Member<S, T> member(const char* name, T S::*pointer) {
  return {name, pointer};
}

template <class S, class T>
constexpr Member<S, T, true> derived(const char* name, T S::*pointer) {
  return {name, pointer};
}

namespace detail {
// Converts to any member type: brace-initialising an aggregate with k of these compiles exactly
// when it has at least k members.
struct AnyMember {
  template <class T>
  constexpr operator T() const noexcept;
};
template <class S, class... Given>
constexpr std::size_t count_members() {
  if constexpr (requires { S{Given{}..., AnyMember{}}; })
    return count_members<S, Given..., AnyMember>();
  else
    return sizeof...(Given);
}
}  // namespace detail

// The number of members of the aggregate S.
template <class S>
constexpr std::size_t member_count() {
  static_assert(std::is_aggregate_v<S>, "members are counted for aggregates only");
  return detail::count_members<S>();
}

namespace detail {
constexpr bool same_name(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
}  // namespace detail

// True when kMembers<S> has one entry, under its own name, for each member of S: put in a
// static_assert beside S, so that a member added and not listed fails to build.
template <Listed S>
constexpr bool lists_every_member() {
  constexpr auto& list = kMembers<S>;
  constexpr std::size_t n = std::tuple_size_v<std::remove_cvref_t<decltype(list)>>;
  if (n != member_count<S>()) return false;
  const char* names[n] = {};
  std::size_t k = 0;
  std::apply([&](const auto&... m) { ((names[k++] = m.name), ...); }, list);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (detail::same_name(names[i], names[j])) return false;
  return true;
}

// Calls f(name, member) for every member of `object` that is its state (derived ones skipped),
// in the order of kMembers<S>: what a checkpoint saves and a digest reads.
template <Listed S, class F>
void for_each_member(S& object, F&& f) {
  const auto visit = [&](const auto& m) {
    if constexpr (!std::remove_cvref_t<decltype(m)>::derived) f(m.name, object.*(m.pointer));
  };
  std::apply([&](const auto&... m) { (visit(m), ...); }, kMembers<std::remove_cv_t<S>>);
}

}  // namespace ecosim
