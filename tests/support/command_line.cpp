#include "support/command_line.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/common.hpp"

namespace ecosim::testing {

Outcome run_ecosim(std::vector<std::string> args) {
  args.insert(args.begin(), "ecosim");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  Outcome o;
  o.code = cli::run_main(static_cast<int>(args.size()), argv.data());
  o.out = ::testing::internal::GetCapturedStdout();
  o.err = ::testing::internal::GetCapturedStderr();
  return o;
}

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace ecosim::testing
