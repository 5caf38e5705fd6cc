#include "engine/numbers.hpp"

#include <cmath>
#include <cstdio>

namespace ecosim {
namespace {

bool is_count(std::string_view unit) {
  return unit == "person" || unit == "firm" || unit == "project";
}

std::string significant(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

}  // namespace

std::string grouped(long long value) {
  const unsigned long long size = value < 0 ? 0ull - static_cast<unsigned long long>(value)
                                            : static_cast<unsigned long long>(value);
  const std::string digits = std::to_string(size);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string for_people(double value, std::string_view unit) {
  if (!std::isfinite(value)) return "n/a";
  const std::string suffix = unit.empty() || unit == "1" ? "" : " " + std::string(unit);
  if (is_count(unit)) {
    const long long n = std::llround(value);
    return grouped(n) + suffix + (n == 1 || n == -1 ? "" : "s");
  }
  if (unit == "1" || unit == "nat" || unit.empty()) return significant(value, 3) + suffix;
  const double size = std::fabs(value);
  if (size >= 999.5e6) return significant(value / 1e9, 3) + " billion" + suffix;
  if (size >= 999.5e3) return significant(value / 1e6, 3) + " million" + suffix;
  return grouped(std::llround(value)) + suffix;
}

}  // namespace ecosim
