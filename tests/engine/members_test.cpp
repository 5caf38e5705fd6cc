// A struct's members declared once (engine/members.hpp): counted, checked against the list (each
// described), and walked without the derived ones.
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
struct Undescribed {  // every member listed, one without saying what it is
  int a = 0;
  double b = 0;
};

}  // namespace

template <>
inline constexpr auto kMembers<Listed3> =
    std::tuple{ECOSIM_MEMBER(Listed3, a, "1", "a count"), ECOSIM_MEMBER(Listed3, b, "NOK", "money"),
               ECOSIM_DERIVED(Listed3, cache, "1", "rebuilt from a and b")};
template <>
inline constexpr auto kMembers<Unlisted> = std::tuple{ECOSIM_MEMBER(Unlisted, a, "1", "a count"),
                                                      ECOSIM_MEMBER(Unlisted, b, "NOK", "money")};
template <>
inline constexpr auto kMembers<Twice> =
    std::tuple{ECOSIM_MEMBER(Twice, a, "1", "a count"), ECOSIM_MEMBER(Twice, a, "1", "a count")};
template <>
inline constexpr auto kMembers<Undescribed> = std::tuple{
    ECOSIM_MEMBER(Undescribed, a, "1", "a count"), ECOSIM_MEMBER(Undescribed, b, "NOK", "")};

namespace {

// The guard every listed struct of the model puts beside its definition: true exactly when the
// list names each member once.
static_assert(member_count<Listed3>() == 3 && member_count<Unlisted>() == 3);
static_assert(lists_every_member<Listed3>());
static_assert(!lists_every_member<Unlisted>(), "a member added and not listed must be caught");
static_assert(!lists_every_member<Twice>(), "a member listed twice must be caught");
static_assert(!lists_every_member<Undescribed>(), "a member without a description must be caught");
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

// A table or a reference walks every entry, derived ones included, with what each means.
TEST(Members, EveryEntryCarriesItsNameUnitsAndDescription) {
  std::vector<std::string> seen;
  for_each_entry<Listed3>([&](const auto& m) {
    seen.push_back(std::string(m.name) + " [" + m.doc.units + "] " + m.doc.description);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"a [1] a count", "b [NOK] money",
                                            "cache [1] rebuilt from a and b"}));
}

}  // namespace
}  // namespace ecosim
