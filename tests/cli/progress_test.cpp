// Progress on stderr (cli/progress.cpp). Under ctest stderr is no terminal: a line at the start
// and every 10%.
#include "cli/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace ecosim {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(Progress, OffATerminalALineEveryTenthWithCountsAndNote) {
  ::testing::internal::CaptureStderr();
  Progress p(40, true, "run");
  for (int done = 1; done <= 40; ++done) p.update(done, done == 40 ? "2 failed" : "");
  p.done();
  const std::vector<std::string> lines = lines_of(::testing::internal::GetCapturedStderr());
  ASSERT_EQ(lines.size(), 11u) << "the first update, then one line per tenth, 10% to 100%";
  EXPECT_EQ(lines[0].rfind("  run 1/40 (2%), elapsed ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("  run 4/40 (10%), elapsed ", 0), 0u) << lines[1];
  EXPECT_EQ(lines.back().rfind("  run 40/40 (100%), elapsed ", 0), 0u) << lines.back();
  EXPECT_NE(lines.back().find("ETA 0.0s, 2 failed"), std::string::npos) << lines.back();
}

TEST(Progress, SaysNothingWhenOffOrWithNothingToCount) {
  ::testing::internal::CaptureStderr();
  Progress off(10, false);
  for (int done = 1; done <= 10; ++done) off.update(done);
  off.done();
  Progress empty(0, true);
  empty.update(0);
  empty.done();
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace ecosim
