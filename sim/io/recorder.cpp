#include "io/recorder.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <random>
#include <utility>

#include "io/h5.hpp"
#include "io/projects_table.hpp"
#include "io/serial_worker.hpp"

namespace ecosim {

using h5::Handle;

// Rows per chunk of a table's columns. HDF5 writes whole chunks, so each flush rewrites the
// last, partly filled chunk of every column: with 65,536 rows a 10^4-firm run wrote every
// snapshot and exits chunk again at each yearly flush (a tenth of its run time in pwrite);
// 8,192 rows (32 KB of a 4-byte column) keep that small and a million-firm snapshot in 123
// chunks a column.
constexpr hsize_t kTableChunkRows = 8192;

// A group of equal-length columns made from a row struct's for_each_column (snapshot.hpp),
// appended to block by block.
class ColumnTable {
 public:
  ColumnTable() = default;
  // Opens the table of a run being resumed, its columns cut back to rows[next...].
  template <class Rows>
  ColumnTable(hid_t file, const std::string& name, const Rows& prototype,
              const std::vector<std::uint64_t>& rows, std::size_t& next)
      : group_(h5::open_group(file, name)) {
    prototype.for_each_column(
        [&](const char* column, const char*, const char*, const auto& values) {
          using T = typename std::remove_cvref_t<decltype(values)>::value_type;
          columns_.push_back(std::make_unique<h5::Extendible>(
              group_.get(), column, h5::TypeOf<T>::memory(), rows.at(next++)));
        });
  }
  template <class Rows>
  ColumnTable(hid_t file, const std::string& name, const Rows& prototype)
      : group_(h5::create_group(file, name)) {
    prototype.for_each_column(
        [&](const char* column, const char* unit, const char* description, const auto& values) {
          using T = typename std::remove_cvref_t<decltype(values)>::value_type;
          // Not compressed: deflate on a million-firm snapshot cost a fifth of the run on two
          // cores (bench/RESULTS.md); h5repack compresses a file for keeping.
          auto ds = std::make_unique<h5::Extendible>(group_.get(), column, h5::TypeOf<T>::file(),
                                                     std::vector<hsize_t>{}, kTableChunkRows,
                                                     h5::TypeOf<T>::memory(), 0);
          h5::write_attribute(ds->get(), "units", std::string(unit));
          h5::write_attribute(ds->get(), "description", std::string(description));
          columns_.push_back(std::move(ds));
        });
  }
  template <class Rows>
  void append(const Rows& rows) {
    std::size_t k = 0;
    rows.for_each_column([&](const char*, const char*, const char*, const auto& values) {
      columns_[k++]->append(values.data(), values.size());
    });
  }
  void rows(std::vector<std::uint64_t>& out) const {
    for (const auto& c : columns_) out.push_back(c->rows());
  }

