#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <vector>

namespace ecosim {
namespace {

std::vector<double> draws(Rng rng, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(uniform01(rng));
  return out;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= a.size(), mb /= b.size();
  double cov = 0, va = 0, vb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) * (a[i] - ma);
    vb += (b[i] - mb) * (b[i] - mb);
  }
  return cov / std::sqrt(va * vb);
}

TEST(Rng, SameKeyAndCounterGiveTheSameSequence) {
  EXPECT_EQ(draws(make_rng(42, AgentKind::firm, 7, 3, Stream::idea), 100),
            draws(make_rng(42, AgentKind::firm, 7, 3, Stream::idea), 100));
}

TEST(Rng, EachPartOfTheKeyAndCounterChangesTheSequence) {
  const auto base = draws(make_rng(42, AgentKind::firm, 7, 3, Stream::idea), 8);
  EXPECT_NE(base, draws(make_rng(43, AgentKind::firm, 7, 3, Stream::idea), 8));
  EXPECT_NE(base, draws(make_rng(42, AgentKind::university, 7, 3, Stream::idea), 8));
  EXPECT_NE(base, draws(make_rng(42, AgentKind::firm, 8, 3, Stream::idea), 8));
  EXPECT_NE(base, draws(make_rng(42, AgentKind::firm, 7, 4, Stream::idea), 8));
  EXPECT_NE(base, draws(make_rng(42, AgentKind::firm, 7, 3, Stream::financing), 8));
  EXPECT_NE(base, draws(make_rng(42, AgentKind::firm, 7, 3, Stream::idea, 1), 8));
}

// Neighbouring streams, agents and steps must look independent: first draws across 20,000
// agents are uncorrelated between two streams and uniform.
TEST(Rng, StreamsOfNeighbouringAgentsAreIndependentAndUniform) {
  const int n = 20000;
  std::vector<double> a, b, next_step;
  for (int i = 0; i < n; ++i) {
    Rng ra = make_rng(1, AgentKind::firm, i, 0, Stream::firm_growth);
    Rng rb = make_rng(1, AgentKind::firm, i, 0, Stream::hiring);
    Rng rc = make_rng(1, AgentKind::firm, i, 1, Stream::firm_growth);
    a.push_back(uniform01(ra));
    b.push_back(uniform01(rb));
    next_step.push_back(uniform01(rc));
  }
  const double tolerance = 4.0 / std::sqrt(n);  // four standard errors
  EXPECT_LT(std::abs(correlation(a, b)), tolerance);
  EXPECT_LT(std::abs(correlation(a, next_step)), tolerance);
  std::vector<int> bins(10, 0);
  for (double x : a) {
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    ++bins[static_cast<int>(x * 10)];
  }
  double chi2 = 0;
  for (int count : bins) chi2 += (count - n / 10.0) * (count - n / 10.0) / (n / 10.0);
  EXPECT_LT(chi2, 27.9);  // chi-square, 9 degrees of freedom, p = 0.001
}

TEST(Rng, FeedsBoostDistributions) {
  Rng rng = make_rng(5, AgentKind::region, 0, 0, Stream::sector_demand);
  boost::random::normal_distribution<double> normal(2.0, 0.5);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) sum += normal(rng);
  EXPECT_NEAR(sum / 10000, 2.0, 0.02);
}

// The shortcut must decide as the full expression would, for every draw, most of all those
// at the edge: each draw tried is the computed 1 - exp(-rate) itself and its neighbours.
TEST(Rng, HappensAtRateDecidesAsOneMinusExp) {
  std::vector<double> rates = {0.0, 1e-300, 1e-12, 1e-6, 0.69, 0.7, 1.0, 20.0, 1e300};
  Rng rng = make_rng(9, AgentKind::firm, 0, 0, Stream::firm_exit);
  for (int k = 0; k < 20000; ++k) rates.push_back(std::ldexp(uniform01(rng), -(k % 40)));
  int at_the_edge = 0;
  for (const double rate : rates) {
    const double edge = 1.0 - std::exp(-rate);
    for (double u : {edge, std::nextafter(edge, 0.0), std::nextafter(edge, 1.0), rate,
                     std::nextafter(rate, 0.0), std::nextafter(rate, 1.0), rate + 0x1p-50,
                     std::nextafter(rate + 0x1p-50, 0.0), 0.0, std::nextafter(1.0, 0.0)}) {
      if (u < 0 || u >= 1) continue;
      ASSERT_EQ(happens_at_rate(rate, u), u < edge) << "rate " << rate << ", u " << u;
      at_the_edge += u == edge;
    }
  }
  EXPECT_GT(at_the_edge, 10000);
}

}  // namespace
}  // namespace ecosim
