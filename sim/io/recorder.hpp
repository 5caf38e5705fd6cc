// Writes a run file (docs/FORMAT.md): indicators appended in buffered blocks and flushed, so a
// run stopped midway leaves a readable file; written as FILE.partial and renamed on success.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "indicators/indicators.hpp"
#include "io/output_file.hpp"
#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

struct RunInfo {
  std::string version;
  int threads = 0;
};

// A checkpoint offered to a run file of another run.
struct RunMismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SerialWorker;

// Each recorded row and snapshot is written by a thread of the recorder's own (io/serial_worker),
// in order, while the simulation steps on; flush(), rows(), annotate() and finish() first wait
// for it, and a write's failure is thrown by the next call that hands it work. Observations
// reach it in batches, when there is writing to do (a snapshot, a flush of rows): waking that
// thread every month cost about 30 us a month on a 2-core virtual machine, whatever the size.
class Recorder {
 public:
  // Takes FILE.partial (io/output_file.hpp; OutputPathError when the path is bad, exists and
  // !overwrite, or another process writes it) and creates the run file there.
  Recorder(std::filesystem::path path, const Scenario& scenario, const RunInfo& info,
           bool overwrite);
  // Resumes an unfinished run's FILE.partial (PartialFile::Mode::resume), every dataset cut
  // back to its `rows` at the checkpoint (rows()), dropping what was written after it.
  // RunMismatch when the file is not the run whose identity is `run_id` (its checkpoint's).
  Recorder(PartialFile output, const Scenario& scenario, const std::vector<std::uint64_t>& rows,
           const std::string& run_id);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Keeps the row when its step is due (every simulation.record_every steps), and writes the
  // observation's snapshot and exits: on the writer's thread, after the rows recorded before.
  void record(const Observation& observation);
  // Writes what is buffered and the projects and parties tables so far, and flushes the file:
  // what a checkpoint or an interrupted run leaves readable. `tables_written`, if any, runs on
  // the writer's thread once the new tables are written and before they replace the old (a
  // test's hook: a kill there must leave the file of the last flush).
  void flush(const World& world, const std::function<void()>& tables_written = {});
  // Writes what is buffered and flushes the file, leaving the tables of the last flush: for a
  // world stopped in the middle of a step.
  void flush_rows();
  // The rows of every dataset, in a fixed order (what a checkpoint remembers); call after
  // flush().
  std::vector<std::uint64_t> rows() const;
  // Writes what is buffered, the projects table, and renames the file to its final name.
  void finish(const World& world);
  // A root attribute of the run file (sweeps label their runs), written now.
  void annotate(const std::string& name, const std::string& value);
  void annotate(const std::string& name, std::int64_t value);
  void annotate(const std::string& name, double value);

  const std::filesystem::path& path() const { return output_.final_path(); }
  // The run's identity: random, made when the run file was created, its root attribute
  // `run_id`, and carried by every checkpoint of the run.
  const std::string& run_id() const { return run_id_; }
  const std::filesystem::path& partial_path() const { return output_.partial_path(); }
  // CPU seconds the writer's thread has spent writing so far.
  double writer_cpu_seconds() const;

 private:
  void keep(const Observation& observation);
  // Posts the observations recorded since the last hand-over to the writer, as one job.
  void hand_over();
  // Whether `rows` buffered rows are written and flushed: keep() decides by it, and record()
  // foresees by it when a batch must go.
  bool flush_due(std::size_t rows) const {
    return static_cast<int>(rows) * record_every_ >= flush_every_;
  }
  // The groups and datasets of a new run file: the indicators with their dimension scales, the
  // firm-level tables (snapshots when `snapshots`) and exits.
  void create_datasets(const std::vector<std::string>& region_names, bool snapshots);
  // Hands the buffered indicator rows and exits to HDF5; flush_to_disk then writes what HDF5
  // holds (data and metadata): the one place a run file reaches the disk between its creation
  // and its end.
  void write_buffered_rows();
  void flush_to_disk();

  struct File;
  PartialFile output_;
  std::unique_ptr<File> file_;
  int record_every_;
  int flush_every_;
  std::string run_id_;
  std::vector<Observation> waiting_;      // recorded, not yet handed to the writer
  std::size_t rows_unflushed_ = 0;        // rows the writer holds once it has kept waiting_
  std::vector<Observation> buffer_;       // indicator rows, without snapshots and exits
  ExitRows exits_;                        // exits since the last write
  std::unique_ptr<SerialWorker> writer_;  // the only one to touch the file until it is waited for
};

}  // namespace ecosim
