// Progress on stderr: one redrawn line with ETA on a terminal, a line every 10% otherwise.
#pragma once

#include <chrono>
#include <string>

namespace ecosim {

class Progress {
 public:
  // `unit` names what is counted ("step", "run").
  Progress(int total, bool enabled, std::string unit = "step");
  // `note` follows the counts (e.g. "2 failed").
  void update(int done, const std::string& note = "");
  void done();

 private:
  using Clock = std::chrono::steady_clock;
  int total_;
  std::string unit_;
  bool enabled_;
  bool terminal_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  int last_tenth_ = -1;
};

}  // namespace ecosim
