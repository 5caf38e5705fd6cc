// The parameter reference is generated from the schema, and the docs hold the generated one.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "scenario/load.hpp"

namespace ecosim {
namespace {

TEST(ParamsTable, HasARowForEveryKeyOfTheSchema) {
  const std::string table = parameter_table_markdown();
  for (const char* key :
       {"`simulation.steps`", "`region[].generalised_trust`", "`firms.wage_nok_per_month`",
        "`policy.municipality.min_external_share`", "`policy.public_agency.theme_priorities`",
        "`trust.ladder`", "`projects.review_threshold`"})
    EXPECT_NE(table.find(key), std::string::npos) << key;
}

TEST(ParamsTable, DocsModelHoldsTheGeneratedTable) {
  std::ifstream in(std::string(ECOSIM_SOURCE_DIR) + "/docs/MODEL.md");
  std::stringstream model;
  model << in.rdbuf();
  EXPECT_NE(model.str().find(parameter_table_markdown()), std::string::npos)
      << "docs/MODEL.md is stale: replace its table with the output of `ecosim params` "
         "(scripts/update-parameter-table.sh)";
}

}  // namespace
}  // namespace ecosim
