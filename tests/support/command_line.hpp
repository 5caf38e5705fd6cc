// The ecosim command line run in-process (cli::run_main), its output captured: what the tests
// of sim/cli/ drive it with.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ecosim::testing {

struct Outcome {
  int code = -1;
  std::string out, err;
};

// run_main with `args` after the program name, stdout and stderr captured.
Outcome run_ecosim(std::vector<std::string> args);

// The number of lines of a captured output.
std::size_t lines_in(const std::string& text);

}  // namespace ecosim::testing
