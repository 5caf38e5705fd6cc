#include "run/resources.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace ecosim {

RunCost estimate_run(const Scenario& s) {
  const auto firms = static_cast<double>(s.total_firms());
  const double regions = static_cast<double>(s.regions.size());
  return {firms * s.simulation.steps * 560e-9,
          firms * kBytesPerFirm + regions * kBytesPerRegion + kBytesFixed};
}

double available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  for (std::string key; in >> key;) {
    double kib = 0;
    in >> kib;
    if (key == "MemAvailable:") return kib * 1024;
    in.ignore(256, '\n');
  }
  return 0;
}

std::optional<double> parse_memory_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = text.substr(used);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.ends_with("IB")) unit.erase(unit.size() - 2);
  if (unit.ends_with("B")) unit.erase(unit.size() - 1);
  const std::string units = "KMGT";
  double scale = 1;
  if (unit.size() == 1 && units.find(unit[0]) != std::string::npos)
    scale = std::pow(1024.0, static_cast<double>(units.find(unit[0]) + 1));
  else if (!unit.empty())
    return std::nullopt;
  if (!std::isfinite(value) || value <= 0) return std::nullopt;
  return value * scale;
}

std::string format_bytes(double bytes) {
  char buffer[32];
  if (bytes >= double(1 << 30))
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", bytes / double(1 << 30));
  else if (bytes < 1024)
    std::snprintf(buffer, sizeof buffer, "%.0f B", bytes);
  else if (bytes < double(1 << 20))
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", bytes / 1024);
  else
    std::snprintf(buffer, sizeof buffer, "%.0f MiB", std::ceil(bytes / double(1 << 20)));
  return buffer;
}

}  // namespace ecosim
