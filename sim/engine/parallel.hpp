// Parallel loops whose results are independent of the number of threads.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ecosim {

// Fixed grain: deterministic reductions split the range the same way at any thread count.
inline constexpr std::size_t kGrain = 2048;

// A request to stop in the middle of a step: set by SIGINT/SIGTERM (lock-free, so a signal
// handler may store it), polled by every chunk of the loops below and between phases, so a step of
// any size ends within a second of the request. It never changes results: a step it stops is
// thrown away whole.
inline std::atomic<bool> stop_requested{false};

// Thrown out of a step that a stop request ended: the world is then half-way through the step
// and must not be recorded or saved.
struct StepAbandoned : std::runtime_error {
  StepAbandoned() : std::runtime_error("step abandoned: a stop was requested") {}
};

inline void abandon_step_if_stop_requested() {
  if (stop_requested.load(std::memory_order_relaxed)) throw StepAbandoned();
}

// The one rule for a --threads value: lowest..kMaxThreads, where lowest is 0 (all cores) for a
// single run and 1 for a run beside others (a sweep's, an MPI rank's). The reason it is refused,
// or "" when it is in range.
inline constexpr int kMaxThreads = 1024;
std::string threads_out_of_range(int threads, int lowest);

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
        abandon_step_if_stop_requested();
        for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
      },
      oneapi::tbb::simple_partitioner());
}

// Reduces over [0, n) into an Acc with a split tree fixed by n and the grain alone (never by the
// threads), so floating point sums are bit-identical for any thread count. Acc needs
// `void merge(const Acc&)`; accumulate(acc, i) adds element i. A large Acc wants a larger
// grain: every chunk copies the identity and is merged once.
template <class Acc, class Accumulate>
Acc deterministic_reduce(std::size_t n, const Acc& identity, const Accumulate& accumulate,
                         std::size_t grain = kGrain) {
  return oneapi::tbb::parallel_deterministic_reduce(
      oneapi::tbb::blocked_range<std::size_t>(0, n, grain), identity,
      [&](const oneapi::tbb::blocked_range<std::size_t>& r, Acc acc) {
        abandon_step_if_stop_requested();
        for (std::size_t i = r.begin(); i != r.end(); ++i) accumulate(acc, i);
        return acc;
      },
      [](Acc a, const Acc& b) {
        a.merge(b);
        return a;
      });
}

// Collects what emit(first, last, out) appends for each fixed chunk [first, last) of [0, n), in
// chunk order, in parallel: each chunk fills its own vector, and the chunks are joined in order.
template <class T, class EmitChunk>
std::vector<T> gather_chunks_in_order(std::size_t n, const EmitChunk& emit,
                                      std::size_t grain = kGrain) {
  const std::size_t chunks = (n + grain - 1) / grain;
  std::vector<std::vector<T>> parts(chunks);
  for_each_index(
      chunks, [&](std::size_t c) { emit(c * grain, std::min(n, (c + 1) * grain), parts[c]); }, 1);
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  std::vector<T> out;
  out.reserve(total);
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// Collects what emit(i, out) appends for each i in [0, n), in index order, in parallel (as
// above, item by item). A smaller grain suits few, costly items.
template <class T, class Emit>
std::vector<T> gather_in_order(std::size_t n, const Emit& emit, std::size_t grain = kGrain) {
  return gather_chunks_in_order<T>(
      n,
      [&](std::size_t first, std::size_t last, std::vector<T>& out) {
        for (std::size_t i = first; i < last; ++i) emit(i, out);
      },
      grain);
}

// A bucket or item as a position: plain integers are their own, typed ids have index().
template <class T>
constexpr std::size_t position_of(T value) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<std::size_t>(value);
  else
    return value.index();
}

// Items grouped by bucket, each group in index order (compressed rows: the members of bucket b
// are items[offsets[b] .. offsets[b + 1])). Bucket and Item may be typed ids.
template <class Bucket = std::size_t, class Item = std::uint32_t>
struct Buckets {
  std::vector<std::uint32_t> offsets;
  std::vector<Item> items;
  std::size_t size(Bucket b) const { return offsets[position_of(b) + 1] - offsets[position_of(b)]; }
  const Item* begin(Bucket b) const { return items.data() + offsets[position_of(b)]; }
  const Item* end(Bucket b) const { return items.data() + offsets[position_of(b) + 1]; }
  Item at(Bucket b, std::size_t k) const { return items[offsets[position_of(b)] + k]; }
};

// Sorts the items [0, n) into `buckets` groups by key(i), an std::optional<Bucket> (empty
// leaves i out): a parallel counting sort whose result does not depend on the number of threads.
template <class Bucket = std::size_t, class Item = std::uint32_t, class Key>
Buckets<Bucket, Item> bucket_in_order(std::size_t n, std::size_t buckets, const Key& key) {
  const std::size_t chunks = (n + kGrain - 1) / kGrain;
  Buckets<Bucket, Item> out;
  out.offsets.assign(buckets + 1, 0);
  if (buckets > kGrain) {
    // Many buckets (one per firm, say): a table of chunks x buckets would not fit; one serial
    // counting sort gives the same result.
    for (std::size_t i = 0; i < n; ++i)
      if (const auto k = key(i)) ++out.offsets[position_of(*k) + 1];
    for (std::size_t b = 0; b < buckets; ++b) out.offsets[b + 1] += out.offsets[b];
    out.items.resize(out.offsets[buckets]);
    std::vector<std::uint32_t> next(out.offsets.begin(), out.offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (const auto k = key(i)) out.items[next[position_of(*k)]++] = Item(i);
    return out;
  }
  std::vector<std::uint32_t> counts(chunks * buckets, 0);  // [chunk][bucket]
  for_each_index(
      chunks,
      [&](std::size_t c) {
        for (std::size_t i = c * kGrain; i < std::min(n, (c + 1) * kGrain); ++i)
          if (const auto k = key(i)) ++counts[c * buckets + position_of(*k)];
      },
      1);
  // Turn counts into each chunk's first slot in each bucket, buckets in order, chunks in order.
  std::uint32_t next = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    out.offsets[b] = next;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::uint32_t count = counts[c * buckets + b];
      counts[c * buckets + b] = next;
      next += count;
    }
  }
  out.offsets[buckets] = next;
  out.items.resize(next);
  for_each_index(
      chunks,
      [&](std::size_t c) {
        for (std::size_t i = c * kGrain; i < std::min(n, (c + 1) * kGrain); ++i)
          if (const auto k = key(i)) out.items[counts[c * buckets + position_of(*k)]++] = Item(i);
      },
      1);
  return out;
}

}  // namespace ecosim
