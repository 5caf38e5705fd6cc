#include "validate/facts.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/small_world.hpp"
#include "validate/measures.hpp"

namespace ecosim {
namespace {

Fact band(double low, double high, PassRule rule) {
  return {"x", "target", low, high, rule, Basis::tested, {}};
}

TEST(Judge, EveryRunNeedsEachValueInsideTheBand) {
  const Fact f = band(0, 1, PassRule::every_run);
  EXPECT_TRUE(judge(f, {0.2, 0.9}).passed);
  EXPECT_FALSE(judge(f, {0.2, 1.1}).passed);
  EXPECT_FALSE(judge(f, {-0.1, 0.5}).passed);
}

TEST(Judge, MostRunsNeedFourInFiveInsideTheBandNotTheMean) {
  const Fact f = band(0, 1, PassRule::most_runs);
  EXPECT_TRUE(judge(f, {0.5, 0.5, 0.5, 0.5, 7}).passed) << "4 of 5";
  EXPECT_FALSE(judge(f, {0.5, 0.5, 0.5, 1.2, 1.2}).passed) << "3 of 5, though the mean is inside";
  EXPECT_FALSE(judge(f, {0.5, 1.1}).passed) << "4 in 5 of 2 rounds up to 2";
  EXPECT_EQ(judge(f, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 3, 3}).inside, 8);
  EXPECT_TRUE(judge(f, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 3, 3}).passed) << "8 of 10";
  EXPECT_FALSE(judge(f, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 3, 3, 3}).passed) << "7 of 10";
}

TEST(Judge, AnOpenFactIsReportedButDoesNotFailValidate) {
  Fact known = band(0, 1, PassRule::every_run);
  known.open = "a known gap";
  const Fact strict = band(0, 1, PassRule::every_run);
  const FactResult failed_open = judge(known, {2.0});
  EXPECT_FALSE(failed_open.passed);
  EXPECT_TRUE(all_passed({failed_open}));
  EXPECT_FALSE(all_passed({failed_open, judge(strict, {2.0})}));
  EXPECT_TRUE(all_passed({judge(strict, {0.5}), judge(strict, {std::nullopt})}));
}

// Sizes with a lognormal body and an exact discrete Zipf tail of `exponent` from `threshold`.
std::vector<int> body_and_tail(double exponent, int threshold, int body, int tail) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::lognormal_distribution<double> small(1.0, 0.8);
  std::vector<int> sizes;
  while (static_cast<int>(sizes.size()) < body) {
    const int s = 1 + static_cast<int>(small(rng));
    if (s < threshold) sizes.push_back(s);
  }
  // P(S >= s) = ((s - 0.5) / (threshold - 0.5))^-exponent, inverted.
  for (int k = 0; k < tail; ++k)
    sizes.push_back(static_cast<int>(
        std::floor((threshold - 0.5) * std::pow(1.0 - u(rng), -1.0 / exponent) + 0.5)));
  return sizes;
}

TEST(Zipf, MaximumLikelihoodAboveTheKsThresholdRecoversALawAndWhereItStarts) {
  for (const double exponent : {0.8, 1.0, 1.5}) {
    const auto fit = measures::fit_zipf(body_and_tail(exponent, 20, 5000, 2000));
    ASSERT_TRUE(fit.has_value());
    EXPECT_NEAR(fit->exponent, exponent, 0.1 * exponent) << "threshold " << fit->threshold;
    EXPECT_GE(fit->threshold, 12) << "the lognormal body is not taken for the law";
    EXPECT_GE(fit->tail, 50u);
  }
  // A pure law from size 1 (where the continuous estimator is coarsest) is still recovered.
  const auto pure = measures::fit_zipf(body_and_tail(1.0, 1, 0, 5000));
  ASSERT_TRUE(pure.has_value());
  EXPECT_NEAR(pure->exponent, 1.0, 0.1) << "threshold " << pure->threshold;
  EXPECT_FALSE(measures::fit_zipf({1, 2, 3}).has_value()) << "too few sizes to fit";
}
TEST(Judge, RunsTooShortToMeasureAreLeftOut) {
  const Fact f = band(0, 1, PassRule::every_run);
  const FactResult some = judge(f, {std::nullopt, 0.5});
  EXPECT_TRUE(some.applicable);
  EXPECT_TRUE(some.passed);
  EXPECT_EQ(some.values, std::vector<double>{0.5});
  EXPECT_FALSE(judge(f, {std::nullopt, std::nullopt}).applicable);
}

// The facts of a small-world scenario measured on one run of it.
struct Measured {
  explicit Measured(const std::vector<std::string>& overrides)
      : scenario(testing::small_scenario(overrides)),
        run(record_run(scenario)),
        facts(facts_for(scenario)) {}
  const Fact& fact(std::string_view name) const {
    for (const Fact& f : facts)
      if (f.name.starts_with(name)) return f;
    throw std::invalid_argument("no fact named " + std::string(name));
  }
  std::optional<double> operator()(std::string_view name) const { return fact(name).measure(run); }
  bool passes(std::string_view name) const {
    return judge(fact(name), {fact(name).measure(run)}).passed;
  }
  Scenario scenario;
  RunRecord run;
  std::vector<Fact> facts;
};

