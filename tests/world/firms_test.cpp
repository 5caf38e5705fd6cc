#include "world/firms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <type_traits>

#include "support/small_world.hpp"
#include "world/world.hpp"

namespace ecosim {
namespace {

TEST(FirmTable, ResizeKeepsEveryColumnTheSameLength) {
  FirmTable f;
  f.resize(10);
  std::set<std::string> names;
  f.for_each_column([&](const char* name, const auto& column) {
    EXPECT_EQ(column.size(), 10u) << name;
    names.insert(name);
  });
  EXPECT_GE(names.size(), 30u);
  EXPECT_TRUE(names.count("employees") && names.count("idea_theme"));
  f.resize(3);
  f.for_each_column(
      [&](const char* name, const auto& column) { EXPECT_EQ(column.size(), 3u) << name; });
  EXPECT_EQ(f.size(), 3u);
}

// A month's columns are cleared together, and nothing else is: a phase that does not write a
// firm's row this month leaves "nothing happened", never last month's value.
TEST(FirmTable, StartMonthClearsTheMonthsColumnsAndOnlyThem) {
  FirmTable f;
  f.resize(3);
  const FirmId row(1);
  auto fill = [row](const char*, auto& column) {
    auto* bytes = reinterpret_cast<unsigned char*>(&column[row]);
    std::fill(bytes, bytes + sizeof(column[row]), static_cast<unsigned char>(0x5a));
  };
  f.for_each_column(fill);
  f.start_month(row);
  std::set<std::string> month;
  f.for_each_month_column([&](const char* name, auto& column) {
    month.insert(name);
    EXPECT_TRUE(column[row] == std::decay_t<decltype(column[row])>{}) << name << " not cleared";
  });
  EXPECT_TRUE(month.count("output_nok") && month.count("emissions_t") &&
              month.count("separations") && month.count("idea_theme"));
  f.for_each_column([&](const char* name, auto& column) {
    if (month.count(name)) return;
    const auto* bytes = reinterpret_cast<const unsigned char*>(&column[row]);
    EXPECT_TRUE(
        std::all_of(bytes, bytes + sizeof(column[row]), [](unsigned char b) { return b == 0x5a; }))
        << name << " is carried from month to month, yet was cleared";
  });
  EXPECT_GT(month.size(), 5u);
}

TEST(FirmTable, GrowsByAnEighthNotByDoubling) {
  FirmTable f;
  f.resize(8000);
  f.resize(8001);
  EXPECT_LE(f.employees.capacity(), 8001u + 8001u / 8);
}

// The word-at-a-time walk finds exactly the closed rows a byte-by-byte one does, in order,
// whatever the range's alignment: open runs longer than a word, closed rows at the ends of words
// and of the range, and a tail shorter than a word.
TEST(FirmTable, ForEachClosedRowFindsTheClosedRowsInOrder) {
  FirmTable f;
  f.resize(203);
  for (std::size_t k = 0; k < f.size(); ++k) f.alive[FirmId(k)] = 1;
  for (std::size_t k : {0u, 7u, 8u, 63u, 64u, 65u, 130u, 131u, 132u, 133u, 200u, 202u})
    f.alive[FirmId(k)] = 0;
  for (std::size_t first : {0u, 1u, 5u, 8u, 64u})
    for (std::size_t last : {first, first + 3, std::size_t{131}, std::size_t{203}}) {
      if (last < first || last > f.size()) continue;
      std::vector<std::size_t> expected, got;
      for (std::size_t k = first; k < last; ++k)
        if (!f.alive[FirmId(k)]) expected.push_back(k);
      for_each_closed_row(f, first, last, [&](FirmId i) { got.push_back(i.index()); });
      EXPECT_EQ(got, expected) << "rows " << first << ".." << last;
    }
}

}  // namespace
}  // namespace ecosim
