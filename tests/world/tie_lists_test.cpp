#include "world/tie_lists.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace ecosim {
namespace {

Tie tie_to(std::uint32_t firm, float trust) { return {ActorRef::firm(FirmId(firm)), trust, 0, 0}; }

std::vector<float> trusts(const TieLists& lists, std::size_t holder) {
  std::vector<float> out;
  for (const Tie& t : lists.of(FirmId(holder))) out.push_back(t.trust);
  return out;
}

TEST(TieLists, EachHolderKeepsItsTiesInOrderWhileOthersGrowAndMove) {
  TieLists lists;
  lists.resize(3);
  // Interleaved pushes: each full list moves to the end of the pool, past the others.
  for (int k = 0; k < 20; ++k)
    for (std::uint32_t h = 0; h < 3; ++h) lists.push_back(FirmId(h), tie_to(h, float(10 * h + k)));
  for (std::size_t h = 0; h < 3; ++h) {
    ASSERT_EQ(lists.of(FirmId(h)).size(), 20u);
    for (int k = 0; k < 20; ++k) EXPECT_EQ(trusts(lists, h)[k], float(10 * h + k));
  }
  EXPECT_EQ(lists.ties(), 60u);
  EXPECT_GT(lists.pool_size(), 60u) << "moved lists leave room behind";
}

TEST(TieLists, CompactionLaysListsOutInHolderOrderWithoutRoom) {
  TieLists lists;
  lists.resize(4);
  for (int k = 0; k < 9; ++k)
    for (std::uint32_t h : {2u, 0u, 3u}) lists.push_back(FirmId(h), tie_to(h, float(k + h)));
  lists.shrink(FirmId(3), 4);
  const std::vector<float> before[] = {trusts(lists, 0), trusts(lists, 1), trusts(lists, 2),
                                       trusts(lists, 3)};
  lists.compact();
  EXPECT_EQ(lists.pool_size(), 9u + 9u + 4u) << "only the ties held";
  for (std::size_t h = 0; h < 4; ++h) EXPECT_EQ(trusts(lists, h), before[h]);
  // In holder order: each list begins where the one before ends.
  EXPECT_EQ(lists.of(FirmId(2)).data(), lists.of(FirmId(0)).data() + 9);
  EXPECT_EQ(lists.of(FirmId(3)).data(), lists.of(FirmId(2)).data() + 9);
  // After compaction a list has no room: the next tie moves it, and it keeps what it held.
  lists.push_back(FirmId(0), tie_to(0, 99.0f));
  EXPECT_EQ(trusts(lists, 0).back(), 99.0f);
  EXPECT_EQ(trusts(lists, 0).size(), 10u);
  EXPECT_EQ(trusts(lists, 2), before[2]);
}

TEST(TieLists, CompactsOnlyOnceMovedListsLeaveAQuarterOfThePoolBehind) {
  TieLists lists;
  lists.resize(1000);
  for (std::uint32_t h = 0; h < 1000; ++h) lists.reserve(FirmId(h), 1);  // laid out, no moves
  for (std::uint32_t h = 0; h < 1000; ++h) lists.push_back(FirmId(h), tie_to(h, 1.0f));
  lists.compact_if_sparse();
  EXPECT_EQ(lists.pool_size(), 1000u) << "nothing left behind: no compaction needed";
  // Each second tie moves a list (room 1 -> 2), leaving its old slot behind.
  for (std::uint32_t h = 0; h < 200; ++h) lists.push_back(FirmId(h), tie_to(h, 2.0f));
  lists.compact_if_sparse();
  EXPECT_EQ(lists.pool_size(), 1000u + 400u) << "200 of 1400 left behind: under a quarter";
  // A move from room 1 to 2 leaves 1 behind and adds 2: after n moves n of 1000 + 2n are
  // behind, a quarter once n > 500.
  for (std::uint32_t h = 200; h < 500; ++h) lists.push_back(FirmId(h), tie_to(h, 2.0f));
  lists.compact_if_sparse();
  EXPECT_EQ(lists.pool_size(), 2000u) << "500 of 2000 behind: not yet";
  lists.push_back(FirmId(500), tie_to(500, 2.0f));
  lists.compact_if_sparse();
  EXPECT_EQ(lists.pool_size(), 1501u) << "501 of 2002 behind: laid out again";
  EXPECT_EQ(lists.ties(), 1501u);
  EXPECT_EQ(trusts(lists, 500), (std::vector<float>{1.0f, 2.0f}));
  EXPECT_EQ(trusts(lists, 501), (std::vector<float>{1.0f}));
}

TEST(TieLists, ReservedRoomTakesTiesWithoutMovingAndClearedRoomIsReused) {
  TieLists lists;
  lists.resize(2);
  lists.reserve(FirmId(0), 3);
  const Tie* where = lists.of(FirmId(0)).data();
  for (int k = 0; k < 3; ++k) lists.push_back(FirmId(0), tie_to(1, float(k)));
  EXPECT_EQ(lists.of(FirmId(0)).data(), where) << "no move within the room reserved";
  lists.shrink(FirmId(0), 0);  // a firm that closed: its row's room waits for an entrant
  EXPECT_TRUE(lists.of(FirmId(0)).empty());
  lists.push_back(FirmId(0), tie_to(1, 5.0f));
  EXPECT_EQ(lists.of(FirmId(0)).data(), where);
  EXPECT_EQ(lists.pool_size(), 3u);
}

// A list may hold as many ties as max_ties_per_firm allows (65,535): doubling its room past
// what a slot can tell once refused the 32,769th tie.
TEST(TieLists, AListGrowsToTheLargestMaxTiesAllows) {
  TieLists lists;
  lists.resize(1);
  for (std::uint32_t k = 0; k < 65535; ++k) lists.push_back(FirmId(0), tie_to(k, 0.5f));
  EXPECT_EQ(lists.of(FirmId(0)).size(), 65535u);
  EXPECT_EQ(lists.of(FirmId(0)).back().other, ActorRef::firm(FirmId(65534)));
  EXPECT_THROW(lists.push_back(FirmId(0), tie_to(0, 0.5f)), std::length_error)
      << "one more than a slot can tell is refused, not wrapped";
}

TEST(TieLists, AssignReplacesAListAndIterationVisitsEachHolderInOrder) {
  TieLists lists;
  lists.resize(3);
  lists.push_back(FirmId(1), tie_to(0, 1.0f));
  const std::vector<Tie> three = {tie_to(2, 0.1f), tie_to(0, 0.2f), tie_to(2, 0.3f)};
  lists.assign(FirmId(1), three);
  EXPECT_EQ(trusts(lists, 1), (std::vector<float>{0.1f, 0.2f, 0.3f}));
  std::vector<std::size_t> sizes;
  for (const std::span<const Tie> held : lists) sizes.push_back(held.size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{0, 3, 0}));
  lists.resize(1);
  EXPECT_EQ(lists.size(), 1u);
  EXPECT_TRUE(lists.of(FirmId(0)).empty());
}

}  // namespace
}  // namespace ecosim
