// Writes a run file (docs/FORMAT.md): indicators appended in buffered blocks and flushed, so a
// run stopped midway leaves a readable file; written as FILE.partial and renamed on success.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "indicators/indicators.hpp"
#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

struct RunInfo {
  std::string version;
  int threads = 0;
};

class Recorder {
 public:
  // Throws std::runtime_error when `path` exists and !overwrite, or the file cannot be made.
  Recorder(std::filesystem::path path, const Scenario& scenario, const RunInfo& info,
           bool overwrite);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Keeps the row when its step is due (every simulation.record_every steps).
  void record(const Observation& observation);
  // Writes what is buffered, the projects table, and renames the file to its final name.
  void finish(const World& world);
  // A root attribute of the run file (sweeps label their runs), written now.
  void annotate(const std::string& name, const std::string& value);
  void annotate(const std::string& name, std::int64_t value);
  void annotate(const std::string& name, double value);

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path partial_path() const;

 private:
  void write_buffered_rows();

  struct File;
  std::unique_ptr<File> file_;
  std::filesystem::path path_;
  int record_every_;
  int flush_every_;
  std::vector<Observation> buffer_;  // indicator rows, without snapshots and exits
  ExitRows exits_;                   // exits since the last write
};

}  // namespace ecosim
