// Phase 1, economy (phases/economy.cpp): hiring against the pools of job seekers, wages, cash.
#include "phases/economy.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

using Overrides = std::vector<std::string>;

class EconomyTest : public testing::SmallWorld {
 protected:
  const RegionId small{0};

  template <class T>
  std::int64_t sum_in_small(const IdVector<FirmId, T>& column) const {
    std::int64_t sum = 0;
    for (const FirmId i : world.firms.ids())
      if (world.firms.alive[i] && world.firms.region[i] == small) sum += column[i];
    return sum;
  }
};

TEST(Economy, FillRatioFallsAsThePoolTightensAndStaysBelowItsMaximum) {
  EXPECT_NEAR(fill_ratio(100, 5, 0.3, 0.8), 0.015, 0.0002) << "tight: about m S / W";
  EXPECT_DOUBLE_EQ(fill_ratio(100, 50, 0.3, 1.0), -std::expm1(-0.15));
  EXPECT_NEAR(fill_ratio(10, 1000, 0.3, 0.8), 0.8, 1e-9) << "slack: toward fill_max";
  EXPECT_LT(fill_ratio(10, 30, 0.3, 0.8), 0.8) << "below it";
  EXPECT_LE(fill_ratio(10, 1e6, 0.3, 0.8), 0.8) << "never above it";
  EXPECT_LT(fill_ratio(100, 20, 0.3, 0.8), fill_ratio(100, 40, 0.3, 0.8)) << "falls as it tightens";
  EXPECT_LT(fill_ratio(100, 300, 0.8, 0.8), fill_ratio(100, 400, 0.8, 0.8))
      << "more seekers fill more even where the market is slack";
  EXPECT_DOUBLE_EQ(fill_ratio(0, 50, 0.3, 0.8), 0.0);
  EXPECT_DOUBLE_EQ(fill_ratio(10, -5, 0.3, 0.8), 0.0);
}

TEST_F(EconomyTest, HiresNeverExceedThePoolsOfJobSeekers) {
  const std::int64_t employees = sum_in_small(world.firms.employees);
  const std::int64_t employed = employees + sum_in_small(world.firms.owner_works);
  const std::int64_t skilled = sum_in_small(world.firms.skilled);
  RegionState& region = world.regions[small];
  region.residents_per_job = region.skilled_residents_per_job = 2;  // two residents' worth a job
  region.labour_force = 2.0 * static_cast<double>(employed + 40);
  region.skilled_labour_force = 2.0 * static_cast<double>(skilled + 10);
  for (const FirmId i : world.firms.ids()) {
    world.firms.skilled_wanted[i] = 3;
    world.firms.unskilled_wanted[i] = 3;
  }
  const Scenario eager = testing::small_scenario({"firms.hiring_match_rate=1"});
  hire_and_produce(world, eager, labour_market(world));
  const std::int64_t hired_skilled = sum_in_small(world.firms.hired_skilled);
  const std::int64_t hired = hired_skilled + sum_in_small(world.firms.hired_unskilled);
  EXPECT_LE(hired_skilled, 10);
  EXPECT_GE(hired_skilled, 8) << "a match rate of 1 fills almost every skilled seeker";
  EXPECT_LE(hired, 40);
  EXPECT_EQ(sum_in_small(world.firms.employees), employees + hired);
  EXPECT_EQ(sum_in_small(world.firms.skilled_unfilled),
            sum_in_small(world.firms.skilled_wanted) - hired_skilled)
      << "skilled demand not met is the competence gap";
}

