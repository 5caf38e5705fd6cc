// One benchmark configuration: the default scenario scaled to FIRMS firms (population and
// every institution scaled with them), run for STEPS months on THREADS threads while recording
// HDF5 at the scenario's cadence. Prints set-up time, time per step and per phase, agent-steps
// per second, peak memory, the share of run time the simulation waited on the recorder
// (recording_share) and the CPU time of the recorder's writer thread (writer_cpu_s). bench/run.py
// runs it over sizes and thread counts and writes bench/RESULTS.md.
//   usage: ecosim_bench FIRMS STEPS THREADS [OUTPUT.h5]
#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "engine/parallel.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"
#include "scenario/load.hpp"
#include "session/run_to_file.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The default scenario with every region scaled so the firms add up to `firms`.
ecosim::Scenario scaled_default(long firms, int steps) {
  using namespace ecosim;
  const Scenario base = load_default_scenario();
  double base_firms = 0;
  for (const auto& r : base.regions) base_firms += r.firms;
  const double scale = firms / base_firms;
  std::vector<std::string> overrides = {"simulation.steps=" + std::to_string(steps)};
  for (const RegionId r : base.regions.ids()) {
    const RegionParams& region = base.regions[r];
    const std::string key = "region." + std::to_string(r.index()) + ".";
    auto scaled = [&](double x) { return std::to_string(std::max(1L, std::lround(x * scale))); };
    overrides.push_back(key + "firms=" + scaled(region.firms));
    overrides.push_back(key + "jobs=" + scaled(region.jobs));
    overrides.push_back(key + "population=" + scaled(region.population));
    overrides.push_back(key + "municipalities=" + scaled(region.municipalities));
    overrides.push_back(key + "universities=" + scaled(region.universities));
    overrides.push_back(key + "private_investors=" + scaled(region.private_investors));
    overrides.push_back(key + "promotion_orgs=" + scaled(region.promotion_orgs));
    overrides.push_back(key +
                        "dialogue_per_month=" + std::to_string(region.dialogue_per_month * scale));
  }
  overrides.push_back("policy.public_agency.budget_per_year=" +
                      std::to_string(base.public_agency.budget_per_year * scale));
  return load_default_scenario(overrides);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ecosim;
  if (argc < 4) {
    std::fprintf(stderr, "usage: ecosim_bench FIRMS STEPS THREADS [OUTPUT.h5]\n");
    return 2;
  }
  const long firms = std::atol(argv[1]);
  const int steps = std::atoi(argv[2]);
  const int threads = std::atoi(argv[3]);
  // Without OUTPUT.h5, a folder of this run's own: two benches at once never share a file.
  std::string own_dir;
  if (argc <= 4) {
    own_dir = (std::filesystem::temp_directory_path() / "ecosim_bench.XXXXXX").string();
    if (::mkdtemp(own_dir.data()) == nullptr) {
      std::perror("ecosim_bench: mkdtemp");
      return 1;
    }
  }
  const std::filesystem::path output =
      argc > 4 ? std::filesystem::path(argv[4]) : std::filesystem::path(own_dir) / "bench.h5";
  if (firms < 2 || steps < 1 || threads < 1) {
    std::fprintf(stderr, "ecosim_bench: need FIRMS >= 2, STEPS >= 1, THREADS >= 1\n");
    return 2;
  }
  ThreadLimit limit(threads);
  auto t0 = Clock::now();
  Simulation sim(scaled_default(firms, steps));
  const double setup = since(t0);

  double recording = 0, writer_cpu = 0;
  t0 = Clock::now();
  {
    auto r0 = Clock::now();
    Recorder recorder(output, sim.scenario(), {ECOSIM_VERSION, threads}, true);
    recording += since(r0);
    run_steps(sim, [&](Observation&& o) {
      r0 = Clock::now();
      recorder.record(o);
      recording += since(r0);
    });
    r0 = Clock::now();
    recorder.finish(sim.world());
    recording += since(r0);
    writer_cpu = recorder.writer_cpu_seconds();
  }
  const double run = since(t0);
  std::filesystem::remove(output);
  if (!own_dir.empty()) std::filesystem::remove(own_dir);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_bytes = usage.ru_maxrss * 1024.0;
  const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec +
                     usage.ru_stime.tv_usec * 1e-6;
  // Agent-steps count firms alive at the start; entries and exits roughly balance.
  const double agent_steps = static_cast<double>(firms) * steps;
  std::printf(
      "firms=%ld steps=%d threads=%d setup_s=%.4f run_s=%.4f step_ms=%.3f agent_steps_per_s=%.4g "
      "ns_per_agent_step=%.2f peak_mib=%.1f bytes_per_firm=%.0f recording_share=%.4f cpu_s=%.3f "
      "writer_cpu_s=%.3f",
      firms, steps, threads, setup, run, 1e3 * run / steps, agent_steps / run,
      1e9 * run / agent_steps, peak_bytes / (1 << 20), peak_bytes / firms, recording / run, cpu,
      writer_cpu);
  // The phases in step order, then each one's time: bench/run.py reads the names from here.
  std::string names;
  for (std::size_t k = 0; k < sim.phase_seconds().size(); ++k)
    names += (k ? "," : "") + std::string(Simulation::phase_name(k));
  std::printf(" phases=%s", names.c_str());
  for (std::size_t k = 0; k < sim.phase_seconds().size(); ++k)
    std::printf(" %s_ms=%.3f", std::string(Simulation::phase_name(k)).c_str(),
                1e3 * sim.phase_seconds()[k] / steps);
  std::printf(" proposals=%zu\n", sim.world().projects.size());
  return 0;
}
