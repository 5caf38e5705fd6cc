#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace ecosim {

// Shortest faithful text for a parameter value or limit: 0.5, 120, 200000000, 1.5e+20.
// Whole numbers that a double holds exactly are written out (a seed of 9000000000000000,
// not 9e+15, so it can be typed back).
inline std::string format_number(double value) {
  char buffer[40];
  if (value == std::floor(value) && std::fabs(value) <= 9007199254740992.0)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace ecosim
