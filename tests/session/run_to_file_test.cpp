#include "session/run_to_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/parallel.hpp"
#include "io/h5.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

// Counts what the run told its hooks, and asks for a stop after a chosen step.
class CountingHooks : public RunHooks {
 public:
  explicit CountingHooks(int stop_after = -1) : stop_after_(stop_after) {}
  void step_simulated(int steps_done) const override {
    steps.push_back(steps_done);
    if (steps_done == stop_after_) stop_requested = true;
  }
  void checkpoint_half_written(int) const override { ++checkpoints; }
  mutable std::vector<int> steps;
  mutable int checkpoints = 0;

 private:
  int stop_after_;
};

struct StopRequestCleared {  // the request is process-wide
  ~StopRequestCleared() { stop_requested = false; }
};

std::uint64_t rows_of_time(const fs::path& file) {
  h5::Handle f(h5::check(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  h5::Handle g = h5::open_group(f.get(), "indicators");
  std::vector<hsize_t> shape;
  h5::read_doubles(g.get(), "time", &shape);
  return shape.at(0);
}

CheckpointInfo info_for(const Recorder& recorder, const Scenario& s, int every) {
  return {"test", recorder.run_id(), s.text, s.source_name, every, {}};
}

TEST(RunSteps, GivesEveryMonthToTheSinkAndTellsTheHooks) {
  Simulation sim(testing::small_scenario({"simulation.steps=5"}));
  const CountingHooks hooks;
  std::vector<int> seen, after;
  const RunEnd end = run_steps(
      sim, [&](Observation&& o) { seen.push_back(o.step); },
      [&](int done) { after.push_back(done); }, &hooks);
  EXPECT_TRUE(end.finished);
  EXPECT_EQ(end.steps_done, 5);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(after, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(hooks.steps, after);
}

TEST(RunToFile, CheckpointsOnItsCadenceAndFinishesTheFile) {
  const testing::TempDir dir;
  const fs::path path = dir / "run.h5";
  Simulation sim(testing::small_scenario({"simulation.steps=12"}));
  Recorder recorder(path, sim.scenario(), {"test", 1}, false);
  CheckpointInfo info = info_for(recorder, sim.scenario(), 5);
  const CountingHooks hooks;
  FileRunOptions options;
  options.hooks = &hooks;
  int finishing = 0;
  options.before_finish = [&] { ++finishing; };
  const RunEnd end = run_to_file(sim, recorder, info, options);
  EXPECT_TRUE(end.finished);
  EXPECT_EQ(hooks.checkpoints, 2);  // after steps 5 and 10, none at the end
  EXPECT_EQ(finishing, 1);
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(recorder.partial_path()));
  EXPECT_FALSE(fs::exists(checkpoint_path(path)));  // a finished run needs none
  EXPECT_EQ(rows_of_time(path), 12u);
}

TEST(RunToFile, AStopKeepsTheRowsOfTheStepsDoneAndTheCheckpoint) {
  const StopRequestCleared cleared;
  const testing::TempDir dir;
  const fs::path path = dir / "stopped.h5";
  Simulation sim(testing::small_scenario({"simulation.steps=12", "simulation.flush_every=4"}));
  Recorder recorder(path, sim.scenario(), {"test", 1}, false);
  CheckpointInfo info = info_for(recorder, sim.scenario(), 3);
  const CountingHooks hooks(7);
  FileRunOptions options;
  options.hooks = &hooks;
  const RunEnd end = run_to_file(sim, recorder, info, options);
  EXPECT_FALSE(end.finished);
  EXPECT_FALSE(end.step_dropped);
  EXPECT_EQ(end.steps_done, 7);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::exists(checkpoint_path(path)));  // of step 6: resume goes on from there
  EXPECT_EQ(rows_of_time(recorder.partial_path()), 7u);
}

}  // namespace
}  // namespace ecosim
