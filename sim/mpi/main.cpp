// ecosim_mpi SWEEP.toml [--output DIR] [--threads N]: a sweep under mpirun or srun. Rank 0
// hands out the runs not yet done, one at a time, to whichever rank asks, and runs them too;
// every rank writes one file per run with serial HDF5, and rank 0 writes the index every 30 s
// and at the end. A killed rank stops the job (Open MPI's default): the runs done are kept and
// indexed, and running the same command again redoes the rest.
// Exit status as `ecosim sweep`'s: 0 every run done, 1 a run failed, 2 bad input.
#include <mpi.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/progress.hpp"
#include "engine/numbers.hpp"
#include "engine/parallel.hpp"
#include "engine/printable.hpp"
#include "io/h5.hpp"
#include "io/output_file.hpp"
#include "scenario/load.hpp"
#include "sweep/execute.hpp"
#include "sweep/index.hpp"

namespace fs = std::filesystem;
using namespace ecosim;

namespace {

constexpr int kAsk = 1,
              kWork = 2;  // tags: a worker asks (sending its last outcome), rank 0 answers
constexpr int kStop = -1;

struct Options {
  std::string sweep, output;
  int threads = 1;
  bool force = false;  // run into a folder that holds another sweep's index
  bool help = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + ": missing value");
      return argv[++i];
    };
    if (a == "--output" || a == "-o") {
      o.output = value();
    } else if (a == "--threads") {
      const std::string text = value();
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), o.threads);
      if (error != std::errc{} || end != text.data() + text.size())
        throw std::invalid_argument("--threads: not a whole number: '" + printable(text) +
                                    "' (allowed: 1.." + std::to_string(kMaxThreads) + ")");
      if (const std::string refused = threads_out_of_range(o.threads, 1); !refused.empty())
        throw std::invalid_argument(refused);
    } else if (a == "--force") {
      o.force = true;
    } else if (a == "-h" || a == "--help") {
      o.help = true;
      return o;
    } else if (o.sweep.empty() && !a.starts_with("-")) {
      o.sweep = a;
    } else {
      throw std::invalid_argument("unknown argument '" + a + "'");
    }
  }
  if (o.sweep.empty()) throw std::invalid_argument("missing SWEEP.toml");
  return o;
}

constexpr const char* kUsage =
    "usage: mpirun -n N ecosim_mpi SWEEP.toml [--output DIR] [--threads N] [--force]\n";

