// Progress on stderr: one redrawn line with ETA on a terminal, a line every 10% otherwise.
#pragma once

#include <chrono>

namespace ecosim {

class Progress {
 public:
  Progress(int total_steps, bool enabled);
  void update(int steps_done);
  void done();

 private:
  using Clock = std::chrono::steady_clock;
  int total_;
  bool enabled_;
  bool terminal_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  int last_tenth_ = -1;
};

}  // namespace ecosim
