// The success outlook of a project (phases/partnerships/success.cpp).
#include "phases/partnerships/success.hpp"

#include <gtest/gtest.h>

#include "support/runs.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"
#include "world/knowledge.hpp"

namespace ecosim {
namespace {

using testing::mean_success;
using testing::over_seeds;

class SuccessOutlookTest : public testing::SmallWorld {
 protected:
  std::vector<FirmId> firms = testing::alive_firms(world, RegionId(0), 4);
};

TEST_F(SuccessOutlookTest, RisesWithTrustAndFundingAndFallsWithMoreParties) {
  Project& p =
      testing::add_project(world, firm(0), {firm(1)}, Theme::climate_energy, 1e6, 12, 0.3f);
  p.parties[0].cash_nok = 0.5e6;
  const double low_trust = assess_success(world, s, p).probability;
  p.parties[1].trust = 0.9f;
  const double high_trust = assess_success(world, s, p).probability;
  EXPECT_GT(high_trust, low_trust);
  p.parties[1].cash_nok = 0.5e6;  // now fully funded
  const double funded = assess_success(world, s, p).probability;
  EXPECT_GT(funded, high_trust);
  p.parties.push_back({firm(2), RegionId(0), 0.9f, 0, 0, 0});
  p.parties.push_back({firm(3), RegionId(0), 0.9f, 0, 0, 0});
  const Knowledge same = world.firms.knowledge[firms[1]];
  world.firms.knowledge[firms[2]] = world.firms.knowledge[firms[3]] =
      same;  // no new complementarity
  EXPECT_LT(assess_success(world, s, p).probability, funded) << "coordinating more parties costs";
  EXPECT_GT(funded, 0.0);
  EXPECT_LT(funded, 1.0);
}

TEST_F(SuccessOutlookTest, ComplementarityIsTheMeanGapBetweenLeadAndPartners) {
  const Project& p = testing::add_project(world, firm(0), {firm(1), firm(2)});
  const double expected =
      (complementarity(world, firm(0), firm(1)) + complementarity(world, firm(0), firm(2))) / 2.0;
  EXPECT_NEAR(assess_success(world, s, p).complementarity, expected, 1e-6);
  EXPECT_EQ(p.complementarity, 0.0f) << "assessing does not write to the project";
}

TEST(Success, TransparencyRaisesTheSuccessOfProjectsStarted) {
  EXPECT_GT(over_seeds({"policy.municipality.transparency=true"}, mean_success),
            over_seeds({"policy.municipality.transparency=false"}, mean_success));
}

TEST(Success, SingleContractOwnerLowersCoordinationCost) {
  EXPECT_GT(over_seeds({"policy.municipality.single_contract_owner=true"}, mean_success),
            over_seeds({"policy.municipality.single_contract_owner=false"}, mean_success));
}

}  // namespace
}  // namespace ecosim
