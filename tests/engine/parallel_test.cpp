#include "engine/parallel.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

namespace ecosim {
namespace {

struct Sum {
  double value = 0;
  void merge(const Sum& o) { value += o.value; }
};

double sum_with_threads(int threads, const std::vector<double>& xs) {
  ThreadLimit limit(threads);
  return deterministic_reduce(xs.size(), Sum{},
                              [&](Sum& acc, std::size_t i) { acc.value += xs[i]; })
      .value;
}

// Floating-point sums depend on the order of additions; the fixed split tree must make them
// bit-identical whatever the number of threads.
TEST(Parallel, DeterministicReduceIsBitIdenticalAcrossThreadCounts) {
  std::vector<double> xs(300000);
  for (std::size_t i = 0; i < xs.size(); ++i)
    xs[i] = std::sin(double(i)) * std::pow(10.0, double(i % 17) - 8);
  const double one = sum_with_threads(1, xs);
  for (int threads : {2, 3, 4, 8}) {
    for (int repeat = 0; repeat < 5; ++repeat) EXPECT_EQ(one, sum_with_threads(threads, xs));
  }
}

TEST(Parallel, ForEachIndexVisitsEveryIndexOnce) {
  std::vector<int> visits(100003, 0);
  for_each_index(visits.size(), [&](std::size_t i) { ++visits[i]; });
  for (int v : visits) ASSERT_EQ(v, 1);
}

TEST(Parallel, OneRuleForThreadCounts) {
  EXPECT_EQ(threads_out_of_range(0, 0), "");
  EXPECT_EQ(threads_out_of_range(kMaxThreads, 1), "");
  EXPECT_EQ(threads_out_of_range(0, 1), "--threads: out of range: 0 (allowed: 1..1024)");
  EXPECT_EQ(threads_out_of_range(-1, 0),
            "--threads: out of range: -1 (allowed: 0..1024; 0 = all cores)");
  EXPECT_NE(threads_out_of_range(kMaxThreads + 1, 0), "");
}

// Clears the stop request however the test ends: it is process-wide.
struct StopRequestCleared {
  ~StopRequestCleared() { stop_requested = false; }
};

TEST(Parallel, AStopRequestEndsALoopAtItsNextChunk) {
  StopRequestCleared cleared;
  ThreadLimit limit(1);
  const std::size_t n = 100 * kGrain;
  std::atomic<std::size_t> visited{0};
  // Requested by the loop itself after 3 chunks, as a signal would be mid-phase.
  EXPECT_THROW(for_each_index(n,
                              [&](std::size_t) {
                                if (++visited == 3 * kGrain) stop_requested = true;
                              }),
               StepAbandoned);
  EXPECT_GE(visited.load(), 3 * kGrain);
  EXPECT_LT(visited.load(), n / 2);  // the remaining chunks were skipped
  EXPECT_THROW(deterministic_reduce(n, Sum{}, [](Sum& acc, std::size_t i) { acc.value += i; }),
               StepAbandoned);
  stop_requested = false;
  EXPECT_EQ(deterministic_reduce(n, Sum{}, [](Sum& acc, std::size_t) { acc.value += 1; }).value,
            static_cast<double>(n));
}

}  // namespace
}  // namespace ecosim

namespace ecosim {
namespace {

// Both ways of bucketing (parallel for few buckets, serial for many) give each bucket its
// indices in index order, and leave out empty keys, at any thread count.
TEST(Parallel, BucketInOrderMatchesANaiveGrouping) {
  for (const std::size_t buckets : {std::size_t{7}, std::size_t{50000}}) {
    const std::size_t n = 120000;
    auto key = [&](std::size_t i) -> std::optional<std::size_t> {
      if (i % 11 == 0) return std::nullopt;
      return (i * 2654435761u) % buckets;
    };
    std::vector<std::vector<std::uint32_t>> naive(buckets);
    for (std::size_t i = 0; i < n; ++i)
      if (key(i)) naive[*key(i)].push_back(static_cast<std::uint32_t>(i));
    for (int threads : {1, 2, 4}) {
      ThreadLimit limit(threads);
      const Buckets<> got = bucket_in_order(n, buckets, key);
      for (std::size_t b = 0; b < buckets; ++b)
        ASSERT_EQ(std::vector<std::uint32_t>(got.begin(b), got.end(b)), naive[b]) << "bucket " << b;
    }
  }
}

// Chunks are handed over whole, each once, and joined in chunk order, at any thread count.
TEST(Parallel, GatherChunksInOrderCoversEveryIndexOnceInOrder) {
  for (int threads : {1, 2}) {
    ThreadLimit limit(threads);
    const auto all = gather_chunks_in_order<std::size_t>(
        10007,
        [](std::size_t first, std::size_t last, std::vector<std::size_t>& out) {
          for (std::size_t i = first; i < last; ++i) out.push_back(i);
        },
        100);
    ASSERT_EQ(all.size(), 10007u);
    for (std::size_t k = 0; k < all.size(); ++k) ASSERT_EQ(all[k], k);
  }
}

TEST(Parallel, GatherInOrderKeepsIndexOrder) {
  for (int threads : {1, 2}) {
    ThreadLimit limit(threads);
    const auto odd = gather_in_order<std::size_t>(
        100001,
        [](std::size_t i, std::vector<std::size_t>& out) {
          if (i % 2) out.push_back(i);
        },
        64);
    ASSERT_EQ(odd.size(), 50000u);
    for (std::size_t k = 0; k < odd.size(); ++k) ASSERT_EQ(odd[k], 2 * k + 1);
  }
}

}  // namespace
}  // namespace ecosim
