// What `ecosim validate` measures on a run (validate/measures.cpp), on records made by hand where
// the answer can be counted, and on one short run of the small world.
#include "validate/measures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "indicators/catalogue.hpp"
#include "indicators/indicators.hpp"
#include "indicators/snapshot.hpp"
#include "support/small_world.hpp"
#include "validate/facts.hpp"

namespace ecosim {
namespace {

constexpr IndicatorId kJobs = indicator("jobs");
constexpr IndicatorId kFirms = indicator("firms");
constexpr std::uint16_t kOther = 1;  // the region beside the studied one (region 0)

// A record of `months` months of two regions, every indicator 0, no exits and no snapshots.
RunRecord record_of(int months, const Scenario& scenario) {
  RunRecord run;
  run.scenario = &scenario;
  for (int t = 0; t < months; ++t) {
    Observation o;
    o.step = t;
    o.regions = 2;
    o.values.assign(2 * kIndicators.size(), 0.0);
    run.observations.push_back(std::move(o));
  }
  return run;
}

struct Firm {
  std::uint32_t uid = 0;
  std::int32_t employees = 1;
  std::int32_t birth = 0;
  std::uint16_t region = 0;
  bool is_public = false;
  float output = 1e5f;
};

// A snapshot of `firms` at `month` (1 = the first), kept by that month's observation.
void snapshot_at(RunRecord& run, int month, const std::vector<Firm>& rows) {
  auto snap = std::make_shared<Snapshot>();
  FirmRows& f = snap->firms;
  for (const Firm& x : rows) {
    f.time.push_back(month);
    f.uid.push_back(x.uid);
    f.birth.push_back(x.birth);
    f.region.push_back(x.region);
    f.municipality.push_back(0);
    f.sector.push_back(0);
    f.public_sector.push_back(x.is_public ? 1 : 0);
    f.owner_works.push_back(1);
    f.employees.push_back(x.employees);
    f.skilled.push_back(0);
    f.output_nok.push_back(x.output);
    f.cash_nok.push_back(0);
    f.emissions_t.push_back(0);
    f.projects.push_back(0);
    f.ties.push_back(0);
  }
  run.observations.at(std::size_t(month - 1)).snapshot = std::move(snap);
}

// A firm born in month `birth` that closed in month `month`, kept by that month's observation.
void exit_at(RunRecord& run, std::uint32_t uid, int birth, int month, std::uint16_t region = 0,
             ExitCause cause = ExitCause::closure) {
  ExitRows& e = run.observations.at(std::size_t(month - 1)).exits;
  e.uid.push_back(uid);
  e.birth.push_back(birth);
  e.exit.push_back(month);
  e.region.push_back(region);
  e.sector.push_back(0);
  e.employees.push_back(0);
  e.cause.push_back(static_cast<std::uint8_t>(cause));
}

// Firms uid first.. first+n-1, alike but for their uid.
std::vector<Firm> firms(std::uint32_t first, int n, Firm like) {
  std::vector<Firm> out;
  for (int k = 0; k < n; ++k) {
    like.uid = first + std::uint32_t(k);
    out.push_back(like);
  }
  return out;
}

std::vector<Firm> operator+(std::vector<Firm> a, const std::vector<Firm>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Sizes of a discrete power law with P(S >= s) = s^-exponent at every integer s >= 1.
std::vector<int> power_law(double exponent, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<int> sizes;
  while (static_cast<int>(sizes.size()) < n) {
    const double s = std::floor(std::pow(1.0 - u(rng), -1.0 / exponent));
    if (s < 1e9) sizes.push_back(static_cast<int>(s));  // an int holds it (1 draw in 10^6 not)
  }
  return sizes;
}

TEST(Measures, MeanOfIsTheArithmeticMean) {
  EXPECT_DOUBLE_EQ(measures::mean_of({1, 2, 3, 6}), 3.0);
  EXPECT_DOUBLE_EQ(measures::mean_of({-2.5}), -2.5);
}

TEST(Measures, YearlyMeansTakeWholeYearsOfTheStudiedRegionOnly) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(30, s);
  for (int t = 0; t < 30; ++t) {
    Observation& o = run.observations[std::size_t(t)];
    o.at(measures::kStudied, kJobs) = t + 1;  // the month
    o.at(measures::kStudied, kFirms) = -7;
    o.at(RegionId(kOther), kJobs) = 1000;
  }
  EXPECT_EQ(measures::months(run), 30);
  EXPECT_EQ(measures::value_of(run.observations[4], kJobs), 5.0);
  // Means of months 1-12 and 13-24; months 25-30 are not a whole year.
  EXPECT_EQ(measures::yearly_means(run, kJobs), (std::vector<double>{6.5, 18.5}));
  EXPECT_EQ(measures::yearly_means(run, kFirms), (std::vector<double>{-7, -7}));
  EXPECT_TRUE(measures::yearly_means(record_of(11, s), kJobs).empty());
}

TEST(Measures, LowestAndHighestLookAtTheLastMonthsOnly) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(30, s);
  for (int t = 0; t < 30; ++t)
    run.observations[std::size_t(t)].at(measures::kStudied, kJobs) = t + 1;
  run.observations[26].at(measures::kStudied, kJobs) = -5;  // a dip in month 27
  run.observations[29].at(RegionId(kOther), kJobs) = 99;    // the other region's peak
  EXPECT_EQ(measures::lowest_in_last(run, kJobs, 6), -5.0);
  EXPECT_EQ(measures::lowest_in_last(run, kJobs, 3), 28.0) << "months 28-30: after the dip";
  EXPECT_EQ(measures::highest_in_last(run, kJobs, 6), 30.0);
  EXPECT_EQ(measures::highest_in_last(run, kJobs, 30), 30.0);
  EXPECT_EQ(measures::lowest_in_last(run, kJobs, 30), -5.0);
  EXPECT_EQ(measures::highest_in_last(run, kJobs, 1), 30.0);
  EXPECT_FALSE(measures::lowest_in_last(run, kJobs, 31)) << "longer than the run";
  EXPECT_FALSE(measures::highest_in_last(run, kJobs, 31));
}

TEST(Measures, ExitRateCountsEachYearsExitsOverItsFirstSnapshotsPrivateFirms) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(24, s);
  const Firm studied{}, other{.region = kOther};
  const Firm official{.is_public = true};
  // Month 1: 10 private firms of the studied region (uids 1-10), 2 public ones, 3 elsewhere.
  snapshot_at(run, 1, firms(1, 10, studied) + firms(11, 2, official) + firms(13, 3, other));
  snapshot_at(run, 12, firms(3, 8, studied) + firms(11, 2, official) + firms(14, 2, other));
  snapshot_at(run, 24, firms(4, 7, studied) + firms(11, 2, official) + firms(14, 2, other));
  exit_at(run, 1, 0, 3);
  exit_at(run, 2, 0, 12);  // the last month of the first year
  exit_at(run, 3, 0, 13);  // the first of the second
  exit_at(run, 13, 0, 5, kOther);
  EXPECT_EQ(measures::snapshots(run).size(), 3u);
  // 2 of 10 in months 1-12, 1 of 8 in months 13-24; the year from month 24 is not in the run.
  ASSERT_TRUE(measures::exit_rate(run).has_value());
  EXPECT_DOUBLE_EQ(*measures::exit_rate(run), (2.0 / 10 + 1.0 / 8) / 2);
  EXPECT_DOUBLE_EQ(*measures::exit_rate(run, 12), 1.0 / 8) << "the years from month 12";
  EXPECT_FALSE(measures::exit_rate(run, 13)) << "no whole year starts at 13 or later";
}

