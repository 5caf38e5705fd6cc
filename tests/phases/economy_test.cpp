// Phase 1, economy (phases/economy.cpp): hiring against the pools of job seekers, wages, cash.
#include "phases/economy.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

class EconomyTest : public testing::SmallWorld {
 protected:
  const RegionId small{0};

  std::int64_t sum_in_small(const IdVector<FirmId, std::int32_t>& column) const {
    std::int64_t sum = 0;
    for (const FirmId i : world.firms.ids())
      if (world.firms.alive[i] && world.firms.region[i] == small) sum += column[i];
    return sum;
  }
};

TEST(Economy, FillRatioIsTheMatchedShareOfSeekersCappedAtOne) {
  EXPECT_DOUBLE_EQ(fill_ratio(100, 50, 0.3), 0.15);
  EXPECT_DOUBLE_EQ(fill_ratio(10, 1000, 0.3), 1.0);
  EXPECT_DOUBLE_EQ(fill_ratio(0, 50, 0.3), 0.0);
  EXPECT_DOUBLE_EQ(fill_ratio(10, -5, 0.3), 0.0);
}

TEST_F(EconomyTest, HiresNeverExceedThePoolsOfJobSeekers) {
  const std::int64_t employed = sum_in_small(world.firms.employees);
  const std::int64_t skilled = sum_in_small(world.firms.skilled);
  RegionState& region = world.regions[small];
  region.labour_force = static_cast<double>(employed + 40);
  region.skilled_labour_force = static_cast<double>(skilled + 10);
  for (const FirmId i : world.firms.ids()) {
    world.firms.skilled_wanted[i] = 3;
    world.firms.unskilled_wanted[i] = 3;
  }
  const Scenario eager = testing::small_scenario({"firms.hiring_match_rate=1"});
  hire_and_produce(world, eager);
  const std::int64_t hired_skilled = sum_in_small(world.firms.hired_skilled);
  const std::int64_t hired = hired_skilled + sum_in_small(world.firms.hired_unskilled);
  EXPECT_LE(hired_skilled, 10);
  EXPECT_GE(hired_skilled, 8) << "a match rate of 1 fills almost every skilled seeker";
  EXPECT_LE(hired, 40);
  EXPECT_EQ(sum_in_small(world.firms.employees), employed + hired);
  EXPECT_EQ(sum_in_small(world.firms.skilled_unfilled),
            sum_in_small(world.firms.skilled_wanted) - hired_skilled)
      << "skilled demand not met is the competence gap";
}

TEST_F(EconomyTest, CashChangesByOutputLessInputsWagesAndInstalments) {
  const FirmId i = testing::alive_firms(world, small, 1)[0];
  FirmTable& f = world.firms;
  f.employees[i] = 4;
  f.skilled[i] = 2;
  f.skilled_wanted[i] = f.unskilled_wanted[i] = 0;
  f.project_cash_nok_per_month[i] = 5000;
  f.innovation_revenue_nok[i] = 12000;
  const double cash = f.cash_nok[i];
  hire_and_produce(world, s);
  const double fade = std::pow(1.0 - s.projects.innovation_revenue_decay_per_year, 1.0 / 12.0);
  const double innovation = 12000 * fade;
  EXPECT_DOUBLE_EQ(f.innovation_revenue_nok[i], innovation);
  const double production = double(f.output_nok[i]) - innovation;
  const double expected =
      production * (1 - s.firms.input_cost_share) + innovation - 4 * double(f.wage_nok[i]) - 5000;
  EXPECT_NEAR(f.cash_nok[i] - cash, expected, 1e-6 * std::abs(production));
  EXPECT_NEAR(f.emissions_t[i],
              production / 1e6 * s.firms.emissions_t_per_mnok[f.sector[i]] * f.emission_factor[i],
              1e-5 * f.emissions_t[i]);
}

TEST_F(EconomyTest, FirmsShedWorkersAtOnceButOnlyWishToHire) {
  FirmTable& f = world.firms;
  const FirmId shrinking = testing::alive_firms(world, small, 1)[0];
  f.employees[shrinking] = 50;
  f.skilled[shrinking] = 20;
  f.capacity[shrinking] = 5;  // wants about 5 people
  const Scenario calm =
      testing::small_scenario({"firms.growth_sigma_per_month=0", "market.demand_volatility=0"});
  plan_employment(world, calm);
  EXPECT_LE(f.employees[shrinking], 6);
  EXPECT_LE(f.skilled[shrinking], f.employees[shrinking]);
  EXPECT_EQ(f.skilled_wanted[shrinking] + f.unskilled_wanted[shrinking], 0);
  for (const FirmId i : f.ids()) {
    EXPECT_GE(f.skilled_wanted[i], 0);
    EXPECT_GE(f.unskilled_wanted[i], 0);
  }
}

TEST_F(EconomyTest, GraduatesJoinTheSkilledLabourForceWhichStaysWithinTheLabourForce) {
  RegionState& region = world.regions[small];
  region.skilled_labour_force = 1000;
  const Scenario grads = testing::small_scenario(
      {"universities.graduates_per_year=1200", "market.skilled_attrition_per_year=0"});
  update_labour_supply(world, grads);
  EXPECT_NEAR(region.skilled_labour_force, 1100, 1e-9) << "one university, 100 graduates a month";
  region.skilled_labour_force = region.labour_force;
  update_labour_supply(world, grads);
  EXPECT_LE(region.skilled_labour_force, region.labour_force);
}

}  // namespace
}  // namespace ecosim
