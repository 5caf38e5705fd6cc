#include "sweep/slurm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sweep/execute.hpp"

namespace ecosim {
namespace fs = std::filesystem;

RunCost estimate_run(const SweepPlan& plan, const std::vector<int>* runs) {
  RunCost most;
  const std::vector<char> wanted = points_of(plan, runs);
  for (const PlannedRun& run : plan.runs) {
    // Replicates differ only by seed.
    if (run.replicate != 0 || !wanted[std::size_t(run.point)]) continue;
    const RunCost cost = estimate_run(scenario_of(plan, run));
    most = {std::max(most.seconds, cost.seconds), std::max(most.bytes, cost.bytes)};
  }
  return most;
}

namespace {

// The sweep file's [slurm] options, `set -euo pipefail` and its preamble: what both scripts end
// their header with, before their command.
std::string cluster_lines(const SlurmOptions& cluster) {
  std::string out;
  if (!cluster.account.empty()) out += "#SBATCH --account=" + cluster.account + "\n";
  if (!cluster.partition.empty()) out += "#SBATCH --partition=" + cluster.partition + "\n";
  for (const std::string& option : cluster.sbatch) out += "#SBATCH " + option + "\n";
  out += "set -euo pipefail\n";
  for (const std::string& line : cluster.preamble) out += line + "\n";
  return out;
}

}  // namespace

std::string sbatch_script(const SweepPlan& plan, const fs::path& sweep_file, const fs::path& out,
                          const fs::path& ecosim, int tasks, int cpus) {
  const RunCost cost = estimate_run(plan);
  const int runs = int(plan.runs.size());
  const int per_task = (runs + tasks - 1) / tasks;
  const int rounds = (per_task + cpus - 1) / cpus;
  // Twice the estimate and ten minutes more: clusters kill tasks that run over.
  const int seconds = static_cast<int>(std::ceil(2 * rounds * cost.seconds)) + 600;
  const long mib = static_cast<long>(std::ceil(1.5 * cpus * cost.bytes / (1 << 20))) + 256;
  char time[32];
  std::snprintf(time, sizeof time, "%d-%02d:%02d:%02d", seconds / 86400, seconds / 3600 % 24,
                seconds / 60 % 60, seconds % 60);
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# ecosim sweep " << sweep_file.filename().string() << ": " << runs << " runs in " << tasks
    << " array tasks of " << cpus << " cores (about " << per_task << " runs each, estimated "
    << static_cast<int>(std::ceil(cost.seconds)) << " s and "
    << static_cast<long>(cost.bytes / (1 << 20)) << " MiB per run on one core).\n"
    << "# Written by `ecosim sweep --emit-sbatch`; submit with `sbatch`. Task I runs shard\n"
    << "# I/" << tasks << " (the runs with run % " << tasks << " == I), so any part of the "
    << "array can be\n"
    << "# submitted again (sbatch --array=0,2 or --array=0-4:2) and finishes what is missing;\n"
    << "# each task updates the index when it ends.\n"
    << "#SBATCH --job-name=ecosim-" << sweep_file.stem().string() << "\n"
    << "#SBATCH --array=0-" << tasks - 1 << "\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=" << cpus << "\n"
    << "#SBATCH --mem=" << mib << "M\n"
    << "#SBATCH --time=" << time << "\n"
    << "#SBATCH --output=" << (out / "slurm" / "task_%A_%a.out").string() << "\n";
  s << cluster_lines(plan.spec.slurm) << "exec " << shell_quoted(ecosim.string()) << " sweep "
    << shell_quoted(sweep_file.string()) << " --output " << shell_quoted(out.string())
    << " --shard \"${SLURM_ARRAY_TASK_ID}/" << tasks << "\" --jobs \"${SLURM_CPUS_PER_TASK:-"
    << cpus << "}\" --threads 1\n";
  return s.str();
}

std::string sbatch_index_script(const SweepPlan& plan, const fs::path& sweep_file,
                                const fs::path& out, const fs::path& ecosim) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# ecosim sweep " << sweep_file.filename().string() << ": writes the index of its "
    << plan.runs.size() << " runs once, after the\n"
    << "# array job has ended: sbatch --dependency=afterany:<the array's job id> this file.\n"
    << "#SBATCH --job-name=ecosim-" << sweep_file.stem().string() << "-index\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=1\n"
    << "#SBATCH --mem=1024M\n"
    << "#SBATCH --time=0-01:00:00\n"
    << "#SBATCH --output=" << (out / "slurm" / "index_%j.out").string() << "\n"
    << cluster_lines(plan.spec.slurm) << "exec " << shell_quoted(ecosim.string()) << " sweep "
    << shell_quoted(sweep_file.string()) << " --output " << shell_quoted(out.string())
    << " --index-only\n";
  return s.str();
}

std::optional<long> max_array_size_of(const std::string& scontrol_config) {
  std::istringstream in(scontrol_config);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string key, equals;
    long value = 0;
    if (words >> key >> equals >> value && key == "MaxArraySize" && equals == "=" && value > 0)
      return value;
  }
  return std::nullopt;
}

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace ecosim
