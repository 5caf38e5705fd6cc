// Numbers as a policy analyst reads them in what ecosim prints: 47,360 persons, 2.08 billion
// NOK, 0.63, not 4.736e+04 and 2.08e+09. The one place for that rule (run summary, tables).
#pragma once

#include <concepts>
#include <string>
#include <string_view>

namespace ecosim {

// A whole number with thousands separators: 47360 -> "47,360", -1234567 -> "-1,234,567".
std::string grouped(long long value);
// The same for any other integer (a size, an int count), without a cast at each call.
template <std::integral Integer>
requires(!std::same_as<Integer, long long>) std::string grouped(Integer value) {
  return grouped(static_cast<long long>(value));
}

// `value` in `unit` (an indicator's unit: "person", "firm", "project", "NOK", "NOK/month",
// "t CO2e/month", "nat", "1"), for people:
// - counts (person, firm, project) rounded and grouped, with the unit in the plural where the
//   count is not 1: "47,360 persons", "1 project";
// - money and emissions grouped below a million, then in millions or billions with three
//   significant digits: "512,340 NOK", "12.3 million NOK/month", "2.08 billion NOK";
// - shares, scores and entropies ("1", "nat") with three significant digits: "0.632",
//   "1.85 nat".
// Not a finite number: "n/a".
std::string for_people(double value, std::string_view unit);

}  // namespace ecosim
