// ecosim_faults: the ecosim command line with fault-injection hooks, for the end-to-end tests
// (resume_test.sh, sweep_test.sh, the Python sweep fixture). The ecosim binary reads no such
// variable; here they choose the fault:
//   ECOSIM_TEST_KILL_AT_STEP=N        SIGKILL once step N is simulated, before it is recorded
//   ECOSIM_TEST_KILL_IN_CHECKPOINT=N  SIGKILL while the N-th checkpoint is half written
//   ECOSIM_TEST_KILL_IN_TABLES=N      SIGKILL once the N-th rewrite of the projects and parties
//                                     tables has written the new ones, before they replace the old
//   ECOSIM_SWEEP_FAIL_RUNS=3,17       these sweep runs fail on purpose
#include <csignal>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

#include "cli/common.hpp"

namespace {

int number_from(const char* name) {
  const char* text = std::getenv(name);
  return text ? std::atoi(text) : -1;
}

class EnvironmentFaults : public ecosim::RunHooks {
 public:
  EnvironmentFaults()
      : kill_at_step_(number_from("ECOSIM_TEST_KILL_AT_STEP")),
        kill_in_checkpoint_(number_from("ECOSIM_TEST_KILL_IN_CHECKPOINT")),
        kill_in_tables_(number_from("ECOSIM_TEST_KILL_IN_TABLES")) {
    if (const char* list = std::getenv("ECOSIM_SWEEP_FAIL_RUNS")) {
      std::stringstream items(list);
      for (std::string item; std::getline(items, item, ',');)
        if (!item.empty()) failing_runs_.insert(std::atoi(item.c_str()));
    }
  }
  void step_simulated(int steps_done) const override {
    if (steps_done == kill_at_step_) std::raise(SIGKILL);
  }
  void checkpoint_half_written(int count) const override {
    if (count == kill_in_checkpoint_) std::raise(SIGKILL);
  }
  void tables_half_written(int count) const override {
    if (count == kill_in_tables_) std::raise(SIGKILL);
  }
  void sweep_run_starting(int run) const override {
    if (failing_runs_.count(run))
      throw std::runtime_error("injected failure (ECOSIM_SWEEP_FAIL_RUNS, for tests)");
  }

 private:
  int kill_at_step_, kill_in_checkpoint_, kill_in_tables_;
  std::set<int> failing_runs_;
};

}  // namespace

int main(int argc, char** argv) {
  static const EnvironmentFaults faults;
  ecosim::cli::install_run_hooks(&faults);
  return ecosim::cli::run_main(argc, argv);
}
