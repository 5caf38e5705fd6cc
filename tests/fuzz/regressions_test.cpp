// Every input a fuzzer crashed on, replayed through the same harness on every test run:
// tests/data/fuzz/scenario/* and tests/data/fuzz/sweep/* (scripts/fuzz.sh copies new ones there).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/harness.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

template <class Harness>
int replay(const std::string& folder, Harness harness) {
  int inputs = 0;
  for (const auto& entry :
       fs::directory_iterator(std::string(ECOSIM_TEST_DATA) + "/fuzz/" + folder)) {
    SCOPED_TRACE(entry.path().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    harness(bytes.str());
    ++inputs;
  }
  return inputs;
}

TEST(FuzzRegressions, ScenarioInputsThatOnceCrashedAreRefusedCleanly) {
  EXPECT_GE(replay("scenario", fuzz::scenario_input), 1);
}

TEST(FuzzRegressions, SweepInputsThatOnceCrashedAreRefusedCleanly) {
  EXPECT_GE(replay("sweep", fuzz::sweep_input), 1);
}

}  // namespace
}  // namespace ecosim
