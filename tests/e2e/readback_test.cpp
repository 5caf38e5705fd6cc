// Reads back, in C++, every run file that e2e.run_every_scenario wrote.
#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "indicators/indicators.hpp"
#include "io/h5.hpp"
#include "scenario/load.hpp"
#include "world/money.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;
fs::path g_dir;

std::vector<fs::path> run_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(g_dir))
    if (e.path().extension() == ".h5") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Readback, EveryRunFileIsCompleteAndSelfDescribing) {
  const auto files = run_files();
  ASSERT_FALSE(files.empty()) << "no run files in " << g_dir;
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"),
                    H5Fclose);
    EXPECT_EQ(h5::read_int_attribute(file.get(), "complete"), 1);
    EXPECT_FALSE(h5::read_string_attribute(file.get(), "ecosim_version").empty());
    EXPECT_FALSE(h5::read_string_attribute(file.get(), "created").empty());
    EXPECT_GE(h5::read_int_attribute(file.get(), "threads"), 1);
    // The stored scenario alone repeats the run.
    const Scenario s =
        load_scenario_text(h5::read_string_attribute(file.get(), "scenario"), path.string());
    EXPECT_EQ(s.simulation.steps, h5::read_int_attribute(file.get(), "steps"));
    EXPECT_EQ(s.simulation.seed, h5::read_int_attribute(file.get(), "seed"));

    h5::Handle g = h5::open_group(file.get(), "indicators");
    std::vector<hsize_t> shape;
    const auto time = h5::read_doubles(g.get(), "time", &shape);
    const std::size_t rows =
        static_cast<std::size_t>(s.simulation.steps / s.simulation.record_every);
    ASSERT_EQ(time.size(), rows);
    EXPECT_EQ(time.back(), rows * s.simulation.record_every);
    const auto regions = h5::read_strings(g.get(), "region");
    ASSERT_EQ(regions.size(), s.regions.size());
    EXPECT_EQ(regions[0], s.regions[RegionId(0)].name);

    h5::Handle time_ds(h5::check(H5Dopen2(g.get(), "time", H5P_DEFAULT), "open time"), H5Dclose);
    h5::Handle region_ds(h5::check(H5Dopen2(g.get(), "region", H5P_DEFAULT), "open region"),
                         H5Dclose);
    for (const Indicator& info : kIndicators) {
      SCOPED_TRACE(std::string(info.name));
      const std::string name(info.name);
      const auto values = h5::read_doubles(g.get(), name, &shape);
      ASSERT_EQ(shape, (std::vector<hsize_t>{rows, regions.size()}));
      h5::Handle ds(h5::check(H5Dopen2(g.get(), name.c_str(), H5P_DEFAULT), "open"), H5Dclose);
      EXPECT_EQ(h5::read_string_attribute(ds.get(), "units"), info.unit);
      EXPECT_EQ(h5::read_string_attribute(ds.get(), "description"), info.description);
      EXPECT_GT(H5DSis_attached(ds.get(), time_ds.get(), 0), 0);
      EXPECT_GT(H5DSis_attached(ds.get(), region_ds.get(), 1), 0);
      for (double v : values) ASSERT_TRUE(std::isfinite(v));
    }
    for (double rate : h5::read_doubles(g.get(), "employment_rate", nullptr)) {
      EXPECT_GT(rate, 0.0);
      EXPECT_LE(rate, 1.0);
    }
    h5::Handle projects = h5::open_group(file.get(), "projects");
    const std::size_t proposals = h5::read_doubles(projects.get(), "budget_nok", nullptr).size();
    EXPECT_EQ(h5::read_strings(projects.get(), "status").size(), proposals);
    EXPECT_EQ(h5::read_strings(projects.get(), "rejected_by").size(), proposals);
  }
}

// A funder's contribution is money or nothing: a gap closed exactly by one funder leaves no
// rounding residual for the next (world/money.hpp). Every scenario's full run is checked.
TEST(Readback, EveryContributionIsAtLeastTheSmallestAmount) {
  for (const fs::path& path : run_files()) {
    SCOPED_TRACE(path.string());
    h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"),
                    H5Fclose);
    h5::Handle projects = h5::open_group(file.get(), "projects");
    for (const char* column : {"municipal_nok", "agency_nok", "investor_nok"})
      for (const double nok : h5::read_doubles(projects.get(), column, nullptr))
        EXPECT_TRUE(nok == 0.0 || is_money(nok)) << column << " = " << nok;
  }
}

}  // namespace
}  // namespace ecosim

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: ecosim_readback RUN_DIR\n");
    return 2;
  }
  ecosim::g_dir = argv[1];
  return RUN_ALL_TESTS();
}
