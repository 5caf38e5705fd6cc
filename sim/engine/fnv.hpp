// FNV-1a over bytes: the one digest of the checkpoints (integrity) and of the determinism and
// checksum tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/members.hpp"

namespace ecosim {

struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
  void add(const std::string& s) { add(s.data(), s.size() + 1); }
  template <class T>
  void add(const std::vector<T>& column) {
    add(column.data(), column.size() * sizeof(T));
  }
  // One value, member by member where it has parts (optionals, ids, arrays), so that padding
  // and the storage of an empty optional never enter the digest.
  template <class T>
  void add_value(const T& v) {
    if constexpr (Listed<T>) {  // every member its list declares (engine/members.hpp)
      for_each_member(v, [&](const char*, const auto& m) { add_value(m); });
    } else if constexpr (requires { v.state(); }) {  // a class holding a listed State
      add_value(v.state());
    } else if constexpr (requires { v.for_each_column([](const char*, const auto&) {}); }) {
      v.for_each_column([&](const char*, const auto& column) { add_value(column); });
    } else if constexpr (requires { v.has_value(); }) {
      add_value(v.has_value());
      if (v.has_value()) add_value(*v);
    } else if constexpr (requires { v.value(); }) {
      add_value(v.value());
    } else if constexpr (requires { v.bits(); }) {
      add_value(v.bits());
    } else if constexpr (requires { v.begin(); }) {
      for (const auto& x : v) add_value(x);
    } else {
      static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
      add(&v, sizeof v);
    }
  }
};

}  // namespace ecosim
