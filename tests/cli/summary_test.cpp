// The run summary (cli/summary.cpp): the file, the scenario, and each region's headline
// indicators in the first and last month, as the observations hold them.
#include "cli/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "engine/numbers.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(Summary, NamesTheFileAndShowsEachRegionsFirstAndLastMonth) {
  Simulation sim(testing::small_scenario({"simulation.steps=6"}));
  const Observation first = sim.step();
  Observation last = first;
  for (int t = 1; t < 6; ++t) last = sim.step();
  std::ostringstream out;
  print_summary(out, sim, first, last, "runs/x.h5");
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("wrote runs/x.h5\n", 0), 0u) << text;
  EXPECT_NE(text.find(", 6 months\n"), std::string::npos) << text;
  EXPECT_NE(text.find("month 1"), std::string::npos);
  EXPECT_NE(text.find("month 6"), std::string::npos);
  for (const RegionId r : sim.scenario().regions.ids()) {
    const std::string& name = sim.scenario().regions[r].name;
    // Jobs in persons, grouped by thousands, right-aligned in their columns.
    char jobs[128];
    std::snprintf(jobs, sizeof jobs, "%24s %24s",
                  (grouped(std::llround(first.at(r, indicator("jobs")))) + " persons").c_str(),
                  (grouped(std::llround(last.at(r, indicator("jobs")))) + " persons").c_str());
    const std::size_t row = text.find(name.substr(0, 16));
    ASSERT_NE(row, std::string::npos) << name;
    EXPECT_NE(text.find(jobs, row), std::string::npos) << "jobs of " << name << ":\n" << text;
  }
  EXPECT_NE(text.find("  projects: " +
                      grouped(static_cast<long long>(sim.world().projects.size())) + " proposed"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("e+"), std::string::npos) << "no number in scientific notation:\n" << text;
}

// A file name with a control character is printed escaped, never raw (a terminal would obey
// it).
TEST(Summary, PrintsAnEscapedFileName) {
  Simulation sim(testing::small_scenario({"simulation.steps=1"}));
  const Observation o = sim.step();
  std::ostringstream out;
  print_summary(out, sim, o, o, "runs/a\x1b[31m.h5");
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("runs/a\\u001b[31m.h5"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace ecosim
