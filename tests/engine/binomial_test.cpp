#include "engine/binomial.hpp"

#include <gtest/gtest.h>

#include <boost/random/binomial_distribution.hpp>

#include "engine/rng.hpp"

namespace ecosim {
namespace {

// Draws of Binomials(p) and of boost's distribution, each from its own copy of one generator
// per (n, key): the same numbers, and the generators left in the same place.
void expect_same_as_boost(double p, int table_size = 1024) {
  const Binomials binomials(p, table_size);
  for (int n : {0, 1, 2, 3, 5, 10, 37, 100, 500, 733, 734, 1023, 1024, 1025, 5000}) {
    for (std::uint64_t key = 0; key < 200; ++key) {
      Rng a = make_rng(7, AgentKind::firm, key, static_cast<std::uint64_t>(n), Stream::separations);
      Rng b = a;
      const int ours = binomials(n, a);
      const int theirs = boost::random::binomial_distribution<int>(n, p)(b);
      ASSERT_EQ(ours, theirs) << "n=" << n << " p=" << p << " key=" << key;
      ASSERT_EQ(uniform01(a), uniform01(b)) << "n=" << n << " p=" << p << " key=" << key;
    }
  }
}

TEST(Binomials, DrawTheSameNumbersAsBoostsDistribution) {
  for (double p : {0.0, 1e-6, 0.0125, 0.015, 0.1, 0.3, 0.5}) expect_same_as_boost(p);
}

TEST(Binomials, FallBackToBoostAboveOneHalfAndBeyondTheTable) {
  for (double p : {0.6, 0.99, 1.0}) expect_same_as_boost(p);
  expect_same_as_boost(0.0125, 4);  // a table of 4: every larger n is boost's own
}

TEST(Binomials, MeanAndVarianceAreBinomial) {
  const Binomials binomials(0.02);
  double sum = 0, squares = 0;
  const int draws = 200'000, n = 40;
  for (int k = 0; k < draws; ++k) {
    Rng rng = make_rng(3, AgentKind::firm, static_cast<std::uint64_t>(k), 0, Stream::separations);
    const double x = binomials(n, rng);
    sum += x, squares += x * x;
  }
  const double mean = sum / draws, variance = squares / draws - mean * mean;
  EXPECT_NEAR(mean, n * 0.02, 0.01);             // sd of the mean ~0.002
  EXPECT_NEAR(variance, n * 0.02 * 0.98, 0.02);  // ~3% of 0.784
}

}  // namespace
}  // namespace ecosim
