// Every indicator on a hand-built world whose values are known (indicators/catalogue.hpp).
#include "indicators/indicators.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace ecosim {
namespace {

const RegionId north{0}, south{1};

IndicatorId indicator_id(const std::string& name) {
  for (std::size_t k = 0; k < kIndicators.size(); ++k)
    if (kIndicators[k].name == name) return {k};
  ADD_FAILURE() << "no indicator " << name;
  return {0};
}
const FirmId a{0}, b{1}, closed{2}, c{3}, solo{4}, hospital{5};

// Two regions: north with firms a (manufacturing, 10 employees), b (ict, 30), a solo firm whose
// owner works (services), a public hospital (health, 20) and a closed firm that must count
// nowhere; south with firm c (services, 20).
World hand_built_world() {
  World w;
  w.regions.resize(2);
  RegionState& n = w.regions[north];
  n.labour_force = 80, n.working_age = 100, n.residents_per_job = 1.2;
  RegionState& s = w.regions[south];
  s.labour_force = 40, s.working_age = 50, s.residents_per_job = 1;
  FirmTable& f = w.firms;
  f.resize(6);
  auto firm = [&](FirmId i, RegionId r, Sector sector, int employees, float satisfaction,
                  float output) {
    f.region[i] = r, f.sector[i] = sector, f.alive[i] = 1, f.employees[i] = employees;
    f.satisfaction[i] = satisfaction, f.output_nok[i] = output;
  };
  firm(a, north, Sector::manufacturing, 10, 0.5f, 1000);
  firm(b, north, Sector::ict, 30, 0.7f, 3000);
  firm(closed, north, Sector::ict, 99, 1.0f, 1e6f);
  firm(c, south, Sector::services, 20, 0.4f, 500);
  firm(solo, north, Sector::services, 0, 0.6f, 100);
  firm(hospital, north, Sector::health_welfare, 20, 0.0f, 2000);
  f.owner_works[solo] = 1;
  f.is_public[hospital] = 1;
  f.alive[closed] = 0;
  f.skilled_wanted[a] = 4, f.skilled_unfilled[a] = 1;
  // Recruitment problems in the last three months: a this month, b two months ago; the
  // hospital's was three months ago (out of the window), solo has no employees to count.
  f.months_since_unfilled[a] = 0, f.months_since_unfilled[b] = 2;
  f.months_since_unfilled[hospital] = 3, f.months_since_unfilled[solo] = 0;
  f.months_since_unfilled[c] = 255;
  f.innovation_revenue_nok[a] = 100;
  f.emissions_t[a] = 2, f.emissions_t[b] = 1, f.emissions_t[hospital] = 0.5f;
  w.trust = TrustNetwork(4);
  w.trust.resize(6);
  w.trust.set(a, ActorRef::firm(b), 0.5f);                      // within north: cooperation
  w.trust.set(a, ActorRef::firm(c), 0.1f);                      // across regions: conversation
  w.trust.set(a, ActorRef::university(UniversityId(0)), 0.8f);  // not a firm: not counted
  w.trust.set(b, ActorRef::firm(closed), 0.9f);                 // to a closed firm: not counted
  RegionFlows& flows = w.regions[north].flows;
  flows.entries = 2, flows.exits = 1, flows.proposals = 5, flows.projects_started = 2;
  flows.municipal_partnerships = 1;
  flows.rejected_by[Check::min_external_share] = 2, flows.rejected_by[Check::funded] = 1;
  flows.public_money_nok = 1e6, flows.private_money_nok = 3e6, flows.leaked_nok = 0.5e6;
  flows.started_by_theme[Theme::climate_energy] = 2;
  Project& p = w.projects.emplace_back();
  p.region = north;
  w.active_projects.push_back(ProjectId(0));
  return w;
}

// Shannon entropy and Herfindahl index of the given jobs by sector.
std::pair<double, double> diversity(std::initializer_list<double> jobs) {
  double total = 0, shannon = 0, hhi = 0;
  for (const double j : jobs) total += j;
  for (const double j : jobs)
    shannon -= j / total * std::log(j / total), hhi += (j / total) * (j / total);
  return {shannon, hhi};
}

// Ladder thresholds 0.2, 0.4, 0.6; no snapshots.
Scenario hand_built_scenario() {
  Scenario s;
  s.trust.ladder = {0.2, 0.4, 0.6};
  s.simulation.snapshot_every = 0;
  return s;
}

TEST(Indicators, EachHasItsKnownValueOnAHandBuiltWorld) {
  const World w = hand_built_world();
  Observer observer(hand_built_scenario());
  const Observation o = observer.observe(w);
  const auto [shannon, hhi] = diversity({10, 30, 1, 20});  // manufacturing, ict, services, health
  const std::map<std::string_view, double> north_expected = {
      {"jobs", 61},  // employees, the solo firm's working owner and the hospital's staff
      {"public_jobs", 20},
      {"firms", 4},
      {"entries", 2},
      {"exits", 1},
      {"labour_force", 80},
      {"employment_rate", 1.2 * 61 / 100},  // residents with a job / working-age residents
      {"employment_rate_relative", 1.2 * 61 / 100 - 20.0 / 50},
      {"unemployment_rate", 1 - 1.2 * 61 / 80},
      {"job_growth", 0},  // the first observation is its own base
      {"job_growth_relative", 0},
      {"entry_rate",
       2 * 12.0 / 3},  // two entries in the first month, annualised, over three private firms
      {"entry_rate_relative", 8},
      {"diversity_shannon", shannon},
      {"diversity_hhi", hhi},
      {"competence_gap", 0.25},
      {"recruitment_problems", 2.0 / 3},  // of a, b and the hospital (3+ employees)
      {"satisfaction", 0.6},              // of the private firms
      {"output", 6100},
      {"innovation_revenue", 100},
      {"emissions", 3.5},
      {"proposals", 5},
      {"projects_started", 2},
      {"municipal_partnerships", 1},
      {"projects_active", 1},
      {"public_money", 1e6},
      {"private_money", 3e6},
      {"leaked_money", 0.5e6},
      {"leverage", 3},
      {"rejected", 3},
      {"mean_trust", 0.3},
      {"ties_per_firm", 2.0 / 3},
      {"network_density", 1.0 / (3 * 2)},
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
  EXPECT_DOUBLE_EQ(o.at(south, indicator("employment_rate")), 0.4);
  EXPECT_NEAR(o.at(south, indicator("employment_rate_relative")), 0.4 - 1.2 * 61 / 100, 1e-12);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("unemployment_rate")), 0.5);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("diversity_hhi")), 1.0);
  EXPECT_DOUBLE_EQ(o.at(south, indicator("mean_trust")), 0.0) << "no ties: 0";
  EXPECT_DOUBLE_EQ(o.at(south, indicator("recruitment_problems")), 0.0);
}

