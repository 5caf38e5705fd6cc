// The success outlook of a project (phases/partnerships/success.cpp).
#include "phases/partnerships/success.hpp"

#include <gtest/gtest.h>

#include "support/runs.hpp"
#include "support/small_world.hpp"
#include "world/build.hpp"
#include "world/knowledge.hpp"

namespace ecosim {
namespace {

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
  p.parties.push_back({.actor = firm(2), .uid = 0, .region = RegionId(0), .trust = 0.9f});
  p.parties.push_back({.actor = firm(3), .uid = 0, .region = RegionId(0), .trust = 0.9f});
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

TEST_F(SuccessOutlookTest, OneContractOwnerLowersTheCoordinationCostOfMunicipalPartnerships) {
  Project& p = testing::add_project(world, firm(0), {firm(1), firm(2), firm(3)});
  auto chance = [&](bool single_owner) {
    const Scenario owner =
        testing::small_scenario({std::string("policy.municipality.single_contract_owner=") +
                                 (single_owner ? "true" : "false")});
    return assess_success(world, owner, p).probability;
  };
  EXPECT_EQ(chance(true), chance(false)) << "not the municipality's partnership: no contract owner";
  p.municipal_nok = 1e5;
  EXPECT_GT(chance(true), chance(false));
}

TEST_F(SuccessOutlookTest, PartiesWithMoreAtStakeSucceedMoreOften) {
  Project& p = testing::add_project(world, firm(0), {firm(1)});
  p.agency_nok = 0.8e6;
  p.parties[0].cash_nok = 0.2e6;
  const double little = assess_success(world, s, p).probability;
  p.agency_nok = 0.2e6;
  p.parties[1].cash_nok = 0.6e6;
  EXPECT_GT(assess_success(world, s, p).probability, little);
}

TEST_F(SuccessOutlookTest, MoneyPartiesWithdrawLowersTheRealisedChance) {
  Project& p = testing::add_project(world, firm(0), {firm(1)});
  p.success_probability = 0.6f;
  EXPECT_NEAR(realised_success(s, p), 0.6, 1e-6);
  p.withdrawn_nok = 0.2 * p.budget_nok;
  EXPECT_LT(realised_success(s, p), 0.6);
}

}  // namespace
}  // namespace ecosim
