// ecosim_mpi SWEEP.toml [--output DIR] [--threads N]: a sweep under mpirun or srun. Rank 0
// hands out the runs not yet done, one at a time, to whichever rank asks, and runs them too;
// every rank writes one file per run with serial HDF5, and rank 0 writes the index every 30 s
// and at the end. A killed rank stops the job (Open MPI's default): the runs done are kept and
// indexed, and running the same command again redoes the rest. Where the job goes on after a
// death (`mpirun --mca orte_enable_recovery 1`), rank 0 finds the dead worker by its presence
// lock, counts its run missing and goes on with the others.
// Exit status as `ecosim sweep`'s: 0 every run done, 1 a run failed or was lost, 2 bad input.
#include <fcntl.h>
#include <mpi.h>
#include <unistd.h>

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
constexpr int kNone = -2;  // a worker between runs
// The answer to the workers left when one died: stop without MPI_Finalize, whose fence would
// wait for the dead rank (Open MPI 4.1 under orte_enable_recovery hangs there).
constexpr int kStopAfterDeath = -3;

// A worker's presence: OUT/.ranks/R, locked (an open file description lock) from before the
// worker first asks for work until it exits. The kernel lets go of the lock when the process
// ends, however it ends, so rank 0 can tell a dead worker from a busy one without an MPI call
// (which would wait on the dead rank, or abort the job).
class Presence {
 public:
  static fs::path path_of(const fs::path& out, int rank) {
    return out / ".ranks" / std::to_string(rank);
  }
  Presence(const fs::path& out, int rank) {
    std::error_code ignored;
    fs::create_directories(out / ".ranks", ignored);
    fd_ = ::open(path_of(out, rank).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    if (fd_ >= 0 && ::fcntl(fd_, F_OFD_SETLK, &lock) != 0) ::close(fd_), fd_ = -1;
  }
  ~Presence() {
    if (fd_ >= 0) ::close(fd_);
  }
  Presence(const Presence&) = delete;
  Presence& operator=(const Presence&) = delete;

 private:
  int fd_ = -1;
};

// Whether nobody holds `rank`'s presence lock (the worker has ended); false when it cannot be
// told (no such file).
bool absent(const fs::path& out, int rank) {
  const int fd = ::open(Presence::path_of(out, rank).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const bool free = ::fcntl(fd, F_OFD_GETLK, &lock) == 0 && lock.l_type == F_UNLCK;
  ::close(fd);
  return free;
}

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

struct Dispatched {
  int failed = 0;  // runs that failed or were lost with a worker that died
  int deaths = 0;  // workers found dead
};

// Rank 0: hands out the runs, runs them too on a thread of its own (which makes no MPI call),
// shows progress with an ETA, and writes the index at the end and every 30 s of wall time
// meanwhile (a job killed leaves an index that lists what was done). A worker that asks when no
// run is left waits for the end, so that every worker hears at once whether one died.
Dispatched dispatch(const SweepPlan& plan, const fs::path& out, int ranks, int threads,
                    bool local_work) {
  StaleRuns stale;
  const std::vector<int> todo = runs_to_do(plan, out, {}, &stale);
  std::cerr << "ecosim_mpi: " << grouped(plan.runs.size()) << " runs, " << grouped(todo.size())
            << " to run on " << ranks << " ranks (rank 0 hands them out and runs them too), into "
            << out.string();
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
  // Each worker: the run it is on, whether it has asked yet, whether it waits for the end
  // (parked), and whether it was found dead.
  std::vector<int> holding(std::size_t(ranks), kNone);
  std::vector<char> asked(std::size_t(ranks), 0), parked(std::size_t(ranks), 0),
      dead(std::size_t(ranks), 0);
  bool watching = true;  // presence locks are seen from here (see below)
  int lost = 0, deaths = 0;
  int working = ranks - 1;  // neither parked nor dead
  const auto bury = [&](int r) {
    dead[std::size_t(r)] = 1, ++deaths;
    if (!parked[std::size_t(r)]) --working;
    const std::lock_guard lock(mutex);
    progress.done();
    std::cerr << "ecosim_mpi: rank " << r << " died";
    if (const int run = holding[std::size_t(r)]; run >= 0)
      ++lost, std::cerr << " during run " << run << " (missing: the same command again redoes it)";
    std::cerr << "; the other ranks go on\n";
  };
  auto last_index = std::chrono::steady_clock::now(), last_look = last_index;
  while (working > 0) {
    int outcome[2];  // run, status (-1 when the worker has just started)
    MPI_Request request;
    MPI_Irecv(outcome, 2, MPI_INT, MPI_ANY_SOURCE, kAsk, MPI_COMM_WORLD, &request);
    // Polled, not waited on: Open MPI's blocking receive spins a core that rank 0's own runs
    // need; between polls, once a second, a look for workers that died.
    MPI_Status status;
    int arrived = 0;
    while (!arrived && working > 0) {
      MPI_Test(&request, &arrived, &status);
      if (arrived) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (watching && std::chrono::steady_clock::now() - last_look > std::chrono::seconds(1)) {
        last_look = std::chrono::steady_clock::now();
        for (int r = 1; r < ranks; ++r)
          if (asked[std::size_t(r)] && !dead[std::size_t(r)] && absent(out, r)) bury(r);
      }
    }
    if (!arrived) {  // every worker left has died
      MPI_Cancel(&request);
      MPI_Request_free(&request);
      break;
    }
    const int source = status.MPI_SOURCE;
    if (!asked[std::size_t(source)]) {
      asked[std::size_t(source)] = 1;
      // The worker holds its lock before it first asks: seen free now, the locks are not shared
      // with this node (a file system without working fcntl locks), so no death can be told.
      if (watching && absent(out, source)) {
        watching = false;
        const std::lock_guard lock(mutex);
        progress.done();
        std::cerr << "ecosim_mpi: workers' presence locks are not seen from rank 0 on "
                  << out.string() << ": a rank that dies will stop the job\n";
      }
    }
    if (outcome[0] >= 0) finished(outcome[1]);
    const int run = take();
    holding[std::size_t(source)] = run >= 0 ? run : kNone;
    if (run == kStop) {
      parked[std::size_t(source)] = 1, --working;
    } else if (MPI_Send(&run, 1, MPI_INT, source, kWork, MPI_COMM_WORLD) != MPI_SUCCESS) {
      bury(source);  // died since it asked: its new run goes missing
      continue;
    }
    if (std::chrono::steady_clock::now() - last_index > std::chrono::seconds(30)) {
      write_index(plan, out);  // wall time decides only when, never what
      last_index = std::chrono::steady_clock::now();
    }
  }
  local.join();
  // The end, told to every worker left at once: whether to finalize depends on whether one died.
  for (int r = 1; r < ranks; ++r)
    if (watching && parked[std::size_t(r)] && !dead[std::size_t(r)] && absent(out, r)) bury(r);
  const int stop = deaths > 0 ? kStopAfterDeath : kStop;
  for (int r = 1; r < ranks; ++r)
    if (parked[std::size_t(r)] && !dead[std::size_t(r)])
      MPI_Send(&stop, 1, MPI_INT, r, kWork, MPI_COMM_WORLD);
  progress.done();
  const IndexCounts c = write_index(plan, out);
  std::cout << "wrote " << printable(fs::absolute(out / "index.h5").string())
            << " and index.csv: " << to_string(c) << " of " << grouped(plan.runs.size()) << " ("
            << done << " run now, " << failed << " failed";
  if (lost > 0) std::cout << ", " << lost << " lost with the ranks that died";
  std::cout << ")\n";
  return {failed + lost, deaths};
}

// A worker: asks for runs and runs them until told to stop; returns whether to finalize MPI
// (not when a rank died, or rank 0 has gone).
bool work(const SweepPlan& plan, const fs::path& out, int threads, int rank) {
  const Presence presence(out, rank);
  int outcome[2] = {-1, 0};
  for (;;) {
    int run = kStop;
    if (MPI_Send(outcome, 2, MPI_INT, 0, kAsk, MPI_COMM_WORLD) != MPI_SUCCESS ||
        MPI_Recv(&run, 1, MPI_INT, 0, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS)
      return false;  // rank 0 has gone
    if (run == kStop || run == kStopAfterDeath) return run == kStop;
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
  // A call that involves a dead rank returns an error rather than aborting the job: rank 0 goes
  // on without a worker that died where the job survives it (orte_enable_recovery).
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int code = 0;
  bool finalize = true;  // not where a rank died: MPI_Finalize would wait for it
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
                << " and index.csv: " << to_string(c) << " of " << grouped(plan.runs.size())
                << "\n";
    } else if (rank == 0) {
      // Rank 0's runs need a thread beside the one that calls MPI.
      const Dispatched d = dispatch(plan, out, ranks, o.threads, provided >= MPI_THREAD_FUNNELED);
      failed = d.failed;
      finalize = d.deaths == 0;
    } else {
      finalize = work(plan, out, o.threads, rank);
    }
    // Rank 0's status is the job's (mpirun exits with a rank's non-zero status); no collective
    // here, since a rank may have died.
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
  if (!finalize) {
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(code);
  }
  MPI_Finalize();
  return code;
}