 private:
  Handle group_;
  std::vector<std::unique_ptr<h5::Extendible>> columns_;
};

struct Recorder::File {
  Handle file;
  Handle indicators;
  ColumnTable firms, ties, exits;
  std::unique_ptr<h5::Extendible> time;
  std::vector<std::unique_ptr<h5::Extendible>> values;      // one per Indicator of kIndicators
  std::vector<std::unique_ptr<h5::Extendible>> breakdowns;  // one per Breakdown
  std::size_t regions = 0;
};

namespace {

// Runs a write; an HDF5 failure (a full disk) is reported with the file and what is kept.
template <class Write>
void reporting_failures(const std::filesystem::path& partial, Write&& write) {
  try {
    write();
  } catch (const h5::Error& e) {
    throw h5::Error(partial.string() + ": " + e.what() +
                    "; the rows flushed before are kept in this file");
  }
}

std::string now_iso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);  // std::gmtime shares one buffer: sweeps record several runs at once (TSan)
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

void describe(hid_t dataset, std::string_view units, std::string_view description) {
  h5::write_attribute(dataset, "units", std::string(units));
  h5::write_attribute(dataset, "description", std::string(description));
}

template <class Names>
std::vector<std::string> names_of(const Names& names) {
  return {names.begin(), names.end()};
}

// 64 random bits as 16 hex digits: no two runs share one, whatever their scenario and seed.
std::string new_run_id() {
  std::random_device device;
  const std::uint64_t bits = (std::uint64_t{device()} << 32) ^ device();
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

// The run file's metadata reaches the disk only when the recorder flushes (never by an eviction
// between flushes), so a killed run's file holds the metadata of a flush, which its checkpoint
// follows; flushes are rare and the metadata of even a long run is a few MB.
Handle run_file_access() {
  Handle fapl(h5::check(H5Pcreate(H5P_FILE_ACCESS), "file access properties"), H5Pclose);
  H5AC_cache_config_t cache{};
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  h5::check(H5Pget_mdc_config(fapl.get(), &cache), "get metadata cache settings");
  cache.evictions_enabled = false;
  cache.incr_mode = H5C_incr__off;
  cache.flash_incr_mode = H5C_flash_incr__off;
  cache.decr_mode = H5C_decr__off;
  h5::check(H5Pset_mdc_config(fapl.get(), &cache), "set metadata cache settings");
  return fapl;
}

// Refuses to resume a run file with the checkpoint of another run: once a 120-step run's
// checkpoint continued a 60-step run's file, which then said steps=60 and held 120 months.
void check_identity(hid_t root, const std::string& partial, const Scenario& s,
                    const std::string& run_id) {
  const auto attribute = [&](const char* name) -> std::string {
    return H5Aexists(root, name) > 0 ? h5::read_string_attribute(root, name) : "(none)";
  };
  const std::string file_id = attribute("run_id");
  const std::int64_t file_seed =
      H5Aexists(root, "seed") > 0 ? h5::read_int_attribute(root, "seed") : -1;
  const std::int64_t file_steps =
      H5Aexists(root, "steps") > 0 ? h5::read_int_attribute(root, "steps") : -1;
  if (file_id == run_id && attribute("scenario") == s.text) return;
  throw RunMismatch(partial + ": its checkpoint belongs to another run (checkpoint: run " + run_id +
                    ", seed " + std::to_string(s.simulation.seed) + ", " +
                    std::to_string(s.simulation.steps) + " steps; run file: run " + file_id +
                    ", seed " + std::to_string(file_seed) + ", " + std::to_string(file_steps) +
                    " steps) (allowed: the checkpoint its own run wrote)");
}

// Batches the writer may hold before record() waits for it, and the most observations a batch
// holds (a snapshot is the only large one: it ends its batch, and snapshots are yearly).
constexpr std::size_t kPendingObservations = 32;
// Batches of the projects and parties tables' columns that may wait for the writer, and the
// bytes that fill a batch.
constexpr std::size_t kPendingTableBatches = 4;
constexpr std::size_t kTableBatchBytes = std::size_t{1} << 20;

std::unique_ptr<SerialWorker> start_writer() {
  // HDF5's automatic error printing is set per thread: off on the writer's too (h5::check says
  // what failed).
  return std::make_unique<SerialWorker>(kPendingObservations,
                                        [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

}  // namespace

Recorder::Recorder(std::filesystem::path path, const Scenario& s, const RunInfo& info,
                   bool overwrite)
    : output_(std::move(path),
              overwrite ? PartialFile::Mode::overwrite : PartialFile::Mode::create),
      file_(std::make_unique<File>()),
      record_every_(s.simulation.record_every),
      flush_every_(s.simulation.flush_every) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const std::string partial = partial_path().string();
  File& f = *file_;
  f.file = Handle(h5::check(H5Fcreate(output_.held_path().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT,
                                      run_file_access().get()),
                            "create " + partial),
                  H5Fclose);
  output_.truncated();
  const hid_t root = f.file.get();
  h5::write_attribute(root, "ecosim_version", info.version);
  h5::write_attribute(root, "scenario", s.text);
  h5::write_attribute(root, "scenario_source", s.source_name);
  h5::write_attribute(root, "seed", static_cast<std::int64_t>(s.simulation.seed));
  h5::write_attribute(root, "threads", static_cast<std::int64_t>(info.threads));
  h5::write_attribute(root, "steps", static_cast<std::int64_t>(s.simulation.steps));
  h5::write_attribute(root, "record_every", static_cast<std::int64_t>(s.simulation.record_every));
  h5::write_attribute(root, "created", now_iso8601());
  run_id_ = new_run_id();
  h5::write_attribute(root, "run_id", run_id_);

  // The datasets (about 150, with their scales: 3% of a 10^4-firm run) are made on the writer's
  // thread while the first months are simulated; every write follows them.
  std::vector<std::string> region_names;
  for (const auto& r : s.regions) region_names.push_back(r.name);
  writer_ = start_writer();
  writer_->post([this, region_names, snapshots = s.simulation.snapshot_every > 0] {
    reporting_failures(partial_path(), [&] {
      create_datasets(region_names, snapshots);
      flush_to_disk();
    });
  });
}

void Recorder::create_datasets(const std::vector<std::string>& region_names, bool snapshots) {
  File& f = *file_;
  const hid_t root = f.file.get();
  // Dimension scales live in the indicators group so that a reader opening that group alone
  // (xarray's group="indicators") sees named dimensions with coordinates.
  f.indicators = h5::create_group(root, "indicators");
  const hid_t g = f.indicators.get();
  f.regions = region_names.size();
  const auto chunk = static_cast<hsize_t>(std::min(flush_every_, 256));

  f.time =
      std::make_unique<h5::Extendible>(g, "time", H5T_STD_I64LE, std::vector<hsize_t>{}, chunk);
  describe(f.time->get(), "month", "months simulated at the end of the step (1 = first month)");
  h5::make_scale(f.time->get(), "time");
  Handle region = h5::write_strings(g, "region", region_names);
  describe(region.get(), "1", "region name; the first is the one studied");
  h5::make_scale(region.get(), "region");

  const std::vector<hsize_t> per_region{f.regions};
  std::vector<h5::ScaleAttachment> attachments;  // written together once every dataset is made
  for (const Indicator& k : kIndicators) {
    auto ds =
        std::make_unique<h5::Extendible>(g, std::string(k.name), H5T_IEEE_F64LE, per_region, chunk);
    describe(ds->get(), k.unit, k.description);
    attachments.push_back({ds->get(), f.time->get(), 0});
    attachments.push_back({ds->get(), region.get(), 1});
    f.values.push_back(std::move(ds));
  }
  // Indicators with a third axis: each gets its own scale of names.
  std::vector<Handle> axis_scales;
  for (const Breakdown& b : kBreakdowns) {
    const std::string axis(b.axis);
    Handle scale = h5::write_strings(g, axis, names_of(b.axis_names));
    describe(scale.get(), "1", axis + " names");
    h5::make_scale(scale.get(), axis);
    auto ds = std::make_unique<h5::Extendible>(g, std::string(b.name), H5T_IEEE_F64LE,
                                               std::vector<hsize_t>{f.regions, b.axis_names.size()},
                                               chunk);
    describe(ds->get(), b.unit, b.description);
    attachments.push_back({ds->get(), f.time->get(), 0});
    attachments.push_back({ds->get(), region.get(), 1});
    attachments.push_back({ds->get(), scale.get(), 2});
    f.breakdowns.push_back(std::move(ds));
    axis_scales.push_back(std::move(scale));
  }
  h5::attach_scales(attachments);
  // Firm-level tables: snapshots of firms and ties, and every exit.
  if (snapshots) {
    f.firms = ColumnTable(root, "firms", FirmRows{});
    f.ties = ColumnTable(root, "ties", TieRows{});
  }
  f.exits = ColumnTable(root, "exits", ExitRows{});
}

Recorder::Recorder(PartialFile output, const Scenario& s, const std::vector<std::uint64_t>& rows,
                   const std::string& run_id)
    : output_(std::move(output)),
      file_(std::make_unique<File>()),
      record_every_(s.simulation.record_every),
      flush_every_(s.simulation.flush_every),
      run_id_(run_id) {
  const std::string partial = partial_path().string();
  File& f = *file_;
  f.file =
      Handle(h5::check(H5Fopen(output_.held_path().c_str(), H5F_ACC_RDWR, run_file_access().get()),
                       "open " + partial),
             H5Fclose);
  // A kill while HDF5 flushed can leave metadata pointing past the end the superblock records
  // (once: "addr overflow ... eoa" at resume): what was written before the kill is all there,
  // so the end of the file is taken as its end.
  h5::check(H5Fincrement_filesize(f.file.get(), 0), "recover the end of " + partial);
  check_identity(f.file.get(), partial, s, run_id);
  f.indicators = h5::open_group(f.file.get(), "indicators");
  f.regions = s.regions.size();
  const hid_t g = f.indicators.get();
  std::size_t next = 0;
  f.time = std::make_unique<h5::Extendible>(g, "time", h5::kMemoryTypeOfFileType, rows.at(next++));
  for (const Indicator& k : kIndicators)
    f.values.push_back(std::make_unique<h5::Extendible>(
        g, std::string(k.name), h5::kMemoryTypeOfFileType, rows.at(next++)));
  for (const Breakdown& b : kBreakdowns)
    f.breakdowns.push_back(std::make_unique<h5::Extendible>(
        g, std::string(b.name), h5::kMemoryTypeOfFileType, rows.at(next++)));
  if (s.simulation.snapshot_every > 0) {
    f.firms = ColumnTable(f.file.get(), "firms", FirmRows{}, rows, next);
    f.ties = ColumnTable(f.file.get(), "ties", TieRows{}, rows, next);
  }
  f.exits = ColumnTable(f.file.get(), "exits", ExitRows{}, rows, next);
  if (next != rows.size())
    throw h5::Error(partial + ": the checkpoint counts " + std::to_string(rows.size()) +
                    " datasets, the run file " + std::to_string(next));
  h5::check(H5Fflush(f.file.get(), H5F_SCOPE_GLOBAL), "flush");
  writer_ = start_writer();
}

std::vector<std::uint64_t> Recorder::rows() const {
  writer_->wait();
  const File& f = *file_;
  std::vector<std::uint64_t> out{f.time->rows()};
  for (const auto& v : f.values) out.push_back(v->rows());
  for (const auto& b : f.breakdowns) out.push_back(b->rows());
  f.firms.rows(out);
  f.ties.rows(out);
  f.exits.rows(out);
  return out;
}

void Recorder::flush(const World& world, const std::function<void()>& tables_written) {
  hand_over();
  rows_unflushed_ = 0;  // write_buffered_rows empties the writer's rows
  const auto post = [this](std::function<void()> job, std::size_t max_pending) {
    writer_->post([this, job = std::move(job)] { reporting_failures(partial_path(), job); },
                  max_pending);
  };
  post([this] { write_buffered_rows(); }, kPendingObservations);
  // The tables are gathered here while the writer writes the columns gathered before (and
  // what it was handed before them: a final snapshot). Columns reach it in batches of at least
  // kTableBatchBytes, so a small table is one hand-over; a few batches may wait, so what they
  // hold stays small (a million-firm run's longest column is 4 MiB).
  std::vector<std::function<void()>> batch;
  std::size_t batch_bytes = 0;
  const auto hand_batch = [&] {
    post(
        [jobs = std::exchange(batch, {})] {
          for (const auto& job : jobs) job();
        },
        kPendingTableBatches);
    batch_bytes = 0;
  };
  write_projects_table(
      file_->file.get(), world,
      [&](std::function<void()> job, std::size_t bytes) {
        batch.push_back(std::move(job));
        batch_bytes += bytes;
        if (batch_bytes >= kTableBatchBytes) hand_batch();
      },
      tables_written);
  if (!batch.empty()) hand_batch();
  writer_->wait();
  reporting_failures(partial_path(), [&] { flush_to_disk(); });
}

void Recorder::flush_rows() {
  hand_over();
  writer_->wait();
  rows_unflushed_ = 0;
  reporting_failures(partial_path(), [&] {
    write_buffered_rows();
    flush_to_disk();
  });
}

void Recorder::flush_to_disk() {
  h5::check(H5Fflush(file_->file.get(), H5F_SCOPE_GLOBAL), "flush");
}

Recorder::~Recorder() {
  try {
    hand_over();
  } catch (...) {  // the writer failed before: what it was not given is dropped with it
  }
  writer_.reset();  // writes what it was given (a failure among it is dropped)
  // A run that failed keeps what it recorded, under the .partial name.
  if (file_ && file_->file.get() >= 0) {
    try {
      write_buffered_rows();
    } catch (...) {
    }
  }
}

void Recorder::record(const Observation& o) {
  waiting_.push_back(o);
  // Whether keep() will write and flush the rows with this observation, as it decides.
  rows_unflushed_ += (o.step + 1) % record_every_ == 0;
  const bool flushes = flush_due(rows_unflushed_);
  if (flushes) rows_unflushed_ = 0;
  if (o.snapshot || flushes || waiting_.size() >= kPendingObservations) hand_over();
}

void Recorder::hand_over() {
  if (waiting_.empty()) return;
  writer_->post([this, batch = std::exchange(waiting_, {})] {
    reporting_failures(partial_path(), [&] {
      for (const Observation& o : batch) keep(o);
    });
  });
}

double Recorder::writer_cpu_seconds() const { return writer_ ? writer_->cpu_seconds() : 0.0; }

void Recorder::keep(const Observation& o) {
  exits_.append(o.exits);
  // A snapshot is written at once (it is large, and rare) and reaches the disk with the next
  // flush: in months 12, 24, ... that is this step's.
  if (o.snapshot) {
    file_->firms.append(o.snapshot->firms);
    file_->ties.append(o.snapshot->ties);
  }
  if ((o.step + 1) % record_every_ != 0) return;
  Observation row = o;
  row.snapshot.reset();
  row.exits = {};
  buffer_.push_back(std::move(row));
  if (flush_due(buffer_.size())) {
    write_buffered_rows();
    flush_to_disk();
  }
}

void Recorder::write_buffered_rows() {
  if (buffer_.empty() && exits_.size() == 0) return;
  File& f = *file_;
  const auto n = static_cast<hsize_t>(buffer_.size());
  std::vector<std::int64_t> times;
  for (const auto& o : buffer_) times.push_back(o.step + 1);
  f.time->append(times.data(), n);
  std::vector<double> block;
  for (std::size_t k = 0; k < kIndicators.size(); ++k) {
    block.clear();
    for (const auto& o : buffer_)
      for (const RegionId r : ids<RegionId>(f.regions)) block.push_back(o.at(r, {k}));
    f.values[k]->append(block.data(), n);
  }
  for (std::size_t b = 0; b < kBreakdowns.size(); ++b) {
    block.clear();
    for (const auto& o : buffer_)
      block.insert(block.end(), o.breakdowns[b].begin(), o.breakdowns[b].end());
    f.breakdowns[b]->append(block.data(), n);
  }
  buffer_.clear();
  f.exits.append(exits_);
  exits_ = {};
}

void Recorder::annotate(const std::string& name, const std::string& value) {
  hand_over();
  writer_->wait();
  h5::write_attribute(file_->file.get(), name, value);
}
void Recorder::annotate(const std::string& name, std::int64_t value) {
  hand_over();
  writer_->wait();
  h5::write_attribute(file_->file.get(), name, value);
}
void Recorder::annotate(const std::string& name, double value) {
  hand_over();
  writer_->wait();
  h5::write_attribute(file_->file.get(), name, value);
}

void Recorder::finish(const World& world) {
  flush(world);
  reporting_failures(partial_path(), [&] {
    h5::write_attribute(file_->file.get(), "complete", std::int64_t{1});
    h5::check(H5Fflush(file_->file.get(), H5F_SCOPE_GLOBAL), "flush");
  });
  file_ = std::make_unique<File>();  // closes every handle
  output_.commit();
}

}  // namespace ecosim
