#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace ecosim {

Progress::Progress(int total, bool enabled, std::string unit)
    : total_(total),
      unit_(std::move(unit)),
      enabled_(enabled),
      terminal_(isatty(STDERR_FILENO) != 0) {}

void Progress::update(int done, const std::string& note) {
  if (!enabled_ || total_ <= 0) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = done > 0 ? elapsed / done * (total_ - done) : 0.0;
  const int percent = 100 * done / total_;
  if (terminal_) {
    if (now - last_draw_ < std::chrono::milliseconds(200) && done < total_) return;
    last_draw_ = now;
    std::fprintf(stderr, "\r  %s %d/%d  %3d%%  elapsed %.1fs  ETA %.1fs  %s   ", unit_.c_str(),
                 done, total_, percent, elapsed, eta, note.c_str());
  } else if (percent / 10 != last_tenth_) {
    last_tenth_ = percent / 10;
    std::fprintf(stderr, "  %s %d/%d (%d%%), elapsed %.1fs, ETA %.1fs%s%s\n", unit_.c_str(), done,
                 total_, percent, elapsed, eta, note.empty() ? "" : ", ", note.c_str());
  }
}

void Progress::done() {
  if (enabled_ && terminal_) std::fputc('\n', stderr);
}

}  // namespace ecosim
