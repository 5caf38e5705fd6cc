#pragma once

#include <filesystem>
#include <ostream>

#include "run/simulation.hpp"

namespace ecosim {

// Where the run file is, and the headline indicators of each region, first and last month.
void print_summary(std::ostream& out, const Simulation& sim, const Observation& first,
                   const Observation& last, const std::filesystem::path& file);

}  // namespace ecosim
