// Every key is in the catalogue with its source (scenario/catalogue.cpp), and the docs hold the
// generated table.
#include "scenario/catalogue.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace ecosim {
namespace {

using schema::Source;

TEST(Catalogue, HasARowForEveryKeyOfTheSchema) {
  const std::string table = parameter_table_markdown();
  for (const char* key :
       {"`simulation.steps`", "`region[].generalised_trust`", "`firms.wage_nok_per_month`",
        "`policy.municipality.min_external_share`", "`policy.public_agency.theme_priorities`",
        "`trust.ladder`", "`projects.review_threshold`"})
    EXPECT_NE(table.find(key), std::string::npos) << key;
  std::set<std::string> paths;
  for (const KeyInfo& k : key_catalogue())
    EXPECT_TRUE(paths.insert(k.path).second) << "twice: " << k.path;
  EXPECT_TRUE(paths.count("firms.wage_nok_per_month.ict")) << "table entries are listed for sweeps";
}

// A calibrated value names its source; an assumed one gives the range it is plausible in, and
// its default lies in that range (sweeps explore it); only the run's own settings are
// technical.
TEST(Catalogue, EveryKeyIsCitedOrAssumedWithAPlausibleRange) {
  int cited = 0, assumed = 0;
  for (const KeyInfo& k : key_catalogue()) {
    SCOPED_TRACE(k.path);
    const Source& s = k.source;
    if (s.kind == Source::Kind::technical) {
      EXPECT_TRUE(k.path.rfind("simulation.", 0) == 0 || k.table_entry ||
                  k.path == "region[].name" || k.path == "trust.max_ties_per_firm")
          << "only run settings are technical";
      continue;
    }
    if (k.table_entry) continue;  // entries share their table's source
    (s.kind == Source::Kind::cited ? cited : assumed) += 1;
    if (s.kind == Source::Kind::cited) {
      EXPECT_FALSE(s.citation.empty());
    } else {
      EXPECT_TRUE(s.has_range()) << "an assumed value needs a plausible range";
    }
    if (!s.has_range()) continue;
    EXPECT_LE(s.low, s.high);
    if (s.relative) {
      EXPECT_LE(s.low, 1.0);
      EXPECT_GE(s.high, 1.0);
    } else if (k.type == "number" || k.type == "integer") {
      EXPECT_LE(k.min, s.low);
      EXPECT_GE(k.max, s.high);
      EXPECT_LE(s.low, k.default_value) << "the default lies in its plausible range";
      EXPECT_GE(s.high, k.default_value) << "the default lies in its plausible range";
    }
  }
  EXPECT_GT(cited, 25);
  EXPECT_GT(assumed, 0);
}

TEST(Catalogue, DocsModelHoldsTheGeneratedTable) {
  std::ifstream in(std::string(ECOSIM_SOURCE_DIR) + "/docs/MODEL.md");
  std::stringstream model;
  model << in.rdbuf();
  EXPECT_NE(model.str().find(parameter_table_markdown()), std::string::npos)
      << "docs/MODEL.md is stale: replace its table with the output of `ecosim params` "
         "(scripts/update-docs.sh)";
}

}  // namespace
}  // namespace ecosim
