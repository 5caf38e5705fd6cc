// The initial world of a scenario (world/build.cpp).
#include "world/build.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <concepts>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "rules/trust.hpp"
#include "support/small_world.hpp"
#include "support/state_digest.hpp"

namespace ecosim {
namespace {

TEST(BuildWorld, EachRegionHoldsItsInstitutionsAsRangesOfTheTables) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  ASSERT_EQ(w.regions.size(), 2u);
  std::size_t municipalities = 0;
  for (const RegionId r : w.regions.ids()) {
    const RegionState& region = w.regions[r];
    const RegionParams& p = s.regions[r];
    EXPECT_EQ(region.municipalities.size(), static_cast<std::size_t>(p.municipalities));
    EXPECT_EQ(region.universities.size(), static_cast<std::size_t>(p.universities));
    EXPECT_EQ(region.investors.size(), static_cast<std::size_t>(p.private_investors));
    EXPECT_EQ(region.promotion_orgs.size(), static_cast<std::size_t>(p.promotion_orgs));
    for (const MunicipalityId m : region.municipalities) EXPECT_EQ(w.municipalities[m].region, r);
    for (const UniversityId u : region.universities) {
      EXPECT_EQ(w.universities[u].region, r);
      EXPECT_EQ(w.municipalities[w.universities[u].municipality].region, r) << "hosted at home";
    }
    for (const InvestorId i : region.investors) EXPECT_EQ(w.investors[i].region, r);
    for (const PromotionOrgId o : region.promotion_orgs) EXPECT_EQ(w.promotion_orgs[o].region, r);
    municipalities += region.municipalities.size();
  }
  EXPECT_EQ(municipalities, w.municipalities.size());
}

// An entrant that takes a closed firm's row starts exactly as one in a new row: no column keeps
// the dead firm's values (its output and emissions of the last month once passed on).
TEST(BuildWorld, AReusedRowStartsAsANewRowDoes) {
  const Scenario s = testing::small_scenario();
  World reused = build_world(s), fresh = build_world(s);
  const FirmId row(5);
  // The dead firm's row: every column of it non-zero.
  reused.firms.for_each_column([row](const char*, auto& column) {
    auto* bytes = reinterpret_cast<unsigned char*>(&column[row]);
    std::fill(bytes, bytes + sizeof(column[row]), static_cast<unsigned char>(0x5a));
  });
  // A new row: every column zero, as FirmTable::resize leaves it.
  fresh.firms.for_each_column([row](const char*, auto& column) { column[row] = {}; });
  Establishment e;
  e.sector = Sector::ict, e.employees = 4;
  init_firm(reused, s, row, RegionId(0), e, true);
  init_firm(fresh, s, row, RegionId(0), e, true);
  std::vector<std::string> differ;
  reused.firms.for_each_column([&](const char* name, const auto& column) {
    fresh.firms.for_each_column([&](const char* other, const auto& twin) {
      if constexpr (std::is_same_v<decltype(column), decltype(twin)>) {
        if (std::string(name) != other) return;
        // By value where the type compares (an empty optional keeps stale payload bytes),
        // else byte for byte.
        if constexpr (std::equality_comparable<std::decay_t<decltype(column[row])>>) {
          if (!(column[row] == twin[row])) differ.push_back(name);
        } else if (std::memcmp(&column[row], &twin[row], sizeof(column[row])) != 0) {
          differ.push_back(name);
        }
      }
    });
  });
  EXPECT_TRUE(differ.empty()) << "columns that keep the dead firm's value: " << differ.front();
}

TEST(BuildWorld, FirmsAreBornInTheirRegionOldAndWithCashAtTheirSteadyLevel) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  const FirmTable& f = w.firms;
  ASSERT_EQ(f.size(), 700u + 500u);
  double age = 0;
  std::vector<double> buffers;
  for (const FirmId i : f.ids()) {
    EXPECT_TRUE(f.alive[i]);
    EXPECT_LE(f.birth_step[i], 0) << "initial firms have an age";
    EXPECT_EQ(f.exit_step[i], kNoStep);
    EXPECT_EQ(w.municipalities[f.municipality[i]].region, f.region[i]);
    if (f.promotion_org[i]) {
      EXPECT_EQ(w.promotion_orgs[*f.promotion_org[i]].region, f.region[i]);
      EXPECT_FALSE(f.is_public[i]) << "public establishments are no members";
    }
    EXPECT_LE(f.skilled[i], f.employees[i]);
    age -= f.birth_step[i] / 12.0;
    if (f.is_public[i]) continue;
    // Its own buffer of months of wages at least; more when the firm earns.
    EXPECT_GE(runway_months(w, s, i), f.cash_buffer_months[i] * (1 - 1e-6));
    buffers.push_back(f.cash_buffer_months[i]);
  }
  std::size_t in_small = 0;
  for (const FirmId i : f.ids()) in_small += f.region[i] == RegionId(0);
  EXPECT_EQ(in_small, 700u);
  EXPECT_GT(age / f.size(), 3.0) << "firms of the initial world are years old on average";
  // Buffers spread log-normally around cash_target_months, the median.
  std::nth_element(buffers.begin(), buffers.begin() + buffers.size() / 2, buffers.end());
  EXPECT_NEAR(buffers[buffers.size() / 2], s.firms.cash_target_months,
              0.15 * s.firms.cash_target_months);
  EXPECT_LT(*std::min_element(buffers.begin(), buffers.end()), 0.5 * s.firms.cash_target_months);
}

