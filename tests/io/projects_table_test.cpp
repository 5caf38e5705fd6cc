// The projects and parties tables (io/projects_table.cpp) hold every proposal as it ended.
#include "io/projects_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>

#include "io/h5.hpp"
#include "run/simulation.hpp"
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
  // Columns from members FORMAT.md did not list before they were generated from the lists.
  EXPECT_EQ(h5::read_doubles(projects.get(), "investor", nullptr), (std::vector<double>{-1, -1}));
  EXPECT_EQ(h5::read_doubles(projects.get(), "municipality", nullptr)[0],
            w.firms.municipality[firms[0]].index());
}

// The names of the datasets of a group, in the file.
std::vector<std::string> dataset_names(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* out) {
        static_cast<std::vector<std::string>*>(out)->push_back(name);
        return herr_t{0};
      },
      &names);
  return names;
}

// The column names of a generated reference table (its first cells).
std::vector<std::string> reference_names(const std::string& markdown) {
  std::vector<std::string> names;
  std::istringstream lines(markdown);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("| `", 0) == 0) names.push_back(line.substr(3, line.find('`', 3) - 3));
  std::sort(names.begin(), names.end());
  return names;
}

// The reference (and so FORMAT.md) names every column the writer writes, and nothing else: both
// walk the same member lists. Each column has units and a description in the file too.
TEST(ProjectsTable, TheReferenceNamesExactlyTheColumnsWrittenEachDescribed) {
  const Scenario s = testing::small_scenario({"simulation.steps=24"});
  Simulation sim(s);
  for (int t = 0; t < 24; ++t) sim.step();
  ASSERT_GT(sim.world().projects.size(), 0u);
  const testing::TempDir dir;
  const fs::path path = dir / "tables.h5";
  {
    h5::Handle file(
        h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create"),
        H5Fclose);
    write_projects_table(file.get(), sim.world());
  }
  h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  for (const auto& [group, reference] :
       {std::pair{"projects", projects_table_markdown()}, {"parties", parties_table_markdown()}}) {
    h5::Handle g = h5::open_group(file.get(), group);
    const std::vector<std::string> written = dataset_names(g.get());
    EXPECT_EQ(written, reference_names(reference)) << group;
    for (const std::string& name : written) {
      h5::Handle ds(H5Dopen2(g.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
      EXPECT_FALSE(h5::read_string_attribute(ds.get(), "description").empty()) << name;
      EXPECT_FALSE(h5::read_string_attribute(ds.get(), "units").empty()) << name;
    }
  }
}

// Every dataset of a group, as doubles or (for strings) as text, by name.
std::map<std::string, std::string> group_contents(hid_t file, const std::string& group) {
  std::map<std::string, std::string> out;
  h5::Handle g = h5::open_group(file, group);
  for (const std::string& name : dataset_names(g.get())) {
    h5::Handle ds(H5Dopen2(g.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
    h5::Handle type(H5Dget_type(ds.get()), H5Tclose);
    std::ostringstream text;
    text << H5Tget_class(type.get()) << ' ' << H5Tget_size(type.get()) << ':';
    if (H5Tget_class(type.get()) == H5T_STRING)
      for (const std::string& v : h5::read_strings(g.get(), name)) text << v << ',';
    else
      for (const double v : h5::read_doubles(g.get(), name, nullptr)) text << v << ',';
    out[name] = text.str();
  }
  return out;
}

// The recorder writes the tables on its writer thread while it gathers the next column: each
// job holds what it writes, so the jobs run after the world is gone write what an immediate
// write writes, and gathering touches no file.
TEST(ProjectsTable, ItsWritingJobsHoldTheirOwnDataAndRunInTheOrderHandedOver) {
  const Scenario s = testing::small_scenario({"simulation.steps=24"});
  auto sim = std::make_unique<Simulation>(s);
  for (int t = 0; t < 24; ++t) sim->step();
  ASSERT_GT(sim->world().projects.size(), 0u);
  const testing::TempDir dir;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const auto create = [](const fs::path& path) {
    return h5::Handle(
        h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create"),
        H5Fclose);
  };
  h5::Handle now = create(dir / "now.h5");
  write_projects_table(now.get(), sim->world());

  h5::Handle later = create(dir / "later.h5");
  std::vector<std::function<void()>> jobs;
  write_projects_table(later.get(), sim->world(), [&](std::function<void()> job, std::size_t) {
    jobs.push_back(std::move(job));
  });
  EXPECT_GT(jobs.size(), 10u) << "a job per column";
  EXPECT_EQ(H5Lexists(later.get(), "projects.new", H5P_DEFAULT), 0) << "no HDF5 call yet";
  sim.reset();
  for (const auto& job : jobs) job();

  for (const std::string group : {"projects", "parties"}) {
    const auto written_now = group_contents(now.get(), group);
    EXPECT_GT(written_now.size(), 5u);
    EXPECT_EQ(group_contents(later.get(), group), written_now) << group;
    EXPECT_EQ(H5Lexists(later.get(), (group + ".new").c_str(), H5P_DEFAULT), 0);
  }
}

TEST(ProjectsTable, TheFormatDocumentHoldsTheGeneratedTables) {
  std::ifstream in(fs::path(ECOSIM_SOURCE_DIR) / "docs" / "FORMAT.md");
  std::stringstream format;
  format << in.rdbuf();
  for (const std::string& table : {projects_table_markdown(), parties_table_markdown()})
    EXPECT_NE(format.str().find(table), std::string::npos)
        << "docs/FORMAT.md is stale: run scripts/update-docs.sh";
}

}  // namespace
}  // namespace ecosim
