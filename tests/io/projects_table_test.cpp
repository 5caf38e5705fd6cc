// The projects and parties tables (io/projects_table.cpp) hold every proposal as it ended.
#include "io/projects_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/h5.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"
#include "world/build.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;

TEST(ProjectsTable, OneRowPerProposalAndOnePerPartyWithMonthsCountedFromOne) {
  const Scenario s = testing::small_scenario();
  World w = build_world(s);
  const auto firms = testing::alive_firms(w, RegionId(0), 3);
  Project& started = testing::add_project(w, ActorRef::firm(firms[0]), {ActorRef::firm(firms[1])},
                                          Theme::tourism, 2e6, 24);
  started.status = ProjectStatus::active;
  started.start = 3;
  started.end = 27;
  started.municipal_nok = 1e5;
  started.agency_nok = 5e5;
  started.set(Check::funded, true);
  Project& rejected = testing::add_project(w, ActorRef::university(UniversityId(0)),
                                           {ActorRef::firm(firms[1]), ActorRef::firm(firms[2])});
  rejected.set(Check::min_external_share, false);
  rejected.rejected_by = Check::min_external_share;

  const testing::TempDir dir;
  const fs::path path = dir / "projects_table.h5";
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  {
    h5::Handle file(
        h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create"),
        H5Fclose);
    write_projects_table(file.get(), w);
  }
  h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  h5::Handle projects = h5::open_group(file.get(), "projects");
  EXPECT_EQ(h5::read_strings(projects.get(), "theme"),
            (std::vector<std::string>{"tourism", "climate_energy"}));
  EXPECT_EQ(h5::read_strings(projects.get(), "lead_kind"),
            (std::vector<std::string>{"firm", "university"}));
  EXPECT_EQ(h5::read_strings(projects.get(), "status"),
            (std::vector<std::string>{"active", "rejected"}));
  EXPECT_EQ(h5::read_strings(projects.get(), "rejected_by"),
            (std::vector<std::string>{"none", "min_external_share"}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "start", nullptr), (std::vector<double>{4, -1}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "end", nullptr), (std::vector<double>{28, -1}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "parties", nullptr), (std::vector<double>{2, 3}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "public_share", nullptr),
            (std::vector<double>{0.3, 0}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "check_min_external_share", nullptr),
            (std::vector<double>{-1, 0}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "check_funded", nullptr),
            (std::vector<double>{1, -1}));
  h5::Handle parties = h5::open_group(file.get(), "parties");
  EXPECT_EQ(h5::read_doubles(parties.get(), "project", nullptr),
            (std::vector<double>{0, 0, 1, 1, 1}));
  EXPECT_EQ(h5::read_strings(parties.get(), "kind"),
            (std::vector<std::string>{"firm", "firm", "university", "firm", "firm"}));
  EXPECT_EQ(h5::read_doubles(parties.get(), "id", nullptr)[1], firms[1].index());
}

}  // namespace
}  // namespace ecosim
