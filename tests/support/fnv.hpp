// FNV-1a over bytes: the one digest the determinism and checksum tests share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ecosim::testing {

struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
  void add(const std::string& s) { add(s.data(), s.size() + 1); }
  template <class T>
  void add(const std::vector<T>& column) { add(column.data(), column.size() * sizeof(T)); }
};

}  // namespace ecosim::testing
