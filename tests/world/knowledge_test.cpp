#include "world/knowledge.hpp"

#include <gtest/gtest.h>

#include "support/small_world.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

TEST(Knowledge, MeanIsOverThemes) {
  Knowledge k{};
  k[Theme::climate_energy] = 0.6f;
  k[Theme::capital] = 0.3f;
  EXPECT_NEAR(mean_of(k), 0.15, 1e-7);
}

TEST(Knowledge, ComplementarityIsTheMeanAbsoluteGapAndPracticeWeighsCapability) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const auto firms = testing::alive_firms(w, RegionId(0), 2);
  const ActorRef a = ActorRef::firm(firms[0]), b = ActorRef::firm(firms[1]);
  w.firms.knowledge[firms[0]].fill(0.2f);
  w.firms.knowledge[firms[1]].fill(0.5f);
  w.firms.knowledge[firms[1]][Theme::tourism] = 0.2f;
  EXPECT_NEAR(complementarity(w, a, b), 5 * 0.3 / 6, 1e-6);
  EXPECT_FLOAT_EQ(complementarity(w, a, a), 0.0f);
  w.firms.expertise[firms[1]].fill(0.0f);
  EXPECT_FLOAT_EQ(effective_capability(w, b, Theme::climate_energy), 0.25f);
}

}  // namespace
}  // namespace ecosim

namespace ecosim {
namespace {

TEST(Knowledge, UniversitiesUseTheirResearchAtFullStrength) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const ActorRef uni = ActorRef::university(UniversityId(0));
  w.universities[UniversityId(0)].research[Theme::competence] = 0.8f;
  EXPECT_FLOAT_EQ(knowledge_of(w, uni)[Theme::competence], 0.8f);
  EXPECT_FLOAT_EQ(effective_capability(w, uni, Theme::competence), 0.8f);
}

}  // namespace
}  // namespace ecosim
