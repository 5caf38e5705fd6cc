// The establishments a region starts with, and entrants (world/establishments.cpp).
#include "world/establishments.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/small_world.hpp"
#include "world/random.hpp"

namespace ecosim {
namespace {

const RegionId drammen{0};

std::vector<Establishment> draw(const Scenario& s, int seed) {
  Rng rng =
      make_rng(static_cast<std::uint64_t>(seed), AgentKind::region, 0, 0, Stream::initial_sizes);
  return draw_establishments(s, drammen, rng);
}

TEST(Establishments, FollowSsbsSizeClassesExactlyAndReachTheRegionsJobs) {
  const Scenario s = load_default_scenario();
  const RegionParams& p = s.regions[drammen];
  for (const int seed : {1, 2, 3}) {
    SCOPED_TRACE(seed);
    const std::vector<Establishment> all = draw(s, seed);
    ASSERT_EQ(all.size(), static_cast<std::size_t>(p.firms));
    PerSizeClass<int> counts{};
    std::int64_t jobs = 0, owners = 0;
    for (const Establishment& e : all) {
      ++counts[size_class_of(e.employees)];
      jobs += e.employees + e.owner_works;
      owners += e.owner_works;
      EXPECT_TRUE(!e.owner_works || e.employees == 0)
          << "working owners are those of firms without employees";
      EXPECT_TRUE(!e.is_public || e.employees > 0);
    }
    EXPECT_EQ(jobs, p.jobs) << "exact at every seed";
    EXPECT_EQ(owners, std::llround(p.self_employed_share * p.jobs));
    for (const SizeClass c : kAllSizeClasses) {
      if (c == SizeClass::e250_plus || c == SizeClass::e100_249)
        continue;  // scaling may move a few
      EXPECT_NEAR(counts[c], s.firms.size_class_shares[c] * p.firms, 1.0)
          << kSizeClassNames[std::size_t(c)];
    }
  }
}

TEST(Establishments, SectorsAndPublicSharesFollowTheirTables) {
  const Scenario s = load_default_scenario();
  const RegionParams& p = s.regions[drammen];
  const std::vector<Establishment> all = draw(s, 7);
  SectorArray jobs{}, public_jobs{};
  double total = 0;
  // Jobs as SSB counts them: employees and working owners.
  for (const Establishment& e : all) {
    jobs[e.sector] += e.employees + e.owner_works;
    total += e.employees + e.owner_works;
    if (e.is_public) public_jobs[e.sector] += e.employees;
  }
  for (const Sector k : kAllSectors) {
    SCOPED_TRACE(std::string(name_of(k)));
    EXPECT_NEAR(jobs[k] / total, p.sector_shares[k], 0.01);
    EXPECT_NEAR(public_jobs[k] / std::max(1.0, jobs[k]), s.firms.public_share[k], 0.06);
  }
}

TEST(Establishments, EntrantsAreSmallAndPrivate) {
  const Scenario s = load_default_scenario();
  Rng rng = make_rng(3, AgentKind::region, 0, 0, Stream::new_firm_size);
  int solo = 0, owners = 0;
  const int n = 4000;
  for (int k = 0; k < n; ++k) {
    const Establishment e = draw_entrant(s, drammen, 0.5, rng);
    EXPECT_FALSE(e.is_public);
    EXPECT_LE(e.employees, 4);
    EXPECT_LT(s.firms.public_share[e.sector], 1.0);
    solo += e.employees == 0;
    owners += e.owner_works;
  }
  EXPECT_NEAR(double(solo) / n, s.firms.entrant_no_employee_share, 0.03);
  EXPECT_NEAR(double(owners) / solo, 0.5, 0.04);
}

}  // namespace
}  // namespace ecosim
