#include "world/actor.hpp"

#include <gtest/gtest.h>

namespace ecosim {
namespace {

TEST(ActorRef, KeepsKindAndIndexApart) {
  const ActorRef a = ActorRef::university(UniversityId(12345));
  EXPECT_EQ(a.kind(), ActorKind::university);
  EXPECT_EQ(*a.as_university(), UniversityId(12345));
  EXPECT_TRUE(a.is_university());
  EXPECT_FALSE(a.is_firm());
  EXPECT_TRUE(ActorRef::firm(FirmId(0)).is_firm());
  EXPECT_TRUE(ActorRef{}.empty());
  EXPECT_FALSE(ActorRef{}.is_firm());
  EXPECT_FALSE(ActorRef{}.is_university());
  EXPECT_NE(ActorRef::firm(FirmId(3)), ActorRef::university(UniversityId(3)));
}

// An actor reads as its own kind only: a university is no firm of the same index.
TEST(ActorRef, ReadsAsItsOwnKindOnly) {
  const ActorRef u = ActorRef::university(UniversityId(3)), f = ActorRef::firm(FirmId(3));
  EXPECT_FALSE(u.as_firm());
  EXPECT_FALSE(f.as_university());
  EXPECT_FALSE(ActorRef{}.as_firm() || ActorRef{}.as_university());
  EXPECT_EQ(*f.as_firm(), FirmId(3));
  EXPECT_EQ(visit(
                u, [](FirmId) { return -1; }, [](UniversityId id) { return int(id.value()); }),
            3);
}

TEST(ActorRef, HoldsTheLargestIndexOfItsBits) {
  const std::uint32_t largest = ActorRef::kIndexMask;
  EXPECT_EQ(*ActorRef::firm(FirmId(largest)).as_firm(), FirmId(largest));
  EXPECT_EQ(ActorRef::firm(FirmId(largest)).kind(), ActorKind::firm);
}

TEST(ActorRef, VisitCallsTheBranchOfItsKind) {
  auto describe = [](ActorRef a) {
    return visit(
        a, [](FirmId f) { return "firm " + std::to_string(f.index()); },
        [](UniversityId u) { return "university " + std::to_string(u.index()); });
  };
  EXPECT_EQ(describe(ActorRef::firm(FirmId(7))), "firm 7");
  EXPECT_EQ(describe(ActorRef::university(UniversityId(2))), "university 2");
}

}  // namespace
}  // namespace ecosim
