#include "sweep/known_runs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
constexpr const char* kJournals = ".journal";

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

// One row of the cache or a journal: run, status, size, modified_ns, digest, wall_s, then the
// error (the rest of the line), tab-separated.
std::string row_of(int run, const KnownRun& k) {
  char wall[32] = "nan";
  if (!std::isnan(k.outcome.wall_s)) std::snprintf(wall, sizeof wall, "%.17g", k.outcome.wall_s);
  return std::to_string(run) + "\t" + (k.outcome.status == RunStatus::done ? "done" : "failed") +
         "\t" + std::to_string(k.stamp.size) + "\t" + std::to_string(k.stamp.modified_ns) + "\t" +
         k.digest + "\t" + wall + "\t" + k.outcome.error + "\n";
}

bool parse_row(const std::string& line, int& run, KnownRun& k) {
  std::istringstream row(line);
  std::string status, wall;
  if (!(row >> run >> status >> k.stamp.size >> k.stamp.modified_ns >> k.digest >> wall) ||
      run < 0 || (status != "done" && status != "failed"))
    return false;
  k.outcome.status = status == "done" ? RunStatus::done : RunStatus::failed;
  k.outcome.wall_s = wall == "nan" ? std::nan("") : std::strtod(wall.c_str(), nullptr);
  row.get();  // the tab before the error
  std::getline(row, k.outcome.error);
  return true;
}

// This process's journal: one per host and process, so that no two writers share a file (an
// append is atomic on a local disk, not on every parallel file system).
fs::path journal_path(const fs::path& out) {
  char host[256] = "host";
  ::gethostname(host, sizeof host - 1);
  return out / kJournals / (std::string(host) + "." + std::to_string(::getpid()));
}

}  // namespace

void journal_outcome(const SweepPlan& plan, const PlannedRun& run, const fs::path& out,
                     const RunOutcome& outcome) {
  if (outcome.status == RunStatus::missing) return;
  const auto stamp = stamp_of(evidence(out, run, outcome.status));
  if (!stamp) return;
  std::string error = outcome.error;
  std::replace(error.begin(), error.end(), '\n', ' ');
  const std::string line =
      row_of(run.run, {{outcome.status, outcome.wall_s, error}, *stamp, run_digest(plan, run)});
  std::error_code ignored;
  fs::create_directories(out / kJournals, ignored);
  const int fd = ::open(journal_path(out).c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());  // one write: whole
  ::close(fd);
}

std::optional<FileStamp> stamp_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::uintmax_t>(info.st_size),
                   std::int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec};
}

KnownRuns::KnownRuns(fs::path out) : out_(std::move(out)) {
  std::string line;
  int run = -1;
  KnownRun k;
  if (std::ifstream in(out_ / kCacheName); std::getline(in, line) && line == kCacheFormat) {
    while (std::getline(in, line)) {
      if (!parse_row(line, run, k)) {
        runs_.clear();  // a damaged cache is no cache: every file is read again
        break;
      }
      runs_[run] = k;
    }
  }
  // The journals: newer than the cache for the runs that ran since; any row is checked anyway.
  std::error_code none;
  for (const auto& entry : fs::directory_iterator(out_ / kJournals, none)) {
    std::ifstream in(entry.path());
    while (std::getline(in, line))
      if (!in.eof() && parse_row(line, run, k))
        runs_[run] = k;  // a line without its newline
                         // was cut off while written
  }
}

std::optional<RunOutcome> KnownRuns::find(const SweepPlan& plan, const PlannedRun& run) const {
  const auto it = runs_.find(run.run);
  if (it == runs_.end()) return std::nullopt;
  const KnownRun& k = it->second;
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
    for (const int run : order) file << row_of(run, runs_.at(run));
    if (!file.flush()) throw std::runtime_error(path.string() + ": cannot write the index cache");
  });
}

}  // namespace ecosim
