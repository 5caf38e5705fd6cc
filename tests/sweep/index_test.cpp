// The index of a sweep's output folder (sweep/index.cpp): one row per run, its status read from
// the run's own files.
#include "sweep/index.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/h5.hpp"
#include "support/temp_dir.hpp"
#include "sweep/execute.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(SweepIndex, FolderWithOneErrorFileIndexesThatRunFailedAndTheRestMissing) {
  const SweepPlan plan = make_plan(load_sweep_text(
      "[sweep]\nreplicates = 2\nseed = 7\n[[parameter]]\nkey = \"trust.gain_dialogue\"\n"
      "values = [0.01, 0.02]\n",
      "x.toml"));
  ASSERT_GE(plan.runs.size(), 2u);
  const testing::TempDir out;
  const PlannedRun& failed = plan.runs[1];
  const std::string message = "scenario refused at month 3";
  fs::create_directories(error_path(out.path(), failed).parent_path());
  std::ofstream(error_path(out.path(), failed)) << message << "\n";

  const IndexCounts counts = write_index(plan, out.path());
  EXPECT_EQ(counts.done, 0);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.missing, int(plan.runs.size()) - 1);

  const std::vector<std::string> csv = lines_of(out / "index.csv");
  ASSERT_EQ(csv.size(), plan.runs.size() + 1) << "a header and one row per run";
  EXPECT_EQ(csv[0].rfind("run,point,replicate,", 0), 0u) << csv[0];
  for (const PlannedRun& run : plan.runs) {
    const std::string& row = csv[std::size_t(run.run) + 1];
    EXPECT_EQ(row.rfind(std::to_string(run.run) + ",", 0), 0u) << row;
    if (run.run == failed.run) {
      EXPECT_NE(row.find(",failed,"), std::string::npos) << row;
      EXPECT_EQ(row.substr(row.size() - message.size()), message) << row;
    } else {
      EXPECT_NE(row.find(",missing," + run.file + ","), std::string::npos) << row;
    }
  }
  EXPECT_TRUE(fs::is_regular_file(out / "index.h5"));
}

// A failed run's row gives the time it ran (the second line of its error file), and the index
// says where the sweep file is whatever folder the sweep was run from; a grid of given values
// records no levels.
TEST(SweepIndex, AFailedRowKeepsItsWallTimeAndTheSweepFileIsAbsolute) {
  const SweepPlan plan =
      make_plan(load_sweep_text("[sweep]\nseed = 7\n[[parameter]]\nkey = \"trust.gain_dialogue\"\n"
                                "values = [0.01, 0.02]\n",
                                "relative/x.toml"));
  const testing::TempDir out;
  const PlannedRun& failed = plan.runs[0];
  fs::create_directories(error_path(out.path(), failed).parent_path());
  std::ofstream(error_path(out.path(), failed)) << "disk full\nwall_s 1.25\n";
  write_index(plan, out.path());
  const std::vector<std::string> csv = lines_of(out / "index.csv");
  ASSERT_EQ(csv.size(), 3u);
  // A failed row names the file that exists: its .error file, not the run file never written.
  EXPECT_NE(csv[1].find(",failed,runs/run_000000.error,1.25,disk full"), std::string::npos)
      << csv[1];
  EXPECT_TRUE(fs::is_regular_file(out / "runs/run_000000.error"));
  EXPECT_NE(csv[2].find(",missing," + plan.runs[1].file + ",,"), std::string::npos) << csv[2];

  const h5::Handle file(H5Fopen((out / "index.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  ASSERT_GE(file.get(), 0);
  const std::string sweep_file = h5::read_string_attribute(file.get(), "sweep_file");
  EXPECT_TRUE(fs::path(sweep_file).is_absolute()) << sweep_file;
  EXPECT_EQ(sweep_file, (fs::current_path() / "relative/x.toml").string());
  EXPECT_EQ(H5Aexists(file.get(), "levels"), 0) << "a grid of given values has no levels";
}

}  // namespace
}  // namespace ecosim
