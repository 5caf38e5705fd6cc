// Numbers for people (engine/numbers.cpp): grouped thousands, units, millions and billions.
#include "engine/numbers.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace ecosim {
namespace {

TEST(Numbers, GroupsThousandsWithCommas) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(47360), "47,360");
  EXPECT_EQ(grouped(-1234567), "-1,234,567");
  EXPECT_EQ(grouped(LLONG_MIN), "-9,223,372,036,854,775,808");
  // Sizes and narrower counts as they are (a vector's size, a uint16 count).
  EXPECT_EQ(grouped(std::size_t{105000}), "105,000");
  EXPECT_EQ(grouped(std::uint16_t{65535}), "65,535");
}

TEST(Numbers, CountsAreWholeGroupedAndPlural) {
  EXPECT_EQ(for_people(47360.4, "person"), "47,360 persons");
  EXPECT_EQ(for_people(1, "project"), "1 project");
  EXPECT_EQ(for_people(0, "project"), "0 projects");
  EXPECT_EQ(for_people(26239, "firm"), "26,239 firms");
}

TEST(Numbers, MoneyAndEmissionsInMillionsAndBillionsSpelledOut) {
  EXPECT_EQ(for_people(2.08e9, "NOK"), "2.08 billion NOK");
  EXPECT_EQ(for_people(12.34e6, "NOK/month"), "12.3 million NOK/month");
  EXPECT_EQ(for_people(512340.2, "NOK"), "512,340 NOK");
  EXPECT_EQ(for_people(-3.5e6, "NOK"), "-3.5 million NOK");
  EXPECT_EQ(for_people(999999.7, "NOK"), "1 million NOK") << "not 1,000,000 NOK";
  EXPECT_EQ(for_people(999.7e6, "NOK"), "1 billion NOK") << "not 1e+03 million";
  EXPECT_EQ(for_people(12345.6, "t CO2e/month"), "12,346 t CO2e/month");
}

TEST(Numbers, SharesAndScoresKeepThreeSignificantDigits) {
  EXPECT_EQ(for_people(0.63217, "1"), "0.632");
  EXPECT_EQ(for_people(-0.0123456, "1"), "-0.0123");
  EXPECT_EQ(for_people(1.8512, "nat"), "1.85 nat");
  EXPECT_EQ(for_people(std::nan(""), "1"), "n/a");
  EXPECT_EQ(for_people(std::numeric_limits<double>::infinity(), "NOK"), "n/a");
}

}  // namespace
}  // namespace ecosim
