#include "run/resources.hpp"

#include <gtest/gtest.h>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(Resources, MemorySizesParseWithUnits) {
  EXPECT_EQ(parse_memory_size("800000000"), 800000000.0);
  EXPECT_EQ(parse_memory_size("512M"), 512.0 * (1 << 20));
  EXPECT_EQ(parse_memory_size("1.5GiB"), 1.5 * (1 << 30));
  EXPECT_EQ(parse_memory_size("4g"), 4.0 * (1 << 30));
  EXPECT_EQ(parse_memory_size("lots"), std::nullopt);
  EXPECT_EQ(parse_memory_size("4X"), std::nullopt);
  EXPECT_EQ(parse_memory_size("-1G"), std::nullopt);
  EXPECT_EQ(parse_memory_size("nan"), std::nullopt);
}

TEST(Resources, TheEstimateGrowsWithFirmsAndSteps) {
  Scenario s = testing::small_scenario();
  const RunCost small = estimate_run(s);
  s.regions[RegionId(0)].firms *= 10;
  const RunCost large = estimate_run(s);
  EXPECT_GT(large.bytes, small.bytes);
  EXPECT_GT(large.seconds, small.seconds);
  // 50 million firms, the largest a region may have, need far more than a laptop has.
  s.regions[RegionId(0)].firms = 50'000'000;
  EXPECT_GT(estimate_run(s).bytes, 50e9);
  EXPECT_GT(available_memory_bytes(), 0);
}

TEST(Resources, TheEstimateCountsRegionsToo) {
  Scenario s = testing::small_scenario();
  const double two = estimate_run(s).bytes;
  const RegionParams copy = s.regions[RegionId(1)];
  for (int k = 0; k < 20'000; ++k) s.regions.push_back(copy);
  EXPECT_NEAR(estimate_run(s).bytes - two, 20'000 * (kBytesPerRegion + copy.firms * kBytesPerFirm),
              1.0);
}

}  // namespace
}  // namespace ecosim
