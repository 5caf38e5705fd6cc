// Every indicator on a hand-built world whose values are known (indicators/catalogue.hpp).
#include "indicators/indicators.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace ecosim {
namespace {

const RegionId north{0}, south{1};
const FirmId a{0}, b{1}, closed{2}, c{3};

// Two regions: north with firms a (manufacturing, 10 employees) and b (ict, 30), and a closed
// firm that must count nowhere; south with firm c (services, 20).
World hand_built_world() {
  World w;
  w.regions.resize(2);
  w.regions[north].labour_force = 100;
  w.regions[south].labour_force = 80;
  FirmTable& f = w.firms;
  f.resize(4);
  auto firm = [&](FirmId i, RegionId r, Sector sector, int employees, float satisfaction,
                  float output) {
    f.region[i] = r, f.sector[i] = sector, f.alive[i] = 1, f.employees[i] = employees;
    f.satisfaction[i] = satisfaction, f.output_nok[i] = output;
  };
  firm(a, north, Sector::manufacturing, 10, 0.5f, 1000);
  firm(b, north, Sector::ict, 30, 0.7f, 3000);
  firm(closed, north, Sector::ict, 99, 1.0f, 1e6f);
  firm(c, south, Sector::services, 20, 0.4f, 500);
  f.alive[closed] = 0;
  f.skilled_wanted[a] = 4, f.skilled_unfilled[a] = 1;
  f.innovation_revenue_nok[a] = 100;
  f.emissions_t[a] = 2, f.emissions_t[b] = 1;
  w.trust = TrustNetwork(4);
  w.trust.resize(4);
  w.trust.set(a, ActorRef::firm(b), 0.5f);                      // within north: cooperation
  w.trust.set(a, ActorRef::firm(c), 0.1f);                      // across regions: conversation
  w.trust.set(a, ActorRef::university(UniversityId(0)), 0.8f);  // not a firm: not counted
  w.trust.set(b, ActorRef::firm(closed), 0.9f);                 // to a closed firm: not counted
  RegionFlows& flows = w.regions[north].flows;
  flows.entries = 2, flows.exits = 1, flows.proposals = 5, flows.projects_started = 2;
  flows.rejected_by[Check::min_external_share] = 2, flows.rejected_by[Check::funded] = 1;
  flows.public_money_nok = 1e6, flows.private_money_nok = 3e6, flows.leaked_nok = 0.5e6;
  flows.started_by_theme[Theme::climate_energy] = 2;
  Project& p = w.projects.emplace_back();
  p.region = north;
  w.active_projects.push_back(ProjectId(0));
  return w;
}

const std::array<double, 3> kLadder = {0.2, 0.4, 0.6};

TEST(Indicators, EachHasItsKnownValueOnAHandBuiltWorld) {
  const World w = hand_built_world();
  Observer observer(kLadder);
  const Observation o = observer.observe(w);
  const double share_a = 0.25, share_b = 0.75;
  const std::map<std::string_view, double> north_expected = {
      {"jobs", 40},
      {"firms", 2},
      {"entries", 2},
      {"exits", 1},
      {"labour_force", 100},
      {"employment_rate", 0.4},
      {"employment_rate_relative", 0.4 - 0.25},
      {"job_growth", 0},  // the first observation is its own base
      {"job_growth_relative", 0},
      {"entry_rate", 2 * 12.0 / 2},  // two entries in the first month, annualised, over two firms
      {"entry_rate_relative", 12},
      {"diversity_shannon", -(share_a * std::log(share_a) + share_b * std::log(share_b))},
      {"diversity_hhi", share_a * share_a + share_b * share_b},
      {"competence_gap", 0.25},
      {"satisfaction", 0.6},
      {"output", 4000},
      {"innovation_revenue", 100},
      {"emissions", 3},
      {"proposals", 5},
      {"projects_started", 2},
      {"projects_active", 1},
      {"public_money", 1e6},
      {"private_money", 3e6},
      {"leaked_money", 0.5e6},
      {"leverage", 3},
      {"rejected", 3},
      {"mean_trust", 0.3},
      {"ties_per_firm", 1},
      {"network_density", 1.0 / (2 * 1)},
  };
  for (std::size_t k = 0; k < kIndicators.size(); ++k) {
    const auto name = kIndicators[k].name;
    SCOPED_TRACE(std::string(name));
    ASSERT_TRUE(north_expected.count(name)) << "a new indicator needs its expected value here";
    const double expected = north_expected.at(name);
    EXPECT_NEAR(o.at(north, {k}), expected,
                1e-6 * std::max(1.0, std::abs(expected)));  // sums of floats
  }
  EXPECT_EQ(north_expected.size(), kIndicators.size());
  EXPECT_DOUBLE_EQ(o.at(south, indicator("employment_rate")), 0.25);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("employment_rate_relative")), -0.15);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("diversity_hhi")), 1.0);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("mean_trust")), 0.0) << "no ties: 0";
}

TEST(Indicators, BreakdownsSplitTheirTotal) {
  const World w = hand_built_world();
  Observer observer(kLadder);
  const Observation o = observer.observe(w);
  const auto& jobs = o.of(breakdown("jobs_by_sector"));  // [region][sector]
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::manufacturing)], 10);
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::ict)], 30);
  EXPECT_EQ(jobs[kSectors + static_cast<std::size_t>(Sector::services)], 20);
  const auto& rungs = o.of(breakdown("ties_by_rung"));
  EXPECT_EQ(rungs[static_cast<std::size_t>(Rung::cooperation)], 1);
  EXPECT_EQ(rungs[static_cast<std::size_t>(Rung::conversation)], 1);
  const auto& rules = o.of(breakdown("rejected_by_rule"));
  EXPECT_EQ(rules[static_cast<std::size_t>(Check::min_external_share)], 2);
  EXPECT_EQ(rules[static_cast<std::size_t>(Check::funded)], 1);
  EXPECT_EQ(kRuleNames[static_cast<std::size_t>(Check::funded)], "underfunded");
  const auto& themes = o.of(breakdown("projects_started_by_theme"));
  EXPECT_EQ(themes[static_cast<std::size_t>(Theme::climate_energy)], 2);
}

TEST(Indicators, YearlyIndicatorsLookBackTwelveSteps) {
  World w = hand_built_world();
  Observer observer(kLadder);
  Observation o;
  for (int t = 0; t < 14; ++t) {
    w.step = t;
    w.firms.employees[a] = 10 + t;  // north's jobs: 40 + t
    o = observer.observe(w);
  }
  EXPECT_NEAR(o.at(north, indicator("job_growth")), (40.0 + 13) / (40.0 + 1) - 1, 1e-12)
      << "jobs now over jobs 12 steps before";
  EXPECT_NEAR(o.at(north, indicator("entry_rate")), 12 * 2 / 2.0, 1e-12)
      << "entries of the last 12 steps";
  EXPECT_NEAR(o.at(north, indicator("leverage")), 3, 1e-12);
}

TEST(Indicators, TheFormatDocumentNamesEveryOne) {
  std::ifstream in(std::string(ECOSIM_SOURCE_DIR) + "/docs/FORMAT.md");
  std::stringstream format;
  format << in.rdbuf();
  for (const Indicator& k : kIndicators)
    EXPECT_NE(format.str().find("`" + std::string(k.name) + "`"), std::string::npos) << k.name;
  for (const Breakdown& d : kBreakdowns)
    EXPECT_NE(format.str().find("`" + std::string(d.name) + "`"), std::string::npos) << d.name;
}

}  // namespace
}  // namespace ecosim
