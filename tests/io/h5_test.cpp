// The HDF5 helpers (io/h5.hpp): what is written is read back, errors throw.
#include "io/h5.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

class H5Test : public ::testing::Test {
 protected:
  testing::TempDir dir;
  fs::path path = dir / "h5_test.h5";
  h5::Handle file;
  void SetUp() override {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    file = h5::Handle(
        h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create"),
        H5Fclose);
  }
  void TearDown() override { file.reset(); }
};

TEST_F(H5Test, AttributesRoundTrip) {
  h5::write_attribute(file.get(), "text", std::string("Drammen – Øvre Eiker"));
  h5::write_attribute(file.get(), "number", std::int64_t{-42});
  EXPECT_EQ(h5::read_string_attribute(file.get(), "text"), "Drammen – Øvre Eiker");
  EXPECT_EQ(h5::read_int_attribute(file.get(), "number"), -42);
  EXPECT_THROW(h5::read_int_attribute(file.get(), "missing"), h5::Error);
}

TEST_F(H5Test, FixedDatasetsRoundTrip) {
  h5::write_strings(file.get(), "names", {"a", "", "ccc"});
  h5::write_fixed_strings(file.get(), "fixed", {"x", "yyyy", ""});
  h5::write_doubles(file.get(), "doubles", {1.5, -2.25});
  h5::write_ints(file.get(), "ints", {1, -2, 300}, H5T_STD_I16LE);
  EXPECT_EQ(h5::read_strings(file.get(), "names"), (std::vector<std::string>{"a", "", "ccc"}));
  EXPECT_EQ(h5::read_strings(file.get(), "fixed"), (std::vector<std::string>{"x", "yyyy", ""}));
  std::vector<hsize_t> shape;
  EXPECT_EQ(h5::read_doubles(file.get(), "doubles", &shape), (std::vector<double>{1.5, -2.25}));
  EXPECT_EQ(shape, (std::vector<hsize_t>{2}));
  EXPECT_EQ(h5::read_doubles(file.get(), "ints", nullptr), (std::vector<double>{1, -2, 300}));
  EXPECT_THROW(h5::read_doubles(file.get(), "missing", nullptr), h5::Error);
}

