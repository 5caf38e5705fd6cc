// Firm-level output (indicators/snapshot.cpp).
#include "indicators/snapshot.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "run/simulation.hpp"
#include "support/small_world.hpp"

namespace ecosim {
namespace {

TEST(Snapshot, IsDueInTheFirstMonthEverySnapshotEveryMonthsAndTheLast) {
  SimulationParams p;
  p.steps = 30;
  p.snapshot_every = 12;
  std::vector<Step> due;
  for (Step t = 0; t < p.steps; ++t)
    if (snapshot_due(p, t)) due.push_back(t + 1);
  EXPECT_EQ(due, (std::vector<Step>{1, 12, 24, 30}));
  p.snapshot_every = 0;
  for (Step t = 0; t < p.steps; ++t) EXPECT_FALSE(snapshot_due(p, t));
}

using SnapshotOfTheWorld = testing::SmallWorld;

TEST_F(SnapshotOfTheWorld, HoldsEveryAliveFirmAndItsTiesToAliveFirms) {
  const FirmId closed = testing::alive_firms(world, RegionId(0), 1)[0];
  world.firms.alive[closed] = 0;
  const Snapshot snap = take_snapshot(world, s.trust.ladder);
  std::size_t alive = 0, ties = 0;
  for (const FirmId i : world.firms.ids()) {
    if (!world.firms.alive[i]) continue;
    ++alive;
    for (const Tie& tie : world.trust.ties_of(i))
      ties += !(tie.other.is_firm() && !world.firms.alive[*tie.other.as_firm()]);
  }
  ASSERT_EQ(snap.firms.uid.size(), alive);
  EXPECT_EQ(snap.ties.holder.size(), ties);
  EXPECT_EQ(std::set<std::uint32_t>(snap.firms.uid.begin(), snap.firms.uid.end()).size(), alive)
      << "ids are unique";
  std::size_t columns = 0;
  snap.firms.for_each_column([&](const char* name, const char*, const char*, const auto& column) {
    EXPECT_EQ(column.size(), alive) << name;
    ++columns;
  });
  EXPECT_GE(columns, 14u);
  for (const std::int32_t t : snap.firms.time) EXPECT_EQ(t, 1);
  for (const std::uint32_t uid : snap.ties.holder) EXPECT_NE(uid, world.firms.uid[closed]);
}

// A firm's id follows it, and is never given to another, though its row is.
TEST(Snapshot, IdsAreNeverReusedWhileRowsAre) {
  Simulation sim(testing::small_scenario({"simulation.steps=48"}));
  std::set<std::uint32_t> exited;
  std::size_t reused_rows = 0;
  for (int t = 0; t < 48; ++t) {
    const Observation o = sim.step();
    for (const std::uint32_t uid : o.exits.uid) EXPECT_TRUE(exited.insert(uid).second);
    const FirmTable& f = sim.world().firms;
    for (const FirmId i : f.ids())
      EXPECT_TRUE(!f.alive[i] || !exited.count(f.uid[i])) << "a closed firm's id came back";
    reused_rows = f.size();
  }
  EXPECT_GT(exited.size(), 50u);
  EXPECT_LT(reused_rows, 1200u + exited.size()) << "rows of closed firms were taken over";
}

TEST(Snapshot, TheFormatDocumentHoldsTheGeneratedColumnTables) {
  std::ifstream in(std::string(ECOSIM_SOURCE_DIR) + "/docs/FORMAT.md");
  std::stringstream format;
  format << in.rdbuf();
  const std::string tables = firm_level_table_markdown();
  EXPECT_NE(format.str().find(tables), std::string::npos)
      << "docs/FORMAT.md is stale: run scripts/update-docs.sh";
  for (const char* column : {"`uid`", "`birth`", "`employees`", "`holder`", "`rung`", "`cause`"})
    EXPECT_NE(tables.find(column), std::string::npos) << column;
}

}  // namespace
}  // namespace ecosim