// The *_relative indicators come from their base column in one pass over the regions: each is
// the base minus the plain mean of the other regions, as a loop over the others gives it
// (exactly up to three regions, to the last bits beyond).
TEST(Indicators, RelativeIndicatorsAreTheBaseMinusTheOthersMean) {
  for (const std::size_t n : {1u, 2u, 3u, 7u}) {
    SCOPED_TRACE(n);
    World w;
    w.regions.resize(n);
    w.firms.resize(n);
    w.trust = TrustNetwork(4);
    w.trust.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
      RegionState& region = w.regions[RegionId(r)];
      region.labour_force = 50 + 7 * r, region.working_age = 60 + 11 * r;
      region.residents_per_job = 1.0 + 0.1 * r;
      const FirmId f(r);
      w.firms.region[f] = RegionId(r), w.firms.alive[f] = 1, w.firms.sector[f] = Sector::ict;
      w.firms.employees[f] = static_cast<int>(10 + 3 * r * r);
    }
    Observer observer(hand_built_scenario());
    const Observation o = observer.observe(w);
    for (const char* name : {"employment_rate", "job_growth", "entry_rate"}) {
      const IndicatorId base = indicator_id(name);
      const IndicatorId relative = indicator_id(std::string(name) + "_relative");
      for (std::size_t r = 0; r < n; ++r) {
        double others = 0;
        for (std::size_t q = 0; q < n; ++q)
          if (q != r) others += o.at(RegionId(q), base);
        const double own = o.at(RegionId(r), base);
        const double expected = n < 2 ? 0.0 : own - others / static_cast<double>(n - 1);
        if (n <= 3)
          EXPECT_EQ(o.at(RegionId(r), relative), expected) << name << " " << r;
        else
          EXPECT_NEAR(o.at(RegionId(r), relative), expected, 1e-14) << name << " " << r;
      }
    }
  }
}

TEST(Indicators, BreakdownsSplitTheirTotal) {
  const World w = hand_built_world();
  Observer observer(hand_built_scenario());
  const Observation o = observer.observe(w);
  const auto& jobs = o.of(breakdown("jobs_by_sector"));  // [region][sector]
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::manufacturing)], 10);
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::ict)], 30);
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::services)], 1) << "the working owner";
  EXPECT_EQ(jobs[static_cast<std::size_t>(Sector::health_welfare)], 20);
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
  Observer observer(hand_built_scenario());
  Observation o;
  for (int t = 0; t < 14; ++t) {
    w.step = t;
    w.firms.employees[a] = 10 + t;  // north's jobs: 61 + t
    o = observer.observe(w);
  }
  EXPECT_NEAR(o.at(north, indicator("job_growth")), (61.0 + 13) / (61.0 + 1) - 1, 1e-12)
      << "jobs now over jobs 12 steps before";
  EXPECT_NEAR(o.at(north, indicator("entry_rate")), 12 * 2 / 3.0, 1e-12)
      << "entries of the last 12 steps";
  EXPECT_NEAR(o.at(north, indicator("leverage")), 3, 1e-12);
}

TEST(Indicators, TheFormatDocumentHoldsTheGeneratedTable) {
  std::ifstream in(std::filesystem::path(ECOSIM_SOURCE_DIR) / "docs" / "FORMAT.md");
  std::stringstream format;
  format << in.rdbuf();
  EXPECT_NE(format.str().find(indicator_table_markdown()), std::string::npos)
      << "docs/FORMAT.md is stale: run scripts/update-docs.sh";
  const std::string table = indicator_table_markdown();
  for (const Indicator& k : kIndicators) {
    // Appended, not "`" + name + "`": GCC 12 warns falsely on that at -O2 (stringop-overflow).
    const std::string quoted = std::string("`").append(k.name).append("`");
    EXPECT_NE(table.find(quoted), std::string::npos) << k.name;
  }
}

}  // namespace
}  // namespace ecosim
