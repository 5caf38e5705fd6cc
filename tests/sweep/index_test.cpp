// The index of a sweep's output folder (sweep/index.cpp): one row per run, its status read from
// the run's own files.
#include "sweep/index.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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
    EXPECT_NE(row.find("," + run.file + ","), std::string::npos) << row;
    if (run.run == failed.run) {
      EXPECT_NE(row.find(",failed,"), std::string::npos) << row;
      EXPECT_EQ(row.substr(row.size() - message.size()), message) << row;
    } else {
      EXPECT_NE(row.find(",missing,"), std::string::npos) << row;
    }
  }
  EXPECT_TRUE(fs::is_regular_file(out / "index.h5"));
}

}  // namespace
}  // namespace ecosim
