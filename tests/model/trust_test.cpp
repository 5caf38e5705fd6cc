#include "world/trust.hpp"

#include <gtest/gtest.h>

namespace ecosim {
namespace {

TEST(TrustNetwork, StoresAndFindsTiesPerHolder) {
  TrustNetwork net(3);
  net.resize(4);
  EXPECT_TRUE(net.set(0, ActorRef::firm(1), 0.5f));
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), -1.0f), 0.5f);
  EXPECT_FLOAT_EQ(net.trust(1, ActorRef::firm(0), -1.0f), -1.0f) << "ties are held per holder";
  EXPECT_TRUE(net.set(0, ActorRef::firm(1), 0.7f));
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), -1.0f), 0.7f) << "setting again updates";
}

TEST(TrustNetwork, FullHolderForgetsItsWeakestTieOnlyForAStrongerOne) {
  TrustNetwork net(2);
  net.resize(4);
  net.set(0, ActorRef::firm(1), 0.3f);
  net.set(0, ActorRef::firm(2), 0.6f);
  EXPECT_FALSE(net.set(0, ActorRef::firm(3), 0.2f));
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(3), -1.0f), -1.0f);
  EXPECT_TRUE(net.set(0, ActorRef::firm(3), 0.4f));
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), -1.0f), -1.0f) << "the weakest went";
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(2), -1.0f), 0.6f);
}

TEST(TrustNetwork, NudgeMovesTowardTheTargetByTheRate) {
  TrustNetwork net(4);
  net.resize(2);
  net.nudge(0, ActorRef::firm(1), 0.5f, 1.0f, 0.1f);
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), 0.0f), 0.55f);
  net.nudge(0, ActorRef::firm(1), 0.5f, 0.0f, 0.5f);
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), 0.0f), 0.275f);
  net.clear(0);
  EXPECT_FLOAT_EQ(net.trust(0, ActorRef::firm(1), -1.0f), -1.0f);
}

TEST(TrustNetwork, LadderRungsFollowTheThresholds) {
  const std::array<double, 3> ladder = {0.2, 0.4, 0.6};
  EXPECT_EQ(rung_of(0.1f, ladder), Rung::conversation);
  EXPECT_EQ(rung_of(0.2f, ladder), Rung::shared_view);
  EXPECT_EQ(rung_of(0.5f, ladder), Rung::cooperation);
  EXPECT_EQ(rung_of(0.9f, ladder), Rung::joint_action);
}

TEST(ActorRef, KeepsKindAndIndexApart) {
  const ActorRef a = ActorRef::make(ActorKind::university, 12345);
  EXPECT_EQ(a.kind(), ActorKind::university);
  EXPECT_EQ(a.index(), 12345u);
  EXPECT_FALSE(a.is_firm());
  EXPECT_TRUE(ActorRef::firm(0).is_firm());
  EXPECT_TRUE(ActorRef{}.empty());
}

}  // namespace
}  // namespace ecosim

namespace ecosim {
namespace {

TEST(TrustNetwork, KnowsWhichFirmsHoldAUniversityTie) {
  TrustNetwork net(2);
  net.resize(3);
  const ActorRef uni = ActorRef::make(ActorKind::university, 0);
  EXPECT_FALSE(net.holds_university_tie(0));
  net.set(0, uni, 0.5f);
  EXPECT_TRUE(net.holds_university_tie(0));
  net.set(0, uni, 0.6f);  // an update, not a second tie
  net.set(0, ActorRef::firm(1), 0.7f);
  net.set(0, ActorRef::firm(2), 0.9f);  // full: evicts the weakest, the university tie
  EXPECT_FALSE(net.holds_university_tie(0));
  net.set(1, uni, 0.5f);
  net.clear(1);
  EXPECT_FALSE(net.holds_university_tie(1));
}

}  // namespace
}  // namespace ecosim