TEST_F(H5Test, ExtendibleDatasetsAppendBlocksOfRows) {
  h5::Extendible table(file.get(), "table", H5T_IEEE_F64LE, {2}, 4);
  const double first[] = {1, 2, 3, 4};
  const double second[] = {5, 6};
  table.append(first, 2);
  table.append(second, 1);
  table.append(nullptr, 0);
  EXPECT_EQ(table.rows(), 3u);
  std::vector<hsize_t> shape;
  EXPECT_EQ(h5::read_doubles(file.get(), "table", &shape), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(shape, (std::vector<hsize_t>{3, 2}));
  h5::Extendible ints(file.get(), "ints", H5T_STD_I64LE, {}, 4);
  const std::int64_t values[] = {7, 8, 9};
  ints.append(values, 3);
  EXPECT_EQ(h5::read_doubles(file.get(), "ints", nullptr), (std::vector<double>{7, 8, 9}));
}

TEST_F(H5Test, DimensionScalesAttachToVariables) {
  h5::Handle axis = h5::write_doubles(file.get(), "axis", {0, 1});
  h5::make_scale(axis.get(), "axis");
  h5::Handle variable = h5::write_doubles(file.get(), "variable", {10, 20});
  h5::attach_scales({{variable.get(), axis.get(), 0}});
  EXPECT_GT(H5DSis_scale(axis.get()), 0);
  EXPECT_GT(H5DSis_attached(variable.get(), axis.get(), 0), 0);
}

// attach_scales writes the attributes itself: HDF5's own dimension-scale API must read them as
// it reads its own, for every variable, axis and scale, in the order they were attached.
TEST_F(H5Test, ScalesAttachedTogetherReadAsHdf5sOwn) {
  h5::Extendible time(file.get(), "time", H5T_STD_I64LE, {}, 4);
  h5::make_scale(time.get(), "time");
  h5::Handle region = h5::write_strings(file.get(), "region", {"a", "b"});
  h5::make_scale(region.get(), "region");
  h5::Handle sector = h5::write_strings(file.get(), "sector", {"x", "y", "z"});
  h5::make_scale(sector.get(), "sector");
  h5::Extendible jobs(file.get(), "jobs", H5T_IEEE_F64LE, {2}, 4);
  h5::Extendible by_sector(file.get(), "by_sector", H5T_IEEE_F64LE, {2, 3}, 4);
  h5::Extendible alone(file.get(), "alone", H5T_IEEE_F64LE, {2}, 4);  // its region axis bare
  h5::attach_scales({{jobs.get(), time.get(), 0},
                     {jobs.get(), region.get(), 1},
                     {by_sector.get(), time.get(), 0},
                     {by_sector.get(), region.get(), 1},
                     {by_sector.get(), sector.get(), 2},
                     {alone.get(), time.get(), 0}});
  for (hid_t variable : {jobs.get(), by_sector.get(), alone.get()})
    EXPECT_GT(H5DSis_attached(variable, time.get(), 0), 0);
  EXPECT_GT(H5DSis_attached(jobs.get(), region.get(), 1), 0);
  EXPECT_GT(H5DSis_attached(by_sector.get(), region.get(), 1), 0);
  EXPECT_GT(H5DSis_attached(by_sector.get(), sector.get(), 2), 0);
  EXPECT_EQ(H5DSis_attached(alone.get(), region.get(), 1), 0);
  EXPECT_EQ(H5DSis_attached(jobs.get(), sector.get(), 1), 0);
  EXPECT_EQ(H5DSget_num_scales(alone.get(), 1), 0);
  EXPECT_EQ(H5DSget_num_scales(by_sector.get(), 2), 1);
  // HDF5 can detach what it reads as attached: REFERENCE_LIST names the variables.
  EXPECT_GE(H5DSdetach_scale(alone.get(), time.get(), 0), 0);
  EXPECT_EQ(H5DSis_attached(alone.get(), time.get(), 0), 0);
  EXPECT_GT(H5DSis_attached(jobs.get(), time.get(), 0), 0);
  // The scales' names, as HDF5 finds them through each variable's DIMENSION_LIST.
  const auto scale_name = [](hid_t variable, unsigned axis) {
    std::string name;
    H5DSiterate_scales(
        variable, axis, nullptr,
        [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
          char text[32] = {};
          H5DSget_scale_name(scale, text, sizeof text);
          *static_cast<std::string*>(out) = text;
          return 1;
        },
        &name);
    return name;
  };
  EXPECT_EQ(scale_name(by_sector.get(), 0), "time");
  EXPECT_EQ(scale_name(by_sector.get(), 1), "region");
  EXPECT_EQ(scale_name(by_sector.get(), 2), "sector");
  // Scales go on new datasets only: a second attachment is refused, not merged, and a refused
  // call writes nothing (the new variable below gets no DIMENSION_LIST).
  h5::Extendible fresh(file.get(), "fresh", H5T_IEEE_F64LE, {2}, 4);
  EXPECT_THROW(h5::attach_scales({{fresh.get(), region.get(), 1}, {jobs.get(), sector.get(), 1}}),
               h5::Error);
  EXPECT_EQ(H5Aexists(fresh.get(), "DIMENSION_LIST"), 0);
  try {
    h5::attach_scales({{by_sector.get(), time.get(), 3}});  // axes 0..2
    FAIL() << "attached to an axis the variable lacks";
  } catch (const h5::Error& e) {
    EXPECT_EQ(std::string(e.what()), "HDF5: attach dimension scale: axis 3 (allowed: 0..2)");
  }
}

TEST_F(H5Test, FailuresSayTheSystemsReason) {
  // Once only "HDF5: create ... failed", without the reason a user can act on.
  try {
    h5::check(H5Fcreate("/nonexistent_folder/run.h5", H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
              "create run.h5");
    FAIL() << "created";
  } catch (const h5::Error& e) {
    EXPECT_EQ(std::string(e.what()), "HDF5: create run.h5 failed: No such file or directory");
  }
}

TEST_F(H5Test, AttributesAreReplacedWhenWrittenAgain) {
  h5::write_attribute(file.get(), "threads", std::int64_t{2});
  h5::write_attribute(file.get(), "threads", std::int64_t{8});  // a resumed run
  EXPECT_EQ(h5::read_int_attribute(file.get(), "threads"), 8);
}

TEST_F(H5Test, ExtendibleDatasetsReopenCutBack) {
  {
    h5::Extendible ds(file.get(), "x", H5T_IEEE_F64LE, {2}, 4);
    const double rows[] = {1, 2, 3, 4, 5, 6};
    ds.append(rows, 3);
  }
  h5::Extendible again(file.get(), "x", -1, 2);  // a resume keeps the rows of its checkpoint
  const double more[] = {7, 8};
  again.append(more, 1);
  std::vector<hsize_t> shape;
  EXPECT_EQ(h5::read_doubles(file.get(), "x", &shape), (std::vector<double>{1, 2, 3, 4, 7, 8}));
  EXPECT_THROW(h5::Extendible(file.get(), "x", -1, 9), h5::Error);  // more than it has
}

TEST_F(H5Test, GroupsOpenOnlyWhenTheyExist) {
  h5::create_group(file.get(), "group");
  EXPECT_NO_THROW(h5::open_group(file.get(), "group"));
  EXPECT_THROW(h5::open_group(file.get(), "other"), h5::Error);
  EXPECT_THROW(h5::create_group(file.get(), "group"), h5::Error) << "no group is made twice";
}

}  // namespace
}  // namespace ecosim
