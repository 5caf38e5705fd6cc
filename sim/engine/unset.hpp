// Vectors whose growth leaves new elements of trivial types unset, where vector::resize would
// zero them: for arrays sized first and then written in full, in parallel (a snapshot's
// columns, a roster's running weights). Zeroing first was a serial pass over every byte
// (~60 MB for a snapshot at 10^6 firms, a third of its time), and each page is now first
// touched by the thread that writes it. Class types are default-constructed as usual.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace ecosim {

template <class T>
struct UnsetOnGrowth : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UnsetOnGrowth<U>;
  };
  UnsetOnGrowth() = default;
  template <class U>
  UnsetOnGrowth(const UnsetOnGrowth<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(noexcept(U())) {
    ::new (static_cast<void*>(p)) U;  // default-initialised: unset for a trivial type
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <class T>
using UnsetVector = std::vector<T, UnsetOnGrowth<T>>;

}  // namespace ecosim
