// A struct's members declared once (engine/members.hpp): counted, checked against the list, and
// walked without the derived ones.
#include "engine/members.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "engine/fnv.hpp"

namespace ecosim {
namespace {

struct Listed3 {
  int a = 0;
  double b = 0;
  std::vector<int> cache;  // rebuilt from a and b
};
struct Unlisted {  // a member added, the list not updated
  int a = 0;
  double b = 0;
  bool added = false;
};
struct Twice {  // one member listed twice, another not at all
  int a = 0;
  double b = 0;
};

}  // namespace

template <>
inline constexpr auto kMembers<Listed3> = std::tuple{
    member("a", &Listed3::a), member("b", &Listed3::b), derived("cache", &Listed3::cache)};
template <>
inline constexpr auto kMembers<Unlisted> =
    std::tuple{member("a", &Unlisted::a), member("b", &Unlisted::b)};
template <>
inline constexpr auto kMembers<Twice> = std::tuple{member("a", &Twice::a), member("a", &Twice::a)};

namespace {

// The guard every listed struct of the model puts beside its definition: true exactly when the
// list names each member once.
static_assert(member_count<Listed3>() == 3 && member_count<Unlisted>() == 3);
static_assert(lists_every_member<Listed3>());
static_assert(!lists_every_member<Unlisted>(), "a member added and not listed must be caught");
static_assert(!lists_every_member<Twice>(), "a member listed twice must be caught");
static_assert(Listed<Listed3> && !Listed<int>);

TEST(Members, AWalkVisitsTheStateInListOrderAndSkipsTheDerived) {
  Listed3 x{7, 2.5, {1, 2, 3}};
  std::vector<std::string> seen;
  for_each_member(x, [&](const char* name, auto&) { seen.push_back(name); });
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
}

// The digest reads the state: a derived member changes nothing, a listed one changes it.
TEST(Members, TheDigestSeesTheStateAndNotTheDerived) {
  auto digest = [](const Listed3& x) {
    Fnv h;
    h.add_value(x);
    return h.h;
  };
  const Listed3 x{7, 2.5, {1, 2, 3}};
  EXPECT_EQ(digest(x), digest(Listed3{7, 2.5, {}}));
  EXPECT_NE(digest(x), digest(Listed3{7, 2.75, {1, 2, 3}}));
  EXPECT_NE(digest(x), digest(Listed3{8, 2.5, {1, 2, 3}}));
}

}  // namespace
}  // namespace ecosim
