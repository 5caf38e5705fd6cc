// What a run will cost, estimated from its scenario before the world is built, and what the
// machine has: a run that cannot fit is refused up front instead of failing hours in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace ecosim {

struct RunCost {
  double seconds = 0;  // on one thread
  double bytes = 0;    // peak resident memory
};

// From bench/RESULTS.md: about 560 ns per firm and month on one thread; at the peak 0.6-1 KiB
// per firm (firm table, ties, projects, a snapshot being written) and 40 MiB for the process.
// A region with its municipalities, labour market and per-step tables adds about 6.5 KiB
// (16,000 regions of one firm peaked at 126 MiB; 2,000 at 38 MiB): the firms alone once let
// 20,000 regions pass --max-memory 70M and peak at 151 MiB.
inline constexpr double kBytesPerFirm = 1100, kBytesPerRegion = 6656, kBytesFixed = 40 << 20;
RunCost estimate_run(const Scenario& s);

// MemAvailable of /proc/meminfo in bytes, or 0 when unknown.
double available_memory_bytes();

// "512M", "4G", "1.5GiB", "800000000" -> bytes; nullopt when not a size.
std::optional<double> parse_memory_size(const std::string& text);

// "17.2 GiB", "512 MiB".
std::string format_bytes(double bytes);

}  // namespace ecosim
