// A struct's members declared once, as a list of (name, pointer to member, what it means)
// beside its definition, and checked against the struct itself: a member added and not listed,
// or listed without a description, fails to build, on any compiler and platform (no sizeof
// guard). Whatever must see every member (the checkpoint, a digest, the run file's tables and
// their reference in docs/FORMAT.md) walks the list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>

namespace ecosim {

// kMembers<S>: the member list of S, declared beside S by specialising it; nullptr for a
// struct without one.
template <class S>
inline constexpr auto kMembers = nullptr;

template <class S>
concept Listed = !std::is_null_pointer_v<std::remove_cv_t<decltype(kMembers<std::remove_cv_t<S>>)>>;

// What a member means: its units ("1" for a pure number or a name) and a one-line description,
// required; notes for the reader of a table (docs/FORMAT.md), and how a table written to the
// run file shows it (projects, parties: io/projects_table.cpp).
struct Doc {
  enum class Column : std::uint8_t {
    value,  // as it is held
    month,  // a step (0-based, kNoStep when it has not happened) as its 1-based month, or -1
    none,   // not a column: held for the run, not an outcome an analyst reads
  };
  const char* units = nullptr;
  const char* description = nullptr;
  const char* notes = "";
  Column column = Column::value;
};

// One member: its name, where it is and what it means. A derived member (a roster, an index, a
// copy of a scenario parameter) is rebuilt from the others and the scenario: listed, so that
// the list is complete, but neither saved in a checkpoint nor part of the state's digest.
template <class S, class T, bool Derived = false>
struct Member {
  static constexpr bool derived = Derived;
  const char* name;
  T S::*pointer;
  Doc doc;
};

template <class S, class T>
constexpr Member<S, T> member(const char* name, T S::*pointer, Doc doc) {
  return {name, pointer, doc};
}

template <class S, class T>
constexpr Member<S, T, true> derived(const char* name, T S::*pointer, Doc doc) {
  return {name, pointer, doc};
}

// One entry of a list, naming the member once: ECOSIM_MEMBER(S, name, units, description
// [, notes [, column]]), and ECOSIM_DERIVED(...) for a derived one.
#define ECOSIM_MEMBER(S, name, ...) ::ecosim::member(#name, &S::name, ::ecosim::Doc{__VA_ARGS__})
#define ECOSIM_DERIVED(S, name, ...) ::ecosim::derived(#name, &S::name, ::ecosim::Doc{__VA_ARGS__})

namespace detail {
// Converts to any member type: brace-initialising an aggregate with k of these compiles exactly
// when it has at least k members. Never called; defined because a member's converting
// constructor (std::optional's) names the conversion in a context the compiler checks.
struct AnyMember {
  template <class T>
  constexpr operator T() const noexcept {
    return T{};
  }
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

// True when kMembers<S> has one entry, under its own name and with its units and description,
// for each member of S: put in a static_assert beside S, so that a member added and not listed,
// or listed without saying what it is, fails to build.
template <Listed S>
constexpr bool lists_every_member() {
  constexpr auto& list = kMembers<S>;
  constexpr std::size_t n = std::tuple_size_v<std::remove_cvref_t<decltype(list)>>;
  if (n != member_count<S>()) return false;
  const char* names[n] = {};
  bool described = true;
  std::size_t k = 0;
  const auto note = [&](const auto& m) {
    names[k++] = m.name;
    described = described && m.doc.units && *m.doc.units && m.doc.description &&
                *m.doc.description && m.doc.notes;
  };
  std::apply([&](const auto&... m) { (note(m), ...); }, list);
  if (!described) return false;
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

// Calls f(m) for every entry of kMembers<S>, derived ones included, in order: what a table or
// a reference shows of S (m.name, m.pointer, m.doc).
template <Listed S, class F>
void for_each_entry(F&& f) {
  std::apply([&](const auto&... m) { (f(m), ...); }, kMembers<S>);
}

}  // namespace ecosim