TEST(BuildWorld, TheLabourMarketStartsAtTheRegionsUnemploymentRate) {
  const Scenario s = testing::small_scenario({"region.0.unemployment_rate=0.035"});
  const World w = build_world(s);
  EXPECT_NEAR(unemployment_rate(w.regions[RegionId(0)], w.regions[RegionId(0)].jobs), 0.035, 1e-12);
  EXPECT_NEAR(unemployment_rate(w.regions[RegionId(1)], w.regions[RegionId(1)].jobs),
              s.regions[RegionId(1)].unemployment_rate, 1e-12);
  double jobs = 0;
  for (const FirmId i : w.firms.ids())
    if (w.firms.region[i] == RegionId(0)) jobs += jobs_of(w.firms, i);
  EXPECT_EQ(w.regions[RegionId(0)].jobs, jobs);
}

TEST(BuildWorld, FirstTiesStartNearTheTrustTiesRestAt) {
  const Scenario s = testing::small_scenario();
  const World w = build_world(s);
  int ties = 0;
  for (const FirmId i : w.firms.ids()) {
    for (const Tie& tie : w.trust.ties_of(i)) {
      if (tie.other.empty()) continue;
      ++ties;
      // A first tie is drawn by one of the two firms, between 0.6 and 1.2 times the level its
      // ties rest at, and held by both at that trust.
      const RegionId mine = w.firms.region[i], theirs = region_of(w, tie.other);
      auto drawn_by = [&](float rest) {
        return tie.trust >= 0.6f * rest - 1e-6f && tie.trust <= std::min(1.0f, 1.2f * rest) + 1e-6f;
      };
      EXPECT_TRUE(drawn_by(tie_trust(s, mine, theirs)) || drawn_by(tie_trust(s, theirs, mine)))
          << tie.trust;
      EXPECT_NE(tie.other, ActorRef::firm(i));
    }
  }
  EXPECT_GT(ties, 500) << "about two ties per firm";
}

TEST(BuildWorld, TheSameScenarioBuildsTheSameWorld) {
  const Scenario s = testing::small_scenario();
  const World a = build_world(s), b = build_world(s);
  EXPECT_EQ(a.firms.employees.items(), b.firms.employees.items());
  EXPECT_EQ(a.firms.cash_nok.items(), b.firms.cash_nok.items());
  const World c = build_world(testing::small_scenario({"simulation.seed=99"}));
  EXPECT_NE(a.firms.employees.items(), c.firms.employees.items());
}

}  // namespace
}  // namespace ecosim

namespace ecosim {
namespace {

// Many firms' first ties at once (counted into a bucket per holder) and one firm's at a time
// (sorted by holder: a month's few entrants) give the same network: each holder takes its ties
// in the same order either way.
TEST(BuildWorld, FirstTiesFormedTogetherOrOneFirmAtATimeAreTheSame) {
  Scenario s = testing::small_scenario();
  s.trust.max_ties_per_firm = 3;  // full holders: the order of a holder's ties decides which stay
  World together = build_world(s);
  std::vector<FirmId> firms;
  for (const FirmId i : together.firms.ids())
    if (together.firms.alive[i] && !together.firms.is_public[i]) firms.push_back(i);
  ASSERT_GT(firms.size(), 8 * 20u) << "enough firms for the bucket path";
  firms.resize(firms.size() / 2);
  World one_by_one = together;
  form_first_ties(together, s, firms, 4.0, false);
  for (const FirmId i : firms) form_first_ties(one_by_one, s, {i}, 4.0, false);
  std::size_t ties = 0;
  for (const FirmId i : together.firms.ids()) ties += together.trust.ties_of(i).size();
  EXPECT_GT(ties, firms.size()) << "ties were formed";
  EXPECT_EQ(testing::state_digest(together), testing::state_digest(one_by_one));
}

}  // namespace
}  // namespace ecosim