TEST_F(EconomyTest, CashChangesByValueAddedLessWagesAndInstalmentsAndPaysOutAboveTheBuffer) {
  FirmTable& f = world.firms;
  FirmId i = testing::alive_firms(world, small, 1)[0];
  for (const FirmId k : testing::alive_firms(world, small, 100))
    if (!f.is_public[k]) i = k;
  f.employees[i] = 4;
  f.skilled[i] = 2;
  f.skilled_wanted[i] = f.unskilled_wanted[i] = 0;
  f.project_cost_nok_per_month[i] = 5000;
  f.innovation_revenue_nok[i] = 12000;
  f.cash_nok[i] = 0;              // below the buffer: nothing is paid out
  s.firms.bad_debt_per_year = 0;  // no customer fails to pay this month
  const double fixed = fixed_costs(world, s, i);
  EXPECT_GT(fixed, 0.0);
  hire_and_produce(world, s, labour_market(world));
  const double fade = std::pow(1.0 - s.projects.innovation_revenue_decay_per_year, 1.0 / 12.0);
  const double innovation = 12000 * fade;
  EXPECT_DOUBLE_EQ(f.innovation_revenue_nok[i], innovation);
  // New products' staff earn their part within value added: the rest is margin.
  const double margin = (1 - s.projects.innovation_hiring_share) * innovation;
  ASSERT_LT(margin, innovation) << "small.toml keeps innovation's channel to jobs on";
  const double value = double(f.output_nok[i]) - margin;
  EXPECT_NEAR(value, value_added(world, s, i), 1e-6 * value);
  EXPECT_NEAR(f.cash_nok[i], value + margin - 4 * double(f.wage_nok[i]) - fixed - 5000,
              1e-6 * value);
  EXPECT_NEAR(f.emissions_t[i],
              value / 1e6 * s.firms.emissions_t_per_mnok[f.sector[i]] * f.emission_factor[i],
              1e-5 * f.emissions_t[i]);
  // Far above the buffer, a payout_per_month share of the excess leaves the firm.
  const double buffer = f.cash_buffer_months[i] * (4 * double(f.wage_nok[i]) + fixed + 5000);
  f.cash_nok[i] = buffer + 1e7;
  const double before = f.cash_nok[i];
  hire_and_produce(world, s, labour_market(world));
  const double flow = double(f.output_nok[i]) - 4 * double(f.wage_nok[i]) - fixed - 5000;
  EXPECT_NEAR(f.cash_nok[i], before + flow - s.firms.payout_per_month * (before + flow - buffer),
              1.0);
}

TEST_F(EconomyTest, WagesRiseWhenUnemploymentFallsBelowItsStart) {
  RegionState& region = world.regions[small];
  region.jobs *= 1.01;  // one point less unemployment
  const Scenario fast =
      testing::small_scenario({"market.wage_adjust_per_month=1", "market.migration_response=0"});
  update_labour_supply(world, fast);
  EXPECT_GT(region.wage_index, 1.0);
  EXPECT_GT(region.wage_change, 0.0);
  region.jobs /= 1.03;
  update_labour_supply(world, fast);
  EXPECT_LT(region.wage_index, 1.0);
}

