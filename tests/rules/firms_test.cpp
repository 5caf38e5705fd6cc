// The rules of a firm's economy that need no world state (rules/firms.hpp).
#include "rules/firms.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(FirmRules, MoreProductiveFirmsPayMoreButLessThanInProportion) {
  const Scenario s = testing::small_scenario();
  const double base = wage_for(s, Sector::ict, 1.0);
  EXPECT_DOUBLE_EQ(base, s.firms.wage_nok_per_month[Sector::ict]);
  EXPECT_GT(wage_for(s, Sector::ict, 2.0), base);
  EXPECT_LT(wage_for(s, Sector::ict, 2.0), 2 * base);
}

TEST(FirmRules, ValueAddedPerWorkerIsTheWageOverTheLabourShare) {
  const Scenario s = testing::small_scenario();
  for (const Sector k : kAllSectors)
    EXPECT_DOUBLE_EQ(value_added_per_worker(s.firms, k) * s.firms.labour_share[k],
                     s.firms.wage_nok_per_month[k]);
}

// Exit is likelier for small and young firms, and tends to the old firms' hazard with age.
TEST(FirmRules, ExitHazardFallsWithSizeAndAge) {
  const FirmParams p = testing::small_scenario().firms;
  EXPECT_GT(exit_hazard_per_year(p, 5, 0), exit_hazard_per_year(p, 5, 20));
  EXPECT_GT(exit_hazard_per_year(p, 0.5, 3), exit_hazard_per_year(p, 10, 3));
  EXPECT_NEAR(exit_hazard_per_year(p, 1000, 0), p.exit_hazard_per_year, 1e-12)
      << "an old one-person firm: the base hazard";
  EXPECT_NEAR(exit_hazard_per_year(p, 0, 0), p.exit_hazard_per_year * (1 + p.exit_young_excess),
              1e-12);
}

// The variance is exponential with mean 12 sigma^2 (sigma shrinking with size): averaged over
// many draws it comes within a few percent of that mean.
TEST(FirmRules, GrowthVarianceAveragesTwelveSigmaSquared) {
  const FirmParams p = testing::small_scenario().firms;
  for (const double size : {1.0, 10.0, 100.0}) {
    const double sigma = p.growth_sigma_per_month * std::pow(size, -p.growth_size_exponent);
    double sum = 0;
    const int n = 100'000;
    for (int k = 0; k < n; ++k) {
      Rng rng = make_rng(42, AgentKind::firm, static_cast<std::uint64_t>(k), 0,
                         Stream::firm_initial_state);
      sum += draw_growth_variance(p, size, rng);
    }
    EXPECT_NEAR(sum / n / (12 * sigma * sigma), 1.0, 0.02) << "size " << size;
  }
}

}  // namespace
}  // namespace ecosim
