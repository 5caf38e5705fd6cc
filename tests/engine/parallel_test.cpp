#include "engine/parallel.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ecosim {
namespace {

struct Sum {
  double value = 0;
  void merge(const Sum& o) { value += o.value; }
};

double sum_with_threads(int threads, const std::vector<double>& xs) {
  ThreadLimit limit(threads);
  return deterministic_reduce(xs.size(), Sum{}, [&](Sum& acc, std::size_t i) { acc.value += xs[i]; }).value;
}

// Floating-point sums depend on the order of additions; the fixed split tree must make them
// bit-identical whatever the number of threads.
TEST(Parallel, DeterministicReduceIsBitIdenticalAcrossThreadCounts) {
  std::vector<double> xs(300000);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = std::sin(double(i)) * std::pow(10.0, double(i % 17) - 8);
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

}  // namespace
}  // namespace ecosim