TEST(Facts, TheSmallWorldStartsAsItsScenarioSays) {
  const Measured m({});
  ASSERT_EQ(m.run.observations.size(), std::size_t(m.scenario.simulation.steps));
  // 700 firms: a few more exits than entries in month 1 move the count by a percent.
  EXPECT_NEAR(*m("establishments in month 1"), 0.0, 0.02);
  EXPECT_LT(*m("size classes in month 1"), 0.02);
  EXPECT_TRUE(m.passes("employment rate (20-66) in month 1")) << *m("employment rate (20-66)");
  // Three years are too short for 3- and 5-year survival: those facts do not apply.
  EXPECT_TRUE(m("1-year survival").has_value());
  EXPECT_FALSE(m("3-year survival").has_value());
  EXPECT_FALSE(m("5-year survival").has_value());
}

TEST(Facts, YearlyGrowthIsLaplaceShapedAndFallsWithSize) {
  const Measured m({"region.0.firms=3000", "market.demand_volatility=0"});
  const double ratio = *m("yearly growth rates");
  // Laplace gives 0.707, a normal 0.798; whole workers make the tails a little fatter.
  EXPECT_GT(ratio, 0.62);
  EXPECT_LT(ratio, 0.76);
  const Measured flat(
      {"region.0.firms=3000", "market.demand_volatility=0", "firms.growth_size_exponent=0"});
  const Measured steep(
      {"region.0.firms=3000", "market.demand_volatility=0", "firms.growth_size_exponent=0.4"});
  EXPECT_LT(*flat("beta"), *m("beta"));
  EXPECT_LT(*m("beta"), *steep("beta"));
  EXPECT_NEAR(*flat("beta"), 0.0, 0.1);
}

TEST(Facts, AWorldWithoutNewFirmsFailsTheEntryFact) {
  const Measured m({"firms.entry_rate_per_year=0", "universities.spinoffs_per_year=0",
                    "projects.startups_per_mnok=0"});
  EXPECT_EQ(*m("entry rate"), 0.0);
  EXPECT_FALSE(m.passes("entry rate"));
}

TEST(Facts, YoungFirmsExitMoreOftenOnlyWhenTheirHazardIsHigher) {
  const Measured young({"firms.exit_young_excess=6", "simulation.steps=84"});
  const Measured flat({"firms.exit_young_excess=0", "simulation.steps=84"});
  EXPECT_GT(*young("exit rate of firms under a year old"), 1.5);
  EXPECT_LT(*flat("exit rate of firms under a year old"),
            *young("exit rate of firms under a year old"));
}

TEST(Facts, NoProposalsMeansNoPartnershipsAndNoFirmNetworkToMeasure) {
  const Measured none({"projects.ideas_per_firm_per_year=0", "universities.ideas_per_year=0"});
  EXPECT_EQ(*none("share of firms of 10+ employees in a partnership"), 0.0);
  const Measured busy({});
  EXPECT_GT(*busy("share of firms of 10+ employees in a partnership"), 0.0);
}

TEST(Facts, NoFirmClosesMeansEveryNewFirmSurvives) {
  const Measured none(
      {"firms.exit_hazard_per_year=0", "firms.bad_debt_per_year=0", "firms.fixed_cost_share=0"});
  ASSERT_TRUE(none("1-year survival").has_value());
  EXPECT_EQ(*none("1-year survival"), 1.0);
  const Measured some({});
  EXPECT_LT(*some("1-year survival"), 1.0);
}

// Bankruptcies come from cash run out: without bad debts and fixed costs no firm runs out.
TEST(Facts, BankruptciesNeedACashPath) {
  const Measured some({});
  ASSERT_TRUE(some("bankruptcies' share").has_value());
  EXPECT_GT(*some("bankruptcies' share"), 0.0);
  const Measured none({"firms.bad_debt_per_year=0", "firms.fixed_cost_share=0"});
  EXPECT_EQ(*none("bankruptcies' share"), 0.0);
}

TEST(Facts, TheReportHasARowPerFactWithItsResult) {
  const Measured m({});
  std::vector<FactResult> results;
  for (const Fact& f : m.facts) results.push_back(judge(f, {f.measure(m.run)}));
  const std::string report = validation_report_markdown(m.scenario, results, 1);
  for (const FactResult& r : results) {
    const std::size_t row = report.find("| " + r.fact->name + " |");
    ASSERT_NE(row, std::string::npos) << r.fact->name;
    const std::string line = report.substr(row, report.find('\n', row) - row);
    const char* verdict = !r.applicable          ? "n/a"
                          : r.passed             ? "pass"
                          : r.fact->open.empty() ? "FAIL"
                                                 : "open (";
    EXPECT_NE(line.find(verdict), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace ecosim
