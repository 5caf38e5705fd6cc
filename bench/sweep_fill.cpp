// Fills a sweep's output folder as if every run had been done, for bench/sweep_scale.py: run 0
// is run for real, and every other run's file is a copy of it with that run's annotations
// (sweep/execute.hpp run_annotations) and its line in the journal, as a run ending writes it
// (sweep/known_runs.hpp), so the index and a resume take each one as done. Running 10^5 real
// runs would take this 2-core machine half an hour; indexing and resuming read only the
// files' annotations, or the journal and the files' stamps.
//   usage: ecosim_sweep_fill SWEEP.toml OUT
#include <cstdio>
#include <exception>
#include <filesystem>
#include <variant>

#include "io/h5.hpp"
#include "sweep/execute.hpp"
#include "sweep/known_runs.hpp"
#include "sweep/plan.hpp"
#include "sweep/spec.hpp"

int main(int argc, char** argv) {
  using namespace ecosim;
  namespace fs = std::filesystem;
  if (argc != 3) {
    std::fprintf(stderr, "usage: ecosim_sweep_fill SWEEP.toml OUT\n");
    return 2;
  }
  try {
    const SweepPlan plan = make_plan(load_sweep_file(argv[1]));
    const fs::path out = argv[2];
    prepare_output(plan, out, true);
    const RunOutcome first = execute_run(plan, plan.runs.at(0), out, 1);
    if (first.status != RunStatus::done) {
      std::fprintf(stderr, "ecosim_sweep_fill: run 0 failed: %s\n", first.error.c_str());
      return 1;
    }
    const fs::path model = out / plan.runs[0].file;
    for (std::size_t i = 1; i < plan.runs.size(); ++i) {
      const PlannedRun& run = plan.runs[i];
      const fs::path path = out / run.file;
      fs::create_directories(path.parent_path());
      fs::copy_file(model, path, fs::copy_options::overwrite_existing);
      h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open copy"),
                      H5Fclose);
      for (const RunAnnotation& a : run_annotations(plan, run))
        std::visit([&](const auto& value) { h5::write_attribute(file.get(), a.name, value); },
                   a.value);
      file.reset();  // closed, so that its stamp is final
      journal_outcome(plan, run, out, first);
    }
    std::printf("filled %zu runs in %s\n", plan.runs.size(), out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ecosim_sweep_fill: %s\n", e.what());
    return 1;
  }
  return 0;
}
