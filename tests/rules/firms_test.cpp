// The rules of a firm's economy, pure functions of what they are given (rules/firms.hpp), and
// of a region's labour market (rules/labour.hpp).
#include "rules/firms.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "rules/labour.hpp"
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

// A private firm's value added is the product of its factors: each doubles it alone (workers:
// employees plus the owner), and knowledge adds its gain per unit of mean capability.
TEST(FirmRules, ValueAddedIsTheProductOfWorkersProductivityDemandAndTrend) {
  const FirmParams fp = testing::small_scenario().firms;
  const FirmAtWork base{.sector = Sector::ict, .employees = 3, .productivity = 1.25f};
  const double v = value_added(fp, base);
  EXPECT_NEAR(v, 4 * value_added_per_worker(fp, Sector::ict) * 1.25, 1e-9 * v)
      << "at trend demand, average infrastructure and no knowledge";
  FirmAtWork f = base;
  f.employees = 7;
  EXPECT_NEAR(value_added(fp, f), 2 * v, 1e-9 * v) << "8 workers, not 4";
  f = base, f.productivity = 2.5f;
  EXPECT_NEAR(value_added(fp, f), 2 * v, 1e-9 * v);
  f = base, f.demand = 2.0;
  EXPECT_NEAR(value_added(fp, f), 2 * v, 1e-9 * v);
  f = base, f.productivity_trend = 2;
  EXPECT_NEAR(value_added(fp, f), 2 * v, 1e-9 * v);
  f = base, f.knowledge = 0.5;
  EXPECT_NEAR(value_added(fp, f), v * (1 + 0.5 * fp.knowledge_productivity_gain), 1e-9 * v);
  f = base, f.infrastructure = 1.0;
  EXPECT_NEAR(value_added(fp, f), v * (1 + 0.5 * fp.infrastructure_productivity_gain), 1e-9 * v);
  f = base, f.employees = 0, f.capacity = -0.25;
  EXPECT_NEAR(value_added(fp, f), 0.75 * v / 4, 1e-9 * v) << "an owner short of demand sells less";
}

// A public establishment's value added is its employees' at the sector's value per worker:
// demand, its own productivity, infrastructure and knowledge do not enter; it has no fixed
// costs.
TEST(FirmRules, APublicEstablishmentProducesWhatItsEmployeesDo) {
  const FirmParams fp = testing::small_scenario().firms;
  const FirmAtWork f{.sector = Sector::public_admin_education,
                     .is_public = true,
                     .employees = 10,
                     .productivity = 3,
                     .knowledge = 1,
                     .demand = 2,
                     .infrastructure = 1};
  EXPECT_DOUBLE_EQ(value_added(fp, f),
                   10 * value_added_per_worker(fp, Sector::public_admin_education));
  EXPECT_EQ(fixed_costs(fp, f), 0.0);
}

// Fixed costs follow the firm's size and productivity at trend demand, not this month's demand.
TEST(FirmRules, FixedCostsAreAShareOfOutputAtTrendDemand) {
  const FirmParams fp = testing::small_scenario().firms;
  FirmAtWork f{.sector = Sector::trade_logistics, .employees = 4, .productivity = 1.5};
  const double fixed = fixed_costs(fp, f);
  EXPECT_NEAR(fixed, fp.fixed_cost_share * value_added(fp, f), 1e-9 * fixed);
  f.demand = 2.0;
  EXPECT_EQ(fixed_costs(fp, f), fixed) << "a demand shock does not move fixed costs";
  f.demand_trend = 1.1;
  EXPECT_NEAR(fixed_costs(fp, f), 1.1 * fixed, 1e-9 * fixed);
}

// The buffer counts at least one wage, so a firm without employees still has a runway.
TEST(FirmRules, MonthlyCostsAreWagesFixedCostsAndInstalments) {
  EXPECT_DOUBLE_EQ(monthly_costs(3, 40e3, 10e3, 5e3), 135e3);
  EXPECT_DOUBLE_EQ(monthly_costs(0, 40e3, 10e3, 5e3), 15e3);
  EXPECT_DOUBLE_EQ(current_wage(40e3f, 1.05, 1.1), 40e3 * 1.05 * 1.1);
}

// The skilled share is capped at all jobs; rounding by a per-firm offset in [0, 1) is unbiased:
// over offsets spread evenly, firms want on average exactly `need` of their jobs skilled.
TEST(FirmRules, SkilledJobsAreTheNeedRoundedUnbiasedByTheFirmsOffset) {
  const FirmParams fp = testing::small_scenario().firms;
  EXPECT_EQ(skilled_need(fp, Sector::ict, 1e6), 1.0);
  EXPECT_DOUBLE_EQ(skilled_need(fp, Sector::ict, 0.5), 0.5 * fp.skilled_share[Sector::ict]);
  EXPECT_EQ(skilled_jobs_wanted(3, 1.0, 0.99f), 3) << "never more than its employees";
  double total = 0;
  const int firms = 1000;
  for (int k = 0; k < firms; ++k) total += skilled_jobs_wanted(3, 0.3, (k + 0.5f) / firms);
  EXPECT_NEAR(total / firms, 0.9, 1e-3);
}

// Unemployment: residents without a job over the labour force, each job held by
// residents_per_job residents (commuters hold the rest).
TEST(LabourRules, UnemploymentIsTheLabourForceWithoutJobs) {
  EXPECT_NEAR(unemployment_rate(1000, 1.0, 950), 0.05, 1e-12);
  EXPECT_NEAR(unemployment_rate(1000, 0.9, 1000), 0.1, 1e-12);
  EXPECT_EQ(unemployment_rate(0, 1.0, 10), 0.0) << "no labour force: none unemployed";
}

// The month's table of hazards gives the function's numbers exactly, inside its bounds and
// beyond them (a speed change must not move results).
TEST(FirmRules, TheTableOfExitHazardsGivesTheFunctionsNumbersExactly) {
  const FirmParams p = testing::small_scenario().firms;
  const ExitHazards hazards(p);
  for (const int months : {0, 1, 11, 12, 59, 600, 1199, 1200, 5000, -3})
    for (const int employees : {0, 1, 2, 9, 250, 1023, 1024, 100000})
      EXPECT_EQ(hazards.per_year(months, employees),
                exit_hazard_per_year(p, months / 12.0, employees))
          << months << " months, " << employees << " employees";
  const SmallTable squares(4, [](int n) { return n * n + 0.5; });
  EXPECT_EQ(squares(3), 9.5);
  EXPECT_EQ(squares(7), 49.5) << "beyond the table: computed";
  EXPECT_EQ(squares(-2), 4.5);
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
      sum += draw_growth_variance(growth_sigma(p, size), rng);
    }
    EXPECT_NEAR(sum / n / (12 * sigma * sigma), 1.0, 0.02) << "size " << size;
  }
}

}  // namespace
}  // namespace ecosim