TEST(Measures, BankruptcyShareIsTheStudiedRegionsInsolvenciesOverItsExits) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(12, s);
  for (std::uint32_t k = 0; k < 120; ++k)
    exit_at(run, 100 + k, 0, 1 + int(k % 12), 0,
            k % 4 == 0 ? ExitCause::insolvency : ExitCause::closure);
  for (std::uint32_t k = 0; k < 50; ++k)
    exit_at(run, 1000 + k, 0, 6, kOther, ExitCause::insolvency);
  ASSERT_TRUE(measures::bankruptcy_share(run).has_value());
  EXPECT_DOUBLE_EQ(*measures::bankruptcy_share(run), 30.0 / 120);

  RunRecord few = record_of(12, s);
  for (std::uint32_t k = 0; k < 99; ++k) exit_at(few, 100 + k, 0, 3, 0, ExitCause::insolvency);
  EXPECT_FALSE(measures::bankruptcy_share(few)) << "too few exits for a share";
}

// The small world has 700 + 500 firms at the start (uids 0-1199): new firms' uids follow.
TEST(Measures, CalendarSurvivalFollowsCohortsBornAfterTheFirstYearByCalendarYear) {
  const Scenario s = testing::small_scenario();
  ASSERT_EQ(s.total_firms(), 1200);
  RunRecord run = record_of(36, s);
  // Born in model year 1 (months 13-24), 1-year survival: still active in year 2 (month 25+).
  for (std::uint32_t k = 0; k < 10; ++k) exit_at(run, 2000 + k, 13 + int(k), 24);  // closed
  for (std::uint32_t k = 0; k < 10; ++k) exit_at(run, 2010 + k, 14, 25);           // into year 2
  std::vector<Firm> alive = firms(2020, 20, {.birth = 24});
  // Not in the cohorts: born in year 0, born too late for a whole year after, elsewhere.
  for (std::uint32_t k = 0; k < 10; ++k) exit_at(run, 3000 + k, 5, 10);
  for (std::uint32_t k = 0; k < 10; ++k) exit_at(run, 3010 + k, 30, 33);
  for (std::uint32_t k = 0; k < 10; ++k) exit_at(run, 3020 + k, 15, 16, kOther);
  alive = alive + firms(3030, 10, {.birth = 15, .region = kOther}) +
          firms(3040, 10, {.birth = 30}) + firms(5, 10, {.birth = -20});
  snapshot_at(run, 36, alive);
  ASSERT_TRUE(measures::calendar_survival(run, 1).has_value());
  EXPECT_DOUBLE_EQ(*measures::calendar_survival(run, 1), 30.0 / 40);
  EXPECT_FALSE(measures::calendar_survival(run, 2)) << "year 3 is not in a 36-month run";

  // A cohort of fewer than 30 firms gives no share.
  RunRecord small = record_of(36, s);
  snapshot_at(small, 36, firms(2000, 29, {.birth = 13}));
  EXPECT_FALSE(measures::calendar_survival(small, 1));
}

