// What the last index found of each run, and what each run said as it ended, so that an index
// and a resume need not open every run file again: a sweep of 10^5 runs has 10^5 files, and
// each array task ending would otherwise reread them all. OUT/.index_cache (written by each
// index) and the journals OUT/.journal/HOST.PID (a line appended by each process as each of its
// runs ends) hold, for each run done or failed, the size and modification time of the file that
// said so (the run file, or its .error file) and the digest it was written for (run_digest); a
// row is taken only while that file is unchanged and the digest is this run's, else the file is
// checked again (sweep/execute.hpp). So the first index of a sweep, or one after a crash, reads
// the journals and stats the files instead of opening them; a journal or cache lost or damaged
// costs time, never a wrong index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "sweep/execute.hpp"
#include "sweep/plan.hpp"

namespace ecosim {

// A file's size and modification time (nanoseconds): what changes when it is rewritten,
// truncated or replaced.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t modified_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

// Appends the outcome of a run that just ended (done or failed) to this process's journal.
// Never throws: without a journal line the next index opens the run's file.
void journal_outcome(const SweepPlan& plan, const PlannedRun& run, const std::filesystem::path& out,
                     const RunOutcome& outcome);

// One run's outcome with the stamp of the file that said so and the digest it was written for.
struct KnownRun {
  RunOutcome outcome;
  FileStamp stamp;
  std::string digest;
};

class KnownRuns {
 public:
  // Reads OUT/.index_cache (nothing of it when it is unreadable, damaged or of another format),
  // then the journals (a damaged line, such as the last of a process killed while writing it,
  // is skipped).
  explicit KnownRuns(std::filesystem::path out);

  // The run's outcome (done or failed) as last found, if the file that said so is unchanged
  // since and was written for this very run; nothing otherwise.
  std::optional<RunOutcome> find(const SweepPlan& plan, const PlannedRun& run) const;

  // The run's outcome now: what is known while still true, else read from its files
  // (check_run, then its .error file; missing when neither says done or failed), and
  // remembered with its file's stamp for save().
  RunOutcome refresh(const SweepPlan& plan, const PlannedRun& run);

  // Writes OUT/.index_cache whole (beside, then renamed): what refresh() found.
  void save() const;

 private:
  std::filesystem::path out_;
  std::unordered_map<int, KnownRun> runs_;
};

}  // namespace ecosim