TEST_F(EconomyTest, PeopleMoveInWhenJobsAreEasierToFind) {
  RegionState& region = world.regions[small];
  const double before = region.working_age;
  region.jobs *= 1.01;
  // Migration alone: participation's own answer to the jobs is another test.
  const Scenario moving = testing::small_scenario(
      {"region.0.population_growth_per_year=0", "market.participation_response=0"});
  update_labour_supply(world, moving);
  EXPECT_GT(region.working_age, before);
  const double participation = region.labour_force / region.working_age;
  region.jobs /= 1.03;
  update_labour_supply(world, moving);
  EXPECT_NEAR(region.labour_force / region.working_age, participation, 1e-12);
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

// Workers leave each month and the firm, its capacity unchanged, seeks to replace them; with no
// separations a firm at its capacity seeks no one.
TEST_F(EconomyTest, FirmsSeekToReplaceThoseWhoLeft) {
  FirmTable& f = world.firms;
  const Overrides calm = {"firms.growth_sigma_per_month=0", "market.demand_volatility=0",
                          "market.demand_growth_per_year=0"};
  auto run_month = [&](double rate) {
    World w = world;
    for (const FirmId i : w.firms.ids())
      if (w.firms.alive[i]) w.firms.capacity[i] = static_cast<float>(w.firms.employees[i]);
    Overrides o = calm;
    o.push_back("firms.separation_rate_per_month=" + std::to_string(rate));
    plan_employment(w, testing::small_scenario(o));
    std::int64_t left = 0, sought = 0;
    for (const FirmId i : w.firms.ids()) {
      if (!w.firms.alive[i] || w.firms.is_public[i]) continue;
      left += w.firms.separations[i];
      sought += w.firms.skilled_wanted[i] + w.firms.unskilled_wanted[i];
      EXPECT_LE(w.firms.skilled[i], w.firms.employees[i]);
    }
    return std::pair{left, sought};
  };
  const auto [none_left, none_sought] = run_month(0.0);
  EXPECT_EQ(none_left, 0);
  const auto [left, sought] = run_month(0.05);
  std::int64_t employees = 0;
  for (const FirmId i : f.ids())
    if (f.alive[i] && !f.is_public[i]) employees += f.employees[i];
  EXPECT_NEAR(double(left), 0.05 * double(employees), 4 * std::sqrt(0.05 * double(employees)));
  EXPECT_GE(sought, none_sought + left - 2) << "each leaver is sought again (rounding aside)";
}

// NAV's measure: a firm that sought a hire and did not find it has a recruitment problem for
// three months; one that found everyone it sought counts the months since its last.
TEST_F(EconomyTest, AnUnfilledHireStartsTheRecruitmentProblemClock) {
  FirmTable& f = world.firms;
  const auto firms = testing::alive_firms(world, small, 2);
  const FirmId seeking = firms[0], content = firms[1];
  f.capacity[seeking] = static_cast<float>(f.employees[seeking] + 50);  // wants 50 more
  f.capacity[content] = static_cast<float>(f.employees[content]);       // wants no one
  f.months_since_unfilled[seeking] = f.months_since_unfilled[content] = 7;
  world.regions[small].labour_force = 0;  // and no one seeks work
  const Scenario s0 = testing::small_scenario(
      {"firms.growth_sigma_per_month=0", "market.demand_volatility=0",
       "market.demand_growth_per_year=0", "firms.separation_rate_per_month=0"});
  hire_and_produce(world, s0, plan_employment(world, s0));
  EXPECT_EQ(f.months_since_unfilled[seeking], 0) << "sought 50 and found no one";
  EXPECT_EQ(f.skilled_wanted[content] + f.unskilled_wanted[content], 0);
  EXPECT_EQ(f.months_since_unfilled[content], 8) << "sought no one: the clock runs on";
}

TEST_F(EconomyTest, GraduatesJoinTheSkilledLabourForceWhichStaysWithinTheLabourForce) {
  RegionState& region = world.regions[small];
  region.skilled_labour_force = 1000;
  const Scenario grads = testing::small_scenario(
      {"universities.graduates_per_year=1200", "market.skilled_attrition_per_year=0",
       "region.0.population_growth_per_year=0", "market.migration_response=0"});
  update_labour_supply(world, grads);
  EXPECT_NEAR(region.skilled_labour_force, 1000 + 100 + region.skilled_inflow_per_year / 12, 1e-6)
      << "one university, 100 graduates a month, and skilled newcomers";
  region.skilled_labour_force = region.labour_force;
  update_labour_supply(world, grads);
  EXPECT_LE(region.skilled_labour_force, region.labour_force);
}

// A tight skilled market draws skilled workers in (out when slack), as the whole labour market
// draws people; they join the labour force too.
TEST_F(EconomyTest, SkilledWorkersMoveInWhenSkilledJobsAreHardToFill) {
  RegionState& region = world.regions[small];
  // Migration alone: the newcomers seek work too, which participation would answer.
  const Scenario s2 = testing::small_scenario(
      {"region.0.population_growth_per_year=0", "market.participation_response=0"});
  const double skilled = region.skilled_labour_force, labour = region.labour_force;
  const double u_start = region.skilled_unemployment_at_start;
  EXPECT_NEAR(skilled_unemployment_rate(region, region.skilled_jobs), u_start, 1e-9);
  region.skilled_jobs *= 1.02;  // two points fewer skilled job seekers
  const double u_tight = skilled_unemployment_rate(region, region.skilled_jobs);
  update_labour_supply(world, s2);
  const double moved = s2.market.migration_response * (u_start - u_tight) * skilled / 12.0;
  EXPECT_GT(moved, 0.0);
  EXPECT_GT(region.skilled_labour_force - skilled, 0.9 * moved);
  EXPECT_GT(region.labour_force, labour);
}

// A customer who does not pay takes sales already made: with bad debts, the same month leaves
// some firms with less cash than without, and never more.
TEST_F(EconomyTest, BadDebtsTakeCashFromSomeFirmsAndGiveItToNone) {
  auto cash_after = [&](double per_year) {
    World w = world;
    hire_and_produce(
        w, testing::small_scenario({"firms.bad_debt_per_year=" + std::to_string(per_year)}),
        labour_market(w));
    return w.firms.cash_nok;
  };
  const auto without = cash_after(0), with = cash_after(12);
  int hit = 0, firms = 0;
  for (const FirmId i : world.firms.ids()) {
    if (!world.firms.alive[i] || world.firms.is_public[i]) continue;
    ++firms;
    EXPECT_LE(with[i], without[i] + 1e-6 * std::abs(without[i]));
    hit += with[i] < without[i] - 1.0;
  }
  // 12 a year: a month's chance is 1 - e^-1, about 63%.
  EXPECT_NEAR(double(hit) / firms, 1 - std::exp(-1.0), 0.06);
}

// Demand below one person's work is sold as such: a firm without employees whose capacity is
// below zero adds less value than one at zero, and its fixed costs then make a loss.
TEST_F(EconomyTest, AFirmWhoseDemandFellBelowItsOwnersWorkSellsLess) {
  FirmTable& f = world.firms;
  FirmId i = testing::alive_firms(world, small, 1)[0];
  for (const FirmId k : testing::alive_firms(world, small, 200))
    if (!f.is_public[k] && f.employees[k] == 0) i = k;
  ASSERT_EQ(f.employees[i], 0);
  f.capacity[i] = 0;
  const double full = value_added(world, s, i);
  f.capacity[i] = -0.9f;
  EXPECT_NEAR(value_added(world, s, i), 0.1 * full, 1e-6 * full);
  EXPECT_LT(value_added(world, s, i), fixed_costs(world, s, i));
}

// The first employee is a step of its own: below first_hire_capacity a firm without employees
// seeks no one; at it, it seeks them; a firm that has employees hires at half a person.
TEST_F(EconomyTest, AFirmWithoutEmployeesHiresOnlyOnceDemandReachesTheFirstHireStep) {
  FirmTable& f = world.firms;
  std::vector<FirmId> solo, employer;
  for (const FirmId k : testing::alive_firms(world, small, 300)) {
    if (f.is_public[k]) continue;
    (f.employees[k] == 0 ? solo : employer).push_back(k);
  }
  ASSERT_GE(solo.size(), 2u);
  ASSERT_FALSE(employer.empty());
  f.capacity[solo[0]] = 2.0f;
  f.capacity[solo[1]] = 3.0f;
  f.capacity[employer[0]] = static_cast<float>(f.employees[employer[0]] + 2);
  plan_employment(world,
                  testing::small_scenario(
                      {"firms.growth_sigma_per_month=0", "market.demand_volatility=0",
                       "market.demand_growth_per_year=0", "firms.separation_rate_per_month=0",
                       "firms.first_hire_capacity=2.5"}));
  auto sought = [&](FirmId k) { return f.skilled_wanted[k] + f.unskilled_wanted[k]; };
  EXPECT_EQ(sought(solo[0]), 0) << "demand for two more people: not yet an employer";
  EXPECT_EQ(sought(solo[1]), 3);
  EXPECT_EQ(sought(employer[0]), 2);
}

// Participation answers the jobs at once: with the jobs at the reference unemployment the labour
// force is its start's share of the working age; with fewer jobs both unemployment and
// participation move, participation `response` points per point of unemployment.
TEST(Economy, ParticipationFallsWithJobsByItsResponsePerPointOfUnemployment) {
  const double working_age = 1000, p0 = 0.8, u_ref = 0.03, k = 1.25;
  const double at_reference = p0 * working_age * (1 - u_ref);
  EXPECT_NEAR(labour_force_answering_jobs(working_age, p0, at_reference, u_ref, k), 800, 1e-9);
  EXPECT_NEAR(labour_force_answering_jobs(working_age, p0, 700, u_ref, 0.0), 800, 1e-9)
      << "no response: the start's share";
  const double lf = labour_force_answering_jobs(working_age, p0, at_reference - 8, u_ref, k);
  const double u = 1 - (at_reference - 8) / lf;
  EXPECT_GT(u, u_ref);
  EXPECT_LT(u - u_ref, 8.0 / 800) << "a smaller rise than with a fixed labour force";
  EXPECT_NEAR((p0 - lf / working_age) / (u - u_ref), k, 1e-9);
}

// After the first month the region answers to its own unemployment: the start's plus the
// workers between jobs once people leave and are replaced over weeks.
TEST(Economy, TheReferenceUnemploymentIsTheFirstMonths) {
  Simulation sim(testing::small_scenario());
  const double input = sim.world().regions[RegionId(0)].unemployment_at_start;
  sim.step();
  const RegionState& region = sim.world().regions[RegionId(0)];
  EXPECT_DOUBLE_EQ(region.unemployment_at_start, unemployment_rate(region, region.jobs));
  EXPECT_NE(region.unemployment_at_start, input);
  const double reference = region.unemployment_at_start;
  sim.step();
  EXPECT_EQ(sim.world().regions[RegionId(0)].unemployment_at_start, reference) << "set once";
}

// The business climate's channel: with its strength on, firms more satisfied than the neutral
// grade plan more capacity than with it off, less satisfied ones less; public ones not at all.
TEST_F(EconomyTest, SatisfiedFirmsGrowFasterOnlyWhenTheClimateChannelIsOn) {
  auto capacities = [&](double strength, float satisfaction) {
    World w = world;
    for (const FirmId i : w.firms.ids()) w.firms.satisfaction[i] = satisfaction;
    plan_employment(w, testing::small_scenario(
                           {"firms.growth_sigma_per_month=0", "market.demand_volatility=0",
                            "firms.separation_rate_per_month=0",
                            "dialogue.climate_growth_per_year=" + std::to_string(strength)}));
    return w.firms.capacity;
  };
  const auto off = capacities(0.0, 0.9f), on = capacities(0.05, 0.9f), low = capacities(0.05, 0.1f);
  int private_firms = 0;
  for (const FirmId i : world.firms.ids()) {
    if (!world.firms.alive[i]) continue;
    if (world.firms.is_public[i]) {
      EXPECT_EQ(on[i], off[i]) << "public services follow their people";
      continue;
    }
    ++private_firms;
    EXPECT_GT(on[i] + 1, off[i] + 1) << "satisfied: 0.05 / 12 x 0.4 more drift";
    EXPECT_LT(low[i] + 1, off[i] + 1) << "dissatisfied: less";
    EXPECT_NEAR((on[i] + 1.0) / (off[i] + 1.0), std::exp(0.05 / 12 * 0.4), 1e-5);
  }
  EXPECT_GT(private_firms, 100);
}

// Switched off, the channel leaves jobs where dialogue put them; on, better service and more
// dialogue reach the region's jobs through it.
TEST(Economy, TheClimateChannelCarriesServiceQualityToJobs) {
  auto jobs_at_end = [](double strength, double service) {
    Simulation sim(testing::small_scenario(
        {"dialogue.climate_growth_per_year=" + std::to_string(strength),
         "region.0.service_quality=" + std::to_string(service), "simulation.steps=36"}));
    for (int t = 0; t < 36; ++t) sim.step();
    return sim.world().regions[RegionId(0)].jobs;
  };
  EXPECT_EQ(jobs_at_end(0.0, 0.9), jobs_at_end(0.0, 0.9)) << "the same seed, the same run";
  EXPECT_GT(jobs_at_end(0.05, 0.9), jobs_at_end(0.0, 0.9));
  EXPECT_LT(jobs_at_end(0.05, 0.1), jobs_at_end(0.0, 0.1));
}

}  // namespace
}  // namespace ecosim