TEST(Measures, SizeClassGapIsTheLargestGapToTheNormalisedShares) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(12, s);
  // One establishment in each of four classes (public ones count), ten elsewhere.
  snapshot_at(run, 12,
              std::vector<Firm>{{.uid = 1, .employees = 0},
                                {.uid = 2, .employees = 2},
                                {.uid = 3, .employees = 7, .is_public = true},
                                {.uid = 4, .employees = 300}} +
                  firms(10, 10, {.employees = 2, .region = kOther}));
  PerSizeClass<double> even{};
  for (const SizeClass c :
       {SizeClass::none, SizeClass::e1_4, SizeClass::e5_9, SizeClass::e250_plus})
    even[c] = 2;  // not normalised
  ASSERT_TRUE(measures::size_class_gap(run, 12, even).has_value());
  EXPECT_NEAR(*measures::size_class_gap(run, 12, even), 0.0, 1e-12);
  PerSizeClass<double> small_only{};
  small_only[SizeClass::e1_4] = 0.4;
  EXPECT_DOUBLE_EQ(*measures::size_class_gap(run, 12, small_only), 0.75);
  EXPECT_FALSE(measures::size_class_gap(run, 6, even)) << "no snapshot in month 6";
}

TEST(Measures, GrowthRatesPairPrivateFirmsOfTheStudiedRegionTwelveMonthsApart) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(24, s);
  snapshot_at(run, 1, {{.uid = 1, .employees = 1, .output = 10}});
  snapshot_at(run, 12,
              {{.uid = 1, .employees = 4, .output = 100},
               {.uid = 2, .employees = 0, .output = 100},  // no employees
               {.uid = 3, .employees = 4, .is_public = true, .output = 100},
               {.uid = 4, .employees = 4, .output = 0},  // no value added to grow from
               {.uid = 5, .employees = 4, .region = kOther, .output = 100},
               {.uid = 6, .employees = 3, .output = 50},  // closed before month 24
               {.uid = 7, .employees = 2, .output = 80},  // no value added in month 24
               {.uid = 8, .employees = 1, .output = 40}});
  snapshot_at(run, 13, {{.uid = 1, .employees = 5, .output = 100}});
  snapshot_at(run, 24,
              {{.uid = 1, .employees = 9, .output = 250},
               {.uid = 2, .employees = 3, .output = 100},
               {.uid = 3, .employees = 9, .is_public = true, .output = 300},
               {.uid = 4, .employees = 4, .output = 100},
               {.uid = 5, .employees = 9, .region = kOther, .output = 300},
               {.uid = 7, .employees = 2, .output = 0},
               {.uid = 8, .employees = 0, .output = 20}});
  // Months 1 and 13 are 12 apart too, but the first snapshot does not start a year.
  const std::vector<measures::Growth> g = measures::growth_rates(run);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_DOUBLE_EQ(g[0].employees, 5.0);
  EXPECT_DOUBLE_EQ(g[0].rate, std::log(2.5));
  EXPECT_DOUBLE_EQ(g[0].employee_rate, std::log(10.0 / 5));
  EXPECT_DOUBLE_EQ(g[1].employees, 2.0);
  EXPECT_DOUBLE_EQ(g[1].rate, std::log(0.5));
  EXPECT_DOUBLE_EQ(g[1].employee_rate, std::log(0.5)) << "a firm may shrink to no employees";
}

