#include "io/recorder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "io/h5.hpp"
#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

h5::Handle open_file(const fs::path& p) {
  return {h5::check(H5Fopen(p.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose};
}

TEST(Recorder, WritesEveryRecordedRowAndDescribesTheRun) {
  const testing::TempDir dir;
  const fs::path path = dir / "full.h5";
  Simulation sim(testing::small_scenario(
      {"simulation.steps=12", "simulation.record_every=2", "simulation.flush_every=4"}));
  std::vector<Observation> kept;
  {
    Recorder rec(path, sim.scenario(), {"test-version", 3}, false);
    for (int t = 0; t < 12; ++t) {
      Observation o = sim.step();
      rec.record(o);
      if ((t + 1) % 2 == 0) kept.push_back(o);
    }
    EXPECT_TRUE(fs::exists(rec.partial_path()));
    EXPECT_FALSE(fs::exists(path));
    rec.finish(sim.world());
  }
  ASSERT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path.string() + ".partial"));

  h5::Handle file = open_file(path);
  EXPECT_EQ(h5::read_string_attribute(file.get(), "ecosim_version"), "test-version");
  EXPECT_EQ(h5::read_string_attribute(file.get(), "scenario"), sim.scenario().text);
  EXPECT_EQ(h5::read_int_attribute(file.get(), "threads"), 3);
  EXPECT_EQ(h5::read_int_attribute(file.get(), "seed"), sim.scenario().simulation.seed);
  EXPECT_EQ(h5::read_int_attribute(file.get(), "complete"), 1);
  h5::Handle g = h5::open_group(file.get(), "indicators");
  std::vector<hsize_t> shape;
  const auto time = h5::read_doubles(g.get(), "time", &shape);
  EXPECT_EQ(time, (std::vector<double>{2, 4, 6, 8, 10, 12}));
  EXPECT_EQ(h5::read_strings(g.get(), "region"), (std::vector<std::string>{"Small", "Rival"}));
  const auto jobs = h5::read_doubles(g.get(), "jobs", &shape);
  ASSERT_EQ(shape, (std::vector<hsize_t>{6, 2}));
  for (std::size_t row = 0; row < kept.size(); ++row)
    for (const RegionId r : ids<RegionId>(2))
      EXPECT_EQ(jobs[row * 2 + r.index()], kept[row].at(r, indicator("jobs")));
  h5::read_doubles(g.get(), "jobs_by_sector", &shape);
  EXPECT_EQ(shape, (std::vector<hsize_t>{6, 2, kSectors}));
  h5::Handle projects = h5::open_group(file.get(), "projects");
  const auto budget = h5::read_doubles(projects.get(), "budget_nok", &shape);
  EXPECT_EQ(budget.size(), sim.world().projects.size());
}

// Snapshots of firms and ties go to groups firms/ and ties/, every exit to exits/.
TEST(Recorder, WritesFirmSnapshotsTiesAndExits) {
  const testing::TempDir dir;
  const fs::path path = dir / "snapshots.h5";
  Simulation sim(testing::small_scenario({"simulation.steps=13", "simulation.snapshot_every=12"}));
  std::size_t firms = 0, exits = 0;
  {
    Recorder rec(path, sim.scenario(), {"v", 1}, false);
    for (int t = 0; t < 13; ++t) {
      const Observation o = sim.step();
      if (o.snapshot) firms += o.snapshot->firms.uid.size();
      exits += o.exits.size();
      rec.record(o);
    }
    rec.finish(sim.world());
  }
  h5::Handle file = open_file(path);
  h5::Handle g = h5::open_group(file.get(), "firms");
  const auto time = h5::read_doubles(g.get(), "time", nullptr);
  EXPECT_EQ(time.size(), firms);
  EXPECT_EQ(std::set<double>(time.begin(), time.end()), (std::set<double>{1, 12, 13}));
  h5::Handle ties = h5::open_group(file.get(), "ties");
  const auto trust = h5::read_doubles(ties.get(), "trust", nullptr);
  EXPECT_GT(trust.size(), firms / 3);
  for (const double t : trust) ASSERT_TRUE(t >= 0 && t <= 1);
  h5::Handle e = h5::open_group(file.get(), "exits");
  EXPECT_EQ(h5::read_doubles(e.get(), "uid", nullptr).size(), exits);
  EXPECT_GT(exits, 0u);
}

// A run that dies keeps every flushed row, readable, under the .partial name.
TEST(Recorder, AnUnfinishedRunLeavesAReadablePartialFile) {
  const testing::TempDir dir;
  const fs::path path = dir / "unfinished.h5";
  Simulation sim(testing::small_scenario({"simulation.flush_every=3"}));
  fs::path partial;
  {
    Recorder rec(path, sim.scenario(), {"v", 1}, false);
    partial = rec.partial_path();
    for (int t = 0; t < 7; ++t) rec.record(sim.step());
  }  // destroyed without finish()
  EXPECT_FALSE(fs::exists(path));
  ASSERT_TRUE(fs::exists(partial));
  h5::Handle file = open_file(partial);
  h5::Handle g = h5::open_group(file.get(), "indicators");
  std::vector<hsize_t> shape;
  h5::read_doubles(g.get(), "jobs", &shape);
  EXPECT_EQ(shape[0], 7u);
}

TEST(Recorder, RefusesToOverwriteUnlessAsked) {
  const testing::TempDir dir;
  const fs::path path = dir / "exists.h5";
  { std::ofstream(path) << "precious"; }
  const Scenario s = testing::small_scenario();
  EXPECT_THROW(Recorder(path, s, {"v", 1}, false), std::runtime_error);
  std::ifstream in(path);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");
}

}  // namespace
}  // namespace ecosim
