// Parallel loops whose results are independent of the number of threads.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <cstddef>
#include <memory>

namespace ecosim {

// Fixed grain: deterministic reductions split the range the same way at any thread count.
inline constexpr std::size_t kGrain = 2048;

// Limits oneTBB to `threads` workers for the lifetime of the object (0 = all cores).
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  static int hardware_threads();

 private:
  std::unique_ptr<oneapi::tbb::global_control> control_;
};

// Calls body(i) for every i in [0, n). Each call must touch only state owned by i.
template <class Body>
void for_each_index(std::size_t n, const Body& body, std::size_t grain = kGrain) {
  oneapi::tbb::parallel_for(
      oneapi::tbb::blocked_range<std::size_t>(0, n, grain),
      [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
      },
      oneapi::tbb::simple_partitioner());
}

// Reduces over [0, n) into an Acc with a split tree fixed by n and kGrain alone, so floating
// point sums are bit-identical for any thread count. Acc needs `void merge(const Acc&)`;
// accumulate(acc, i) adds element i.
template <class Acc, class Accumulate>
Acc deterministic_reduce(std::size_t n, const Acc& identity, const Accumulate& accumulate) {
  return oneapi::tbb::parallel_deterministic_reduce(
      oneapi::tbb::blocked_range<std::size_t>(0, n, kGrain), identity,
      [&](const oneapi::tbb::blocked_range<std::size_t>& r, Acc acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) accumulate(acc, i);
        return acc;
      },
      [](Acc a, const Acc& b) {
        a.merge(b);
        return a;
      });
}

}  // namespace ecosim