TEST(Zipf, TheEstimateAtTheLowestThresholdIsTheHalfUnitCorrectedMaximumLikelihood) {
  // With min_tail = every size, only the smallest size is tried as threshold: the tail's count
  // over the sum of ln((s - 0.5) / (1 - 0.5)), over sizes 1, 1, 2, 4: 4 / (ln 3 + ln 7).
  const auto fit = measures::fit_zipf({4, 1, 2, 1}, 4);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->threshold, 1);
  EXPECT_EQ(fit->tail, 4u);
  EXPECT_NEAR(fit->exponent, 4 / std::log(21.0), 1e-12);
  EXPECT_FALSE(measures::fit_zipf({4, 1, 2, 1}, 5)) << "fewer sizes than min_tail";
}

// Firms all of one size have no tail to fit: nothing, not an infinite exponent that would win
// with a distance of 0; above a tail of one size, the thresholds below it still fit.
TEST(Zipf, ATailOfOneSizeIsNoLaw) {
  EXPECT_FALSE(measures::fit_zipf(std::vector<int>(100, 7)).has_value());
  std::vector<int> sizes = power_law(1.0, 3000, 5);
  const int top = *std::max_element(sizes.begin(), sizes.end());
  sizes.insert(sizes.end(), 60, top);  // the largest size now a tail of 60 on its own
  const auto fit = measures::fit_zipf(sizes);
  ASSERT_TRUE(fit.has_value());
  EXPECT_TRUE(std::isfinite(fit->exponent));
  EXPECT_LT(fit->threshold, top);
}

