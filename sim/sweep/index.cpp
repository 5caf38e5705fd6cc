#include "sweep/index.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/numbers.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "sweep/execute.hpp"
#include "sweep/known_runs.hpp"

namespace ecosim {
namespace fs = std::filesystem;
namespace {

std::string_view name_of(RunStatus status) {
  switch (status) {
    case RunStatus::done:
      return "done";
    case RunStatus::failed:
      return "failed";
    case RunStatus::missing:
      break;
  }
  return "missing";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string number_text(double x) {
  std::ostringstream s;
  s.precision(17);
  s << x;
  return s.str();
}

// Whether a parameter's index column holds numbers (numbers and booleans) or strings.
bool numeric_column(const SweepPlan& plan, std::size_t j) {
  for (const PlannedRun& run : plan.runs)
    if (run.values[j].kind == SweepValue::Kind::text) return false;
  return true;
}

// The parameters as JSON for index.h5: key, lower, upper, scale (bounds of the values given).
std::string parameters_json(const SweepPlan& plan) {
  std::string out = "[";
  for (std::size_t j = 0; j < plan.spec.parameters.size(); ++j) {
    const SweepParameter& p = plan.spec.parameters[j];
    double lower = p.lower, upper = p.upper;
    if (!p.values.empty() && numeric_column(plan, j)) {
      lower = upper = p.values.front().kind == SweepValue::Kind::boolean
                          ? double(p.values.front().flag)
                          : p.values.front().number;
      for (const SweepValue& v : p.values) {
        const double x = v.kind == SweepValue::Kind::boolean ? double(v.flag) : v.number;
        lower = std::min(lower, x), upper = std::max(upper, x);
      }
    }
    out += (j ? ", " : "") + std::string("{\"key\": ") + json_string(p.key) +
           ", \"lower\": " + number_text(lower) + ", \"upper\": " + number_text(upper) +
           ", \"scale\": " + (p.log ? "\"log\"" : "\"linear\"") +
           ", \"integer\": " + (p.integer ? "true" : "false") +
           ", \"range\": " + json_string(p.values.empty() ? p.range_source : "values") + "}";
  }
  return out + "]";
}

class IndexLock {
 public:
  explicit IndexLock(const fs::path& out) {
    fd_ = ::open((out / ".index.lock").c_str(), O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

namespace {

// The file a row names: the run file (done, or where a missing run will write it), and for a
// failed run its .error file, which holds the message and the time it ran.
std::string file_of(const PlannedRun& run, RunStatus status) {
  return status == RunStatus::failed ? error_file(run) : run.file;
}

}  // namespace

std::string to_string(const IndexCounts& counts) {
  return grouped(counts.done) + " done, " + grouped(counts.failed) + " failed, " +
         grouped(counts.missing) + " missing";
}

IndexCounts write_index(const SweepPlan& plan, const fs::path& out) {
  fs::create_directories(out);
  IndexLock lock(out);
  const SweepSpec& s = plan.spec;
  const std::size_t n = plan.runs.size(), k = s.parameters.size();
  std::vector<RunOutcome> outcomes(n);
  IndexCounts counts;
  KnownRuns known(out);  // what the last index found, while still true
  for (std::size_t i = 0; i < n; ++i) {
    outcomes[i] = known.refresh(plan, plan.runs[i]);
    switch (outcomes[i].status) {
      case RunStatus::done:
        ++counts.done;
        break;
      case RunStatus::failed:
        ++counts.failed;
        break;
      case RunStatus::missing:
        ++counts.missing;
        break;
    }
  }
  std::vector<bool> numeric(k);
  for (std::size_t j = 0; j < k; ++j) numeric[j] = numeric_column(plan, j);

  replace_file(out / "index.csv", [&](const fs::path& path) {
    std::ofstream csv(path);
    csv << "run,point,replicate,block,position";
    for (const SweepParameter& p : s.parameters) csv << "," << csv_field(p.key);
    csv << ",seed,status,file,wall_s,error\n";
    for (std::size_t i = 0; i < n; ++i) {
      const PlannedRun& r = plan.runs[i];
      csv << r.run << "," << r.point << "," << r.replicate << "," << r.block << "," << r.position;
      for (std::size_t j = 0; j < k; ++j)
        csv << "," << csv_field(r.values[j].column_text(s.parameters[j].integer));
      const RunOutcome& o = outcomes[i];
      csv << "," << r.seed << "," << name_of(o.status) << "," << file_of(r, o.status) << ","
          << (o.status != RunStatus::missing && !std::isnan(o.wall_s)
                  ? SweepValue::of(o.wall_s).column_text(false)
                  : "")
          << "," << csv_field(o.error) << "\n";
    }
    if (!csv.flush()) throw std::runtime_error(path.string() + ": cannot write the index");
  });

  replace_file(out / "index.h5", [&](const fs::path& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    h5::Handle file(h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                              "create " + path.string()),
                    H5Fclose);
    const hid_t root = file.get();
    h5::write_attribute(root, "format_version", std::int64_t{1});
    h5::write_attribute(root, "sweep", s.text);
    // Absolute, whoever ran it from where: a task under Slurm and a local resume agree.
    h5::write_attribute(root, "sweep_file", fs::absolute(s.file).lexically_normal().string());
    h5::write_attribute(root, "scenario", s.scenario.empty() ? "<embedded default>" : s.scenario);
    h5::write_attribute(root, "design", std::string(name_of(s.design)));
    h5::write_attribute(root, "parameters", parameters_json(plan));
    h5::write_attribute(root, "replicates", std::int64_t{s.replicates});
    h5::write_attribute(root, "common_random_numbers", std::int64_t{s.common_random_numbers});
    h5::write_attribute(root, "seed", std::int64_t{s.seed});
    h5::write_attribute(root, "ecosim_version", std::string(ECOSIM_VERSION));
    // The sweep's levels where they were used: every Morris sweep, and a grid with a range
    // that does not give its own (a grid of given values has none).
    if (s.design == SweepDesign::morris ||
        (s.design == SweepDesign::grid &&
         std::any_of(s.parameters.begin(), s.parameters.end(),
                     [](const SweepParameter& p) { return p.values.empty() && p.levels == 0; })))
      h5::write_attribute(root, "levels", std::int64_t{s.levels});
    if (s.design == SweepDesign::saltelli)
      h5::write_attribute(root, "base_samples", std::int64_t{s.samples});
    if (s.design == SweepDesign::morris)
      h5::write_attribute(root, "trajectories", std::int64_t{s.trajectories});
    h5::Handle runs = h5::create_group(root, "runs");
    auto ints = [&](const char* name, auto get) {
      std::vector<std::int64_t> v;
      for (const PlannedRun& r : plan.runs) v.push_back(get(r));
      h5::write_ints(runs.get(), name, v);
    };
    ints("run", [](const PlannedRun& r) { return std::int64_t{r.run}; });
    ints("point", [](const PlannedRun& r) { return std::int64_t{r.point}; });
    ints("replicate", [](const PlannedRun& r) { return std::int64_t{r.replicate}; });
    ints("block", [](const PlannedRun& r) { return std::int64_t{r.block}; });
    ints("position", [](const PlannedRun& r) { return std::int64_t{r.position}; });
    ints("seed", [](const PlannedRun& r) { return r.seed; });
    for (std::size_t j = 0; j < k; ++j) {
      const SweepParameter& p = s.parameters[j];
      if (numeric[j]) {
        std::vector<double> v;
        for (const PlannedRun& r : plan.runs)
          v.push_back(std::stod(r.values[j].column_text(p.integer)));
        h5::write_doubles(runs.get(), p.key, v);
      } else {
        std::vector<std::string> v;
        for (const PlannedRun& r : plan.runs) v.push_back(r.values[j].column_text(p.integer));
        h5::write_strings(runs.get(), p.key, v);
      }
    }
    std::vector<std::string> status, files, errors;
    std::vector<double> wall;
    for (std::size_t i = 0; i < n; ++i) {
      status.emplace_back(name_of(outcomes[i].status));
      files.push_back(file_of(plan.runs[i], outcomes[i].status));
      errors.push_back(outcomes[i].error);
      wall.push_back(outcomes[i].status != RunStatus::missing ? outcomes[i].wall_s : std::nan(""));
    }
    h5::write_strings(runs.get(), "status", status);
    h5::write_strings(runs.get(), "file", files);
    h5::write_doubles(runs.get(), "wall_s", wall);
    h5::write_strings(runs.get(), "error", errors);
  });
  known.save();
  return counts;
}

}  // namespace ecosim
