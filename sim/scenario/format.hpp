#pragma once

#include <cstdio>
#include <string>

namespace ecosim {

// Shortest faithful text for a parameter value or limit: 0.5, 120, 2e+08, 9e+15.
inline std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace ecosim
