// Pins the results of a small scenario: a hash of every dataset it writes is recorded in
// tests/data/small.checksum, so any change of results is seen, and made on purpose.
// To accept a deliberate change: ECOSIM_WRITE_CHECKSUM=1 build/release/tests/ecosim_tests
// --gtest_filter=Checksum.* rewrites the file; say in the commit why results changed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/fnv.hpp"
#include "io/h5.hpp"
#include "io/recorder.hpp"
#include "run/simulation.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->push_back(name);
  return 0;
}

// Hashes every dataset of a group, by name order: names, shapes and values.
void hash_group(hid_t file, const std::string& group_name, Fnv& fnv) {
  h5::Handle group = h5::open_group(file, group_name);
  std::vector<std::string> names;
  H5Literate(group.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &names);
  for (const std::string& name : names) {
    fnv.add(group_name + "/" + name);
    h5::Handle ds(h5::check(H5Dopen2(group.get(), name.c_str(), H5P_DEFAULT), "open " + name),
                  H5Dclose);
    h5::Handle type(H5Dget_type(ds.get()), H5Tclose);
    if (H5Tget_class(type.get()) == H5T_STRING) {
      for (const std::string& s : h5::read_strings(group.get(), name)) fnv.add(s);
    } else {
      std::vector<hsize_t> shape;
      const std::vector<double> values = h5::read_doubles(group.get(), name, &shape);
      fnv.add(shape.data(), shape.size() * sizeof(hsize_t));
      fnv.add(values.data(), values.size() * sizeof(double));
    }
  }
}

std::string digest_of_small_run(const std::vector<std::string>& overrides = {}) {
  const testing::TempDir dir;
  const fs::path path = dir / "checksum.h5";
  Simulation sim(testing::small_scenario(overrides));
  {
    Recorder recorder(path, sim.scenario(), {"checksum", 1}, true);
    for (int t = 0; t < sim.scenario().simulation.steps; ++t) recorder.record(sim.step());
    recorder.finish(sim.world());
  }
  h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  Fnv fnv;
  for (const char* group : {"indicators", "projects", "parties"})
    hash_group(file.get(), group, fnv);
  std::ostringstream hex;
  hex << std::hex << fnv.h;
  return hex.str();
}

TEST(Checksum, SmallScenarioDatasetsMatchTheRecordedChecksum) {
  const std::string file = std::string(ECOSIM_TEST_DATA) + "/small.checksum";
  const std::string digest = digest_of_small_run();
  if (std::getenv("ECOSIM_WRITE_CHECKSUM")) {
    std::ofstream(file) << digest << "\n";
    GTEST_SKIP() << "wrote " << file << ": " << digest;
  }
  std::ifstream in(file);
  std::string recorded;
  in >> recorded;
  ASSERT_FALSE(recorded.empty()) << file << " is missing";
  EXPECT_EQ(digest, recorded)
      << "the results of tests/data/small.toml changed. If that is deliberate, rerun with "
         "ECOSIM_WRITE_CHECKSUM=1 and say in the commit why.";
}

// The checksum can fail: it is the same for the same run and changes with the results.
TEST(Checksum, DigestIsStableAndSeesAChangeOfResults) {
  EXPECT_EQ(digest_of_small_run(), digest_of_small_run());
  EXPECT_NE(digest_of_small_run(), digest_of_small_run({"simulation.seed=8"}));
  EXPECT_NE(digest_of_small_run(), digest_of_small_run({"projects.base_success=0.6"}));
}

}  // namespace
}  // namespace ecosim
