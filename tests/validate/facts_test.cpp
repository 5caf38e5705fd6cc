#include "validate/facts.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

Fact band(double low, double high, PassRule rule) { return {"x", "target", low, high, rule, {}}; }

TEST(Judge, EveryRunNeedsEachValueInsideTheBand) {
  const Fact f = band(0, 1, PassRule::every_run);
  EXPECT_TRUE(judge(f, {0.2, 0.9}).passed);
  EXPECT_FALSE(judge(f, {0.2, 1.1}).passed);
  EXPECT_FALSE(judge(f, {-0.1, 0.5}).passed);
}

TEST(Judge, MeanRuleJudgesTheMeanOverRuns) {
  const Fact f = band(0, 1, PassRule::mean);
  EXPECT_TRUE(judge(f, {0.4, 1.4}).passed);
  EXPECT_FALSE(judge(f, {1.2, 1.4}).passed);
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

TEST(Facts, TheReportHasARowPerFactWithItsResult) {
  const Measured m({});
  std::vector<FactResult> results;
  for (const Fact& f : m.facts) results.push_back(judge(f, {f.measure(m.run)}));
  const std::string report = validation_report_markdown(m.scenario, results, 1);
  for (const FactResult& r : results) {
    const std::size_t row = report.find("| " + r.fact->name + " |");
    ASSERT_NE(row, std::string::npos) << r.fact->name;
    const std::string line = report.substr(row, report.find('\n', row) - row);
    const char* verdict = !r.applicable ? "n/a" : r.passed ? "pass" : "FAIL";
    EXPECT_NE(line.find(verdict), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace ecosim