// Rank 0: hands out the runs, runs them too on a thread of its own (which makes no MPI call),
// shows progress with an ETA, and writes the index at the end and every 30 s of wall time
// meanwhile (a job killed leaves an index that lists what was done); returns how many runs
// failed this time.
int dispatch(const SweepPlan& plan, const fs::path& out, int ranks, int threads, bool local_work) {
  StaleRuns stale;
  const std::vector<int> todo = runs_to_do(plan, out, {}, &stale);
  std::cerr << "ecosim_mpi: " << plan.runs.size() << " runs, " << todo.size() << " to run on "
            << ranks << " ranks (rank 0 hands them out and runs them too), into " << out.string();
  if (stale.total() > 0)
    std::cerr << " (" << stale.total()
              << " finished before for another scenario or version: redone)";
  std::cerr << "\n";
  std::mutex mutex;  // guards next, done, failed, the progress line and stderr
  std::size_t next = 0;
  int done = 0, failed = 0;
  Progress progress(int(todo.size()), true, "run");
  const auto take = [&] {
    const std::lock_guard lock(mutex);
    return next < todo.size() ? todo[next++] : kStop;
  };
  const auto finished = [&](int status) {
    const std::lock_guard lock(mutex);
    ++done;
    failed += status == static_cast<int>(RunStatus::failed);
    progress.update(done, failed ? std::to_string(failed) + " failed" : "");
  };
  std::thread local([&] {
    for (int run; local_work && (run = take()) != kStop;) {
      const RunOutcome o = execute_run(plan, plan.runs[std::size_t(run)], out, threads);
      if (o.status == RunStatus::failed) {
        const std::lock_guard lock(mutex);
        std::cerr << "ecosim_mpi: run " << run << " failed: " << printable(o.error) << "\n";
      }
      finished(static_cast<int>(o.status));
    }
  });
  auto last_index = std::chrono::steady_clock::now();
  int working = ranks - 1;
  while (working > 0) {
    int outcome[2];  // run, status (-1 when the worker has just started)
    MPI_Request request;
    MPI_Irecv(outcome, 2, MPI_INT, MPI_ANY_SOURCE, kAsk, MPI_COMM_WORLD, &request);
    // Polled, not waited on: Open MPI's blocking receive spins a core that rank 0's own runs
    // need.
    MPI_Status status;
    for (int arrived = 0;;) {
      MPI_Test(&request, &arrived, &status);
      if (arrived) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (outcome[0] >= 0) finished(outcome[1]);
    const int run = take();
    MPI_Send(&run, 1, MPI_INT, status.MPI_SOURCE, kWork, MPI_COMM_WORLD);
    if (run == kStop) --working;
    if (std::chrono::steady_clock::now() - last_index > std::chrono::seconds(30)) {
      write_index(plan, out);  // wall time decides only when, never what
      last_index = std::chrono::steady_clock::now();
    }
  }
  local.join();
  progress.done();
  const IndexCounts c = write_index(plan, out);
  std::cout << "wrote " << printable(fs::absolute(out / "index.h5").string())
            << " and index.csv: " << to_string(c) << " of "
            << grouped(static_cast<long long>(plan.runs.size())) << " (" << done << " run now, "
            << failed << " failed)\n";
  return failed;
}

void work(const SweepPlan& plan, const fs::path& out, int threads) {
  int outcome[2] = {-1, 0};
  for (;;) {
    MPI_Send(outcome, 2, MPI_INT, 0, kAsk, MPI_COMM_WORLD);
    int run = kStop;
    MPI_Recv(&run, 1, MPI_INT, 0, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (run == kStop) return;
    const RunOutcome o = execute_run(plan, plan.runs[std::size_t(run)], out, threads);
    if (o.status == RunStatus::failed)
      std::cerr << "ecosim_mpi: run " << run << " failed: " << printable(o.error) << "\n";
    outcome[0] = run, outcome[1] = static_cast<int>(o.status);
  }
}

}  // namespace

int main(int argc, char** argv) {
  h5::init_library();
  // Rank 0 runs work on a thread of its own that makes no MPI call: funneled is enough.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int code = 0;
  try {
    const Options o = parse(argc, argv);
    if (o.help) {
      if (rank == 0) std::cout << kUsage;
      MPI_Finalize();
      return 0;
    }
    // Every rank reads the sweep file: the plan is a pure function of it.
    SweepPlan plan = make_plan(load_sweep_file(o.sweep));
    const fs::path out = o.output.empty() ? plan.spec.output : fs::path(o.output);
    // Rank 0 checks every point's scenario; all ranks stop together when one is refused.
    int valid = 1;
    if (rank == 0) {
      try {
        check_plan(plan);
        prepare_output(plan, out, o.force);
      } catch (const ScenarioError& e) {
        std::cerr << e.what() << "\n";
        valid = 0;
      } catch (const OutputPathError& e) {
        std::cerr << "ecosim_mpi: " << e.what() << "\n";
        valid = 0;
      }
    }
    MPI_Bcast(&valid, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (!valid) {
      MPI_Finalize();
      return 2;
    }
    // Rank 0 knows how many runs failed; every rank exits with the status it gives.
    int failed = 0;
    if (ranks == 1) {
      for (const int run : runs_to_do(plan, out, {})) {
        const RunOutcome outcome = execute_run(plan, plan.runs[std::size_t(run)], out, o.threads);
        if (outcome.status == RunStatus::failed) {
          ++failed;
          std::cerr << "ecosim_mpi: run " << run << " failed: " << printable(outcome.error) << "\n";
        }
      }
      const IndexCounts c = write_index(plan, out);
      std::cout << "wrote " << printable(fs::absolute(out / "index.h5").string())
                << " and index.csv: " << to_string(c) << " of "
                << grouped(static_cast<long long>(plan.runs.size())) << "\n";
    } else if (rank == 0) {
      // Rank 0's runs need a thread beside the one that calls MPI.
      failed = dispatch(plan, out, ranks, o.threads, provided >= MPI_THREAD_FUNNELED);
    } else {
      work(plan, out, o.threads);
    }
    MPI_Bcast(&failed, 1, MPI_INT, 0, MPI_COMM_WORLD);
    code = failed > 0 ? 1 : 0;
  } catch (const std::invalid_argument& e) {
    if (rank == 0) std::cerr << "ecosim_mpi: " << printable(e.what()) << "\n" << kUsage;
    code = 2;
  } catch (const ScenarioError& e) {
    if (rank == 0) std::cerr << e.what() << "\n";
    code = 2;
  } catch (const std::exception& e) {
    std::cerr << "ecosim_mpi: error: " << printable(e.what()) << "\n";
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return code;
}
