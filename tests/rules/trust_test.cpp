// The rules of trust (rules/trust.hpp): rungs, where ties start and rest, the lowest trust to
// partner.
#include "rules/trust.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(TrustRules, LadderRungsFollowTheThresholds) {
  const std::array<double, 3> ladder = {0.2, 0.4, 0.6};
  EXPECT_EQ(rung_of(0.1f, ladder), Rung::conversation);
  EXPECT_EQ(rung_of(0.2f, ladder), Rung::shared_view);
  EXPECT_EQ(rung_of(0.5f, ladder), Rung::cooperation);
  EXPECT_EQ(rung_of(0.9f, ladder), Rung::joint_action);
}

// One rule for where a tie rests and starts: the holder region's generalised trust, lower
// across regions, scaled by how the two met.
TEST(TrustRules, TieTrustIsTheHolderRegionsTrustLowerAcrossRegions) {
  const Scenario s = testing::small_scenario({"trust.cross_region_factor=0.25"});
  const RegionId small(0), rival(1);
  EXPECT_FLOAT_EQ(tie_trust(s, small, small), 0.7f);
  EXPECT_FLOAT_EQ(tie_trust(s, rival, rival), 0.5f);
  EXPECT_FLOAT_EQ(tie_trust(s, small, rival), 0.7f * 0.25f);
  EXPECT_FLOAT_EQ(tie_trust(s, rival, small), 0.5f * 0.25f) << "the holder's region decides";
  EXPECT_FLOAT_EQ(tie_trust(s, small, small, 0.5f), 0.35f);
}

TEST(TrustRules, MinimumPartnerTrustIsTheThresholdOfTheRung) {
  const auto at = [](const char* rung) {
    return min_partner_trust(
        testing::small_scenario({std::string("trust.min_rung_to_partner=") + rung}));
  };
  EXPECT_FLOAT_EQ(at("conversation"), 0.0f);
  EXPECT_FLOAT_EQ(at("shared_view"), 0.2f);
  EXPECT_FLOAT_EQ(at("cooperation"), 0.4f);
  EXPECT_FLOAT_EQ(at("joint_action"), 0.6f);
}

// A cross-region tie rests at trust.cross_region_factor of a local one until the two have
// worked together; then at cross_region_factor_partners (knowing each other replaces distance).
TEST(TrustRules, CrossRegionPartnersRestWhereTheirJointWorkPutsThem) {
  const Scenario s = testing::small_scenario(
      {"trust.cross_region_factor=0.5", "trust.cross_region_factor_partners=0.9"});
  const bool stranger = false, partner = true;
  EXPECT_FLOAT_EQ(resting_trust(s, RegionId(0), RegionId(1), stranger), 0.7f * 0.5f);
  EXPECT_FLOAT_EQ(resting_trust(s, RegionId(0), RegionId(1), partner), 0.7f * 0.9f);
  EXPECT_FLOAT_EQ(resting_trust(s, RegionId(0), RegionId(0), partner), 0.7f);
  EXPECT_FLOAT_EQ(resting_trust(s, RegionId(0), RegionId(0), stranger),
                  tie_trust(s, RegionId(0), RegionId(0)));
}

}  // namespace
}  // namespace ecosim
