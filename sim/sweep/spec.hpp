// A sweep file (TOML): the base scenario and fixed overrides, the swept parameters with their
// values or ranges, the design that places points in those ranges, replicates and seeds, and
// the output folder. Read with the positioned errors of scenario files. README, "Sweeps".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ecosim {

// One value of a swept key: a number, a boolean or a string (as in --set).
struct SweepValue {
  enum class Kind : std::uint8_t { number, boolean, text };
  Kind kind = Kind::number;
  double number = 0;
  bool flag = false;
  std::string text;

  static SweepValue of(double x) { return {Kind::number, x, false, {}}; }
  // The value as the right-hand side of --set: integer keys get a whole number.
  std::string override_text(bool integer) const;
  // The value in the index: numbers in shortest round-trip form, booleans 0/1, strings as such.
  std::string column_text(bool integer) const;
};

struct SweepParameter {
  std::string key;                 // as --set addresses it: region.0.firms
  std::vector<SweepValue> values;  // given values (grid, list)
  double lower = 0, upper = 0;     // the range (other designs, and grids without values)
  bool log = false;                // values spread evenly in log space
  bool integer = false;            // an integer key: values are rounded
  int levels = 0;                  // grid over a range: this many values (0: the sweep's)
  std::string range_source;        // "given" or the schema's source of the plausible range
  int line = 1, column = 1;        // where the sweep file declares it
};

enum class SweepDesign : std::uint8_t { grid, list, random, lhs, morris, saltelli };
std::string_view name_of(SweepDesign design);

// What a cluster needs in the job scripts of `ecosim sweep --emit-sbatch` ([slurm] table).
struct SlurmOptions {
  std::string account, partition;     // #SBATCH --account= / --partition=, when given
  std::vector<std::string> sbatch;    // more #SBATCH options, each "--name[=value]"
  std::vector<std::string> preamble;  // shell lines run before ecosim (module load ...)
};

struct SweepSpec {
  std::filesystem::path file;  // the sweep file, as given
  std::string text;            // its text, stored with the index
  std::string scenario;        // the base scenario file (absolute), or "" for the embedded default
  std::vector<std::string> fixed;             // key=value overrides of every run ([sweep.set])
  std::vector<std::pair<int, int>> fixed_at;  // line and column of each in the sweep file
  std::vector<SweepParameter> parameters;
  SweepDesign design = SweepDesign::grid;
  int replicates = 1;
  std::int64_t seed = 1;
  bool common_random_numbers = true;  // replicate r has the same seed at every point
  int samples = 0;                    // random, lhs: points; saltelli: base samples
  int trajectories = 0;               // morris
  int levels = 0;                     // morris grid levels; grid levels of ranges without values
  std::filesystem::path output;       // the output folder (relative to the working directory)
  SlurmOptions slurm;
};

// Reads and checks a sweep file; throws ScenarioError with every problem, each positioned.
SweepSpec load_sweep_file(const std::filesystem::path& path);
SweepSpec load_sweep_text(std::string_view text, const std::filesystem::path& path);

}  // namespace ecosim