TEST(Zipf, SizesBelowOneAreNotFirmsOfTheLawAndOrderDoesNotMatter) {
  std::vector<int> sizes = power_law(1.0, 3000, 5);
  const auto fit = measures::fit_zipf(sizes);
  ASSERT_TRUE(fit.has_value());
  std::vector<int> more = sizes;
  more.insert(more.end(), 500, 0);
  more.insert(more.end(), 20, -3);
  std::reverse(more.begin(), more.end());
  const auto same = measures::fit_zipf(more);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->exponent, fit->exponent);
  EXPECT_EQ(same->threshold, fit->threshold);
  EXPECT_EQ(same->tail, fit->tail);
  EXPECT_EQ(same->distance, fit->distance);
  // 49 firms of the law and many without employees: too few to fit.
  std::vector<int> few(300, 0);
  few.insert(few.end(), sizes.begin(), sizes.begin() + 49);
  EXPECT_FALSE(measures::fit_zipf(few));
}

TEST(Zipf, ADiscretePowerLawIsRecoveredOnATailOfAtLeastMinTailSizes) {
  for (const double exponent : {0.7, 1.0, 1.3}) {
    const std::vector<int> sizes = power_law(exponent, 20000, 11);
    const auto fit = measures::fit_zipf(sizes, 2000);
    ASSERT_TRUE(fit.has_value()) << exponent;
    EXPECT_NEAR(fit->exponent, exponent, 0.1 * exponent) << "threshold " << fit->threshold;
    EXPECT_GE(fit->tail, 2000u);
    EXPECT_EQ(fit->tail, std::size_t(std::count_if(sizes.begin(), sizes.end(),
                                                   [&](int s) { return s >= fit->threshold; })))
        << "the tail is every size at or above the threshold";
    EXPECT_GE(fit->threshold, 1);
    EXPECT_GE(fit->distance, 0.0);
    EXPECT_LT(fit->distance, 1.0);
  }
}

TEST(Zipf, TheLastMonthsFitTakesThePrivateFirmsOfTheStudiedRegionWithEmployees) {
  const Scenario s = testing::small_scenario();
  RunRecord run = record_of(12, s);
  const std::vector<int> sizes = power_law(1.0, 3000, 3);
  std::vector<Firm> last;
  for (std::size_t k = 0; k < sizes.size(); ++k)
    last.push_back({.uid = std::uint32_t(k), .employees = sizes[k]});
  last = last + firms(5000, 200, {.employees = 0}) +
         firms(6000, 100, {.employees = 5000, .is_public = true}) +
         firms(7000, 100, {.employees = 8000, .region = kOther});
  snapshot_at(run, 1, firms(0, 3000, {.employees = 40}));  // not the last month
  snapshot_at(run, 12, last);
  const auto fit = measures::zipf_of_last_month(run);
  const auto wanted = measures::fit_zipf(sizes);
  ASSERT_TRUE(fit.has_value());
  ASSERT_TRUE(wanted.has_value());
  EXPECT_EQ(fit->exponent, wanted->exponent);
  EXPECT_EQ(fit->threshold, wanted->threshold);
  EXPECT_EQ(fit->tail, wanted->tail);
}

TEST(Measures, ARunsSnapshotsAreKeyedByTheMonthTheyWereTakenIn) {
  const Scenario s = testing::small_scenario({"simulation.steps=8", "simulation.snapshot_every=3"});
  const RunRecord run = record_run(s);
  EXPECT_EQ(measures::months(run), 8);
  const auto snaps = measures::snapshots(run);
  std::vector<int> taken;
  for (const auto& [month, snap] : snaps) {
    taken.push_back(month);
    ASSERT_FALSE(snap->firms.time.empty());
    EXPECT_EQ(snap->firms.time.front(), month) << "the month the snapshot says";
  }
  EXPECT_EQ(taken, (std::vector<int>{1, 3, 6, 8})) << "the first, every third, the last";
  // Eight months hold no whole year: no yearly mean, no year of exits.
  EXPECT_TRUE(measures::yearly_means(run, kJobs).empty());
  EXPECT_FALSE(measures::exit_rate(run)) << "no year of exits in 8 months";
}

}  // namespace
}  // namespace ecosim
