#include "engine/id.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <type_traits>
#include <vector>

namespace ecosim {
namespace {

using AppleId = Id<struct AppleTag>;
using PearId = Id<struct PearTag, std::uint16_t>;

// Kinds of id do not mix: no conversion between them, nor from plain integers.
static_assert(!std::is_convertible_v<AppleId, PearId>);
static_assert(!std::is_constructible_v<PearId, AppleId>);
static_assert(!std::is_convertible_v<std::size_t, AppleId>);
static_assert(!std::is_convertible_v<AppleId, std::size_t>);
static_assert(sizeof(AppleId) == 4 && sizeof(PearId) == 2, "an id costs what its integer costs");
static_assert(sizeof(MaybeId<AppleId>) == sizeof(AppleId),
              "no room for a flag: the largest value is nothing");

TEST(Id, ComparesAndIndexesLikeItsInteger) {
  EXPECT_EQ(AppleId(3).index(), 3u);
  EXPECT_LT(AppleId(2), AppleId(3));
  EXPECT_EQ(AppleId(7), AppleId(7));
  EXPECT_EQ(PearId(65535).value(), 65535);
}

TEST(MaybeId, HoldsAnIdOrNothing) {
  MaybeId<AppleId> none;
  EXPECT_FALSE(none.has_value());
  EXPECT_FALSE(none);
  MaybeId<AppleId> some = AppleId(0);
  ASSERT_TRUE(some);
  EXPECT_EQ(*some, AppleId(0));
  EXPECT_NE(some, none);
  some = std::nullopt;
  EXPECT_EQ(some, none);
}

TEST(IdVector, IsIndexedByItsIdOnly) {
  IdVector<AppleId, int> v(3, 5);
  v[AppleId(1)] = 9;
  EXPECT_EQ(v[AppleId(1)], 9);
  EXPECT_EQ(v.next_id(), AppleId(3));
  std::vector<AppleId> seen;
  for (const AppleId id : v.ids()) seen.push_back(id);
  EXPECT_EQ(seen, (std::vector<AppleId>{AppleId(0), AppleId(1), AppleId(2)}));
  v.emplace_back(4);
  EXPECT_EQ(v.size(), 4u);
  EXPECT_EQ(v.items(), (std::vector<int>{5, 9, 5, 4}));
  IdDeque<PearId, int> d;
  int& first = d.emplace_back(1);
  for (int k = 0; k < 1000; ++k) d.emplace_back(k);
  EXPECT_EQ(&first, &d[PearId(0)]) << "a deque never moves what it holds";
}

TEST(IdRange, CountsFromItsFirstId) {
  const IdRange<AppleId> range = ids(AppleId(10), 3);
  EXPECT_EQ(range.size(), 3u);
  EXPECT_EQ(range.nth(2), AppleId(12));
  EXPECT_EQ(range.position_of(AppleId(11)), 1u);
  // A position or an id outside the range is refused, never read as another id of the table.
  EXPECT_THROW(range.nth(3), std::out_of_range);
  EXPECT_THROW(range.position_of(AppleId(9)), std::out_of_range);
  EXPECT_THROW(range.position_of(AppleId(13)), std::out_of_range);
  std::vector<AppleId> seen;
  for (const AppleId id : range) seen.push_back(id);
  EXPECT_EQ(seen, (std::vector<AppleId>{AppleId(10), AppleId(11), AppleId(12)}));
  EXPECT_EQ(IdRange<AppleId>().size(), 0u);
}

TEST(ForEachId, VisitsEveryIdOnce) {
  std::vector<int> visits(5000, 0);
  for_each_id<AppleId>(
      visits.size(), [&](AppleId id) { ++visits[id.index()]; }, 64);
  for (int v : visits) ASSERT_EQ(v, 1);
}

enum class Colour : std::uint8_t { red, green, blue };

TEST(EnumArray, IsIndexedByItsEnum) {
  EnumArray<Colour, 3, double> a{{1.0, 2.0, 3.0}};
  EXPECT_EQ(a[Colour::green], 2.0);
  a[Colour::blue] = 7.0;
  double sum = 0;
  for (double v : a) sum += v;
  EXPECT_EQ(sum, 10.0);
  EXPECT_EQ((enum_values<Colour, 3>()),
            (std::array<Colour, 3>{Colour::red, Colour::green, Colour::blue}));
}

}  // namespace
}  // namespace ecosim
