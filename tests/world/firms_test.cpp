#include "world/firms.hpp"

#include <gtest/gtest.h>

#include <set>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(FirmTable, ResizeKeepsEveryColumnTheSameLength) {
  FirmTable f;
  f.resize(10);
  std::set<std::string> names;
  f.for_each_column([&](const char* name, const auto& column) {
    EXPECT_EQ(column.size(), 10u) << name;
    names.insert(name);
  });
  EXPECT_GE(names.size(), 30u);
  EXPECT_TRUE(names.count("employees") && names.count("idea_theme"));
  f.resize(3);
  f.for_each_column(
      [&](const char* name, const auto& column) { EXPECT_EQ(column.size(), 3u) << name; });
  EXPECT_EQ(f.size(), 3u);
}

TEST(FirmTable, GrowsByAnEighthNotByDoubling) {
  FirmTable f;
  f.resize(8000);
  f.resize(8001);
  EXPECT_LE(f.employees.capacity(), 8001u + 8001u / 8);
}

TEST(Firms, MoreProductiveFirmsPayMoreButLessThanInProportion) {
  const Scenario s = testing::small_scenario();
  const double base = wage_for(s, Sector::ict, 1.0);
  EXPECT_DOUBLE_EQ(base, s.firms.wage_nok_per_month[Sector::ict]);
  EXPECT_GT(wage_for(s, Sector::ict, 2.0), base);
  EXPECT_LT(wage_for(s, Sector::ict, 2.0), 2 * base);
}

}  // namespace
}  // namespace ecosim
