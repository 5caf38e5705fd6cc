// Prints how fast the default model steps: set-up time, time per step, agent-steps per second
// and peak memory, for a firm count and thread count given on the command line.
//   usage: ecosim_bench [FIRMS] [STEPS] [THREADS]     (defaults: 100000 24 0 = all cores)
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/parallel.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

int main(int argc, char** argv) {
  using namespace ecosim;
  using Clock = std::chrono::steady_clock;
  const long firms = argc > 1 ? std::atol(argv[1]) : 100000;
  const int steps = argc > 2 ? std::atoi(argv[2]) : 24;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 0;
  if (firms < 2 || steps < 1 || threads < 0) {
    std::fprintf(stderr, "usage: ecosim_bench [FIRMS>=2] [STEPS>=1] [THREADS>=0]\n");
    return 2;
  }
  // The default scenario scaled: firms and population split like the default's two regions.
  const Scenario base = load_default_scenario();
  double base_firms = 0;
  for (const auto& r : base.regions) base_firms += r.firms;
  std::vector<std::string> overrides = {"simulation.steps=" + std::to_string(steps)};
  for (std::size_t r = 0; r < base.regions.size(); ++r) {
    const double scale = firms / base_firms;
    const std::string key = "region." + std::to_string(r) + ".";
    overrides.push_back(key + "firms=" + std::to_string(std::max(1L, std::lround(base.regions[r].firms * scale))));
    overrides.push_back(key + "population=" + std::to_string(base.regions[r].population * scale));
  }
  ThreadLimit limit(threads);
  const auto t0 = Clock::now();
  Simulation sim(load_default_scenario(overrides));
  const auto t1 = Clock::now();
  for (int t = 0; t < steps; ++t) sim.step();
  const auto t2 = Clock::now();
  const double setup = std::chrono::duration<double>(t1 - t0).count();
  const double run = std::chrono::duration<double>(t2 - t1).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double agent_steps = static_cast<double>(firms) * steps;
  std::printf("firms %ld  steps %d  threads %d\n", firms, steps,
              threads > 0 ? threads : ThreadLimit::hardware_threads());
  std::printf("setup %.3f s  run %.3f s  per step %.2f ms\n", setup, run, 1e3 * run / steps);
  std::printf("agent-steps/s %.3g  ns/agent-step %.1f  peak RSS %.1f MiB (%.0f B/firm)\n",
              agent_steps / run, 1e9 * run / agent_steps, usage.ru_maxrss / 1024.0,
              usage.ru_maxrss * 1024.0 / firms);
  return 0;
}
