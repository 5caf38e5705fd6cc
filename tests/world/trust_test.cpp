#include "world/trust.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "support/small_world.hpp"

namespace ecosim {
namespace {

const ActorRef firm1 = ActorRef::firm(FirmId(1)), firm2 = ActorRef::firm(FirmId(2)),
               firm3 = ActorRef::firm(FirmId(3));

TEST(TrustNetwork, StoresAndFindsTiesPerHolder) {
  TrustNetwork net(3);
  net.resize(4);
  EXPECT_TRUE(net.set(FirmId(0), firm1, 0.5f));
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, -1.0f), 0.5f);
  EXPECT_FLOAT_EQ(net.trust(FirmId(1), ActorRef::firm(FirmId(0)), -1.0f), -1.0f)
      << "ties are held per holder";
  EXPECT_TRUE(net.set(FirmId(0), firm1, 0.7f));
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, -1.0f), 0.7f) << "setting again updates";
  // A tie of trust 0 is still a tie: no fallback value stands for "none".
  EXPECT_TRUE(net.set(FirmId(2), firm3, 0.0f));
  EXPECT_TRUE(net.has_tie(FirmId(2), firm3));
  EXPECT_FALSE(net.has_tie(FirmId(3), ActorRef::firm(FirmId(2))));
  EXPECT_TRUE(net.has_tie(FirmId(0), firm1));
}

TEST(TrustNetwork, FullHolderForgetsItsWeakestTieOnlyForAStrongerOne) {
  TrustNetwork net(2);
  net.resize(4);
  net.set(FirmId(0), firm1, 0.3f);
  net.set(FirmId(0), firm2, 0.6f);
  EXPECT_FALSE(net.set(FirmId(0), firm3, 0.2f));
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm3, -1.0f), -1.0f);
  EXPECT_TRUE(net.set(FirmId(0), firm3, 0.4f));
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, -1.0f), -1.0f) << "the weakest went";
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm2, -1.0f), 0.6f);
}

TEST(TrustNetwork, KeepIfUpdatesTheKeptTiesInOrderAndForgetsTheOthers) {
  TrustNetwork net(8);
  net.resize(4);
  const ActorRef university = ActorRef::university(UniversityId(0));
  net.set(FirmId(0), firm1, 0.1f);
  net.set(FirmId(0), university, 0.2f);
  net.set(FirmId(0), firm2, 0.3f);
  net.set(FirmId(0), firm3, 0.4f);
  ASSERT_TRUE(net.holds_university_tie(FirmId(0)));
  std::vector<ActorRef> seen;
  net.keep_if(FirmId(0), [&](Tie& tie) {
    seen.push_back(tie.other);
    tie.trust += 1.0f;  // kept ties keep the update
    return tie.other != university && tie.other != firm2;
  });
  EXPECT_EQ(seen, (std::vector<ActorRef>{firm1, university, firm2, firm3})) << "each tie once";
  const auto held = net.ties_of(FirmId(0));
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].other, firm1);
  EXPECT_EQ(held[1].other, firm3) << "the kept keep their order";
  EXPECT_FLOAT_EQ(held[0].trust, 1.1f);
  EXPECT_FLOAT_EQ(held[1].trust, 1.4f);
  EXPECT_FALSE(net.holds_university_tie(FirmId(0))) << "the university tie is counted off";
}

TEST(TrustNetwork, NudgeMovesTowardTheTargetByTheRate) {
  TrustNetwork net(4);
  net.resize(2);
  net.nudge(FirmId(0), firm1, 0.5f, 1.0f, 0.1f);
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, 0.0f), 0.55f);
  net.nudge(FirmId(0), firm1, 0.5f, 0.0f, 0.5f);
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, 0.0f), 0.275f);
  net.clear(FirmId(0));
  EXPECT_FLOAT_EQ(net.trust(FirmId(0), firm1, -1.0f), -1.0f);
}

TEST(TrustNetwork, CountsJointProjectsOnHeldTiesOnly) {
  TrustNetwork net(2);
  net.resize(3);
  net.set(FirmId(0), firm1, 0.5f);
  net.add_joint_project(FirmId(0), firm1);
  net.add_joint_project(FirmId(0), firm1);
  net.add_joint_project(FirmId(0), firm2);  // not held: nothing to count on
  int counted = 0;
  for (const Tie& tie : net.ties_of(FirmId(0))) counted += tie.joint_projects;
  EXPECT_EQ(counted, 2);
}

TEST(TrustNetwork, KnowsWhichFirmsHoldAUniversityTie) {
  TrustNetwork net(2);
  net.resize(3);
  const ActorRef uni = ActorRef::university(UniversityId(0));
  EXPECT_FALSE(net.holds_university_tie(FirmId(0)));
  net.set(FirmId(0), uni, 0.5f);
  EXPECT_TRUE(net.holds_university_tie(FirmId(0)));
  net.set(FirmId(0), uni, 0.6f);  // an update, not a second tie
  net.set(FirmId(0), firm1, 0.7f);
  net.set(FirmId(0), firm2, 0.9f);  // full: evicts the weakest, the university tie
  EXPECT_FALSE(net.holds_university_tie(FirmId(0)));
  net.set(FirmId(1), uni, 0.5f);
  net.clear(FirmId(1));
  EXPECT_FALSE(net.holds_university_tie(FirmId(1)));
}

}  // namespace
}  // namespace ecosim
