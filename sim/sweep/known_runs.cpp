#include "sweep/known_runs.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "io/output_file.hpp"

namespace ecosim {
namespace fs = std::filesystem;
namespace {

constexpr const char* kCacheName = ".index_cache";
constexpr const char* kCacheFormat = "ecosim index cache 1";

// The file whose stamp stands for the outcome: the run file, or the .error file of a failure.
fs::path evidence(const fs::path& out, const PlannedRun& run, RunStatus status) {
  return status == RunStatus::failed ? error_path(out, run) : out / run.file;
}

// A failed run's outcome from its .error file: the message, then "wall_s X" (absent in
// older error files).
std::optional<RunOutcome> failure_of(const fs::path& error_file) {
  std::ifstream in(error_file);
  if (!in) return std::nullopt;
  RunOutcome o{RunStatus::failed, 0, ""};
  std::getline(in, o.error);
  std::string label;
  if (!(in >> label >> o.wall_s) || label != "wall_s") o.wall_s = std::nan("");
  return o;
}

}  // namespace

std::optional<FileStamp> stamp_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::uintmax_t>(info.st_size),
                   std::int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec};
}

KnownRuns::KnownRuns(fs::path out) : out_(std::move(out)) {
  std::ifstream in(out_ / kCacheName);
  std::string line;
  if (!std::getline(in, line) || line != kCacheFormat) return;
  while (std::getline(in, line)) {
    // run, status, size, modified_ns, digest, wall_s, then the error (the rest of the line)
    std::istringstream row(line);
    int run = -1;
    std::string status, wall;
    Known k;
    if (!(row >> run >> status >> k.stamp.size >> k.stamp.modified_ns >> k.digest >> wall) ||
        run < 0 || (status != "done" && status != "failed")) {
      runs_.clear();  // a damaged cache is no cache: every file is read again
      return;
    }
    k.outcome.status = status == "done" ? RunStatus::done : RunStatus::failed;
    k.outcome.wall_s = wall == "nan" ? std::nan("") : std::strtod(wall.c_str(), nullptr);
    row.get();  // the tab before the error
    std::getline(row, k.outcome.error);
    runs_[run] = std::move(k);
  }
}

std::optional<RunOutcome> KnownRuns::find(const SweepPlan& plan, const PlannedRun& run) const {
  const auto it = runs_.find(run.run);
  if (it == runs_.end()) return std::nullopt;
  const Known& k = it->second;
  if (stamp_of(evidence(out_, run, k.outcome.status)) != k.stamp) return std::nullopt;
  if (k.digest != run_digest(plan, run)) return std::nullopt;
  return k.outcome;
}

RunOutcome KnownRuns::refresh(const SweepPlan& plan, const PlannedRun& run) {
  if (auto known = find(plan, run)) return *known;
  runs_.erase(run.run);
  // Stamped before it is read: a file rewritten meanwhile does not match next time.
  if (const auto stamp = stamp_of(out_ / run.file)) {
    if (auto done = verified_run(plan, run, out_)) {
      runs_[run.run] = {*done, *stamp, run_digest(plan, run)};
      return *done;
    }
  }
  if (const auto stamp = stamp_of(error_path(out_, run))) {
    if (auto failed = failure_of(error_path(out_, run))) {
      runs_[run.run] = {*failed, *stamp, run_digest(plan, run)};
      return *failed;
    }
  }
  return {};
}

void KnownRuns::save() const {
  std::vector<int> order;
  for (const auto& [run, known] : runs_) order.push_back(run);
  std::sort(order.begin(), order.end());
  replace_file(out_ / kCacheName, [&](const fs::path& path) {
    std::ofstream file(path);
    file << kCacheFormat << "\n";
    char wall[32];
    for (const int run : order) {
      const Known& k = runs_.at(run);
      std::snprintf(wall, sizeof wall, "%.17g", k.outcome.wall_s);
      file << run << "\t" << (k.outcome.status == RunStatus::done ? "done" : "failed") << "\t"
           << k.stamp.size << "\t" << k.stamp.modified_ns << "\t" << k.digest << "\t"
           << (std::isnan(k.outcome.wall_s) ? "nan" : wall) << "\t" << k.outcome.error << "\n";
    }
    if (!file.flush()) throw std::runtime_error(path.string() + ": cannot write the index cache");
  });
}

}  // namespace ecosim
