// The runs of a sweep: its design's points, each repeated for the replicates, with their seeds
// and file names; and the check that every point's scenario is valid before the first run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sweep/spec.hpp"

namespace ecosim {

struct PlannedRun {
  int run = 0;        // 0.. in plan order; names the file
  int point = 0;      // design point
  int replicate = 0;  // 0..replicates-1
  int block = 0;      // grid/list/random/lhs: the point; morris: trajectory; saltelli: base sample
  int position = 0;   // place in the block: morris 0..k, saltelli 0 (A), 1..k (AB_i), k+1 (B)
  std::vector<SweepValue> values;  // one per parameter
  std::int64_t seed = 0;
  std::string file;  // relative to the output folder: run_file_name(run, runs)
};

// Run files per folder in a sweep of more than this many runs: a folder of 10^5 files is slow
// to list and hard on a parallel file system's metadata server.
inline constexpr int kRunsPerFolder = 1000;

// Where run `run` of a sweep of `runs` runs writes, relative to the output folder:
// runs/run_000123.h5, or in a sweep of more than kRunsPerFolder runs, runs/000/run_000123.h5
// (the folder is run / kRunsPerFolder).
std::string run_file_name(int run, std::size_t runs);

struct SweepPlan {
  SweepSpec spec;
  int points = 0;
  std::vector<PlannedRun> runs;
  // A digest of the base scenario as composed (its bases merged) and of this ecosim's version:
  // with a run's overrides, what its file must have been written for (run_digest). Empty when
  // the scenario cannot be loaded (check_plan says why).
  std::string base_digest;
};

// The design's points in the unit cube (points x parameters), before mapping to the ranges.
// Grid and list have none (their values are given or spread over the range directly).
std::vector<std::vector<double>> unit_design(const SweepSpec& spec);

// Every run: points in design order, each with its replicates; seed = sweep seed + replicate
// with common random numbers, + run without.
SweepPlan make_plan(SweepSpec spec);

// The --set overrides of one run: the sweep's fixed ones, its parameters' values, its seed.
std::vector<std::string> overrides_of(const SweepPlan& plan, const PlannedRun& run);

// 16 hex digits naming what a run's file is written for: the base scenario's composed text,
// the ecosim version and the run's overrides. A resume redoes a run whose file says otherwise.
std::string run_digest(const SweepPlan& plan, const PlannedRun& run);

// Per point, whether one of `runs` is of it (every point when `runs` is null): the points a
// resume still has to run, whose scenarios it checks and whose costs it estimates.
std::vector<char> points_of(const SweepPlan& plan, const std::vector<int>* runs);

// Loads the scenario of every point once (of the points of `runs` only, when given: what a
// resume still has to run); throws ScenarioError whose diagnostics point at the sweep file (the
// parameter whose value is refused, or the key of [sweep.set]).
void check_plan(const SweepPlan& plan, const std::vector<int>* runs = nullptr);

}  // namespace ecosim
