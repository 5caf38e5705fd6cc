// The documentation must say what the code does: generated parts are checked verbatim.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "indicators/indicators.hpp"
#include "scenario/load.hpp"

namespace ecosim {
namespace {

std::string read_doc(const std::string& name) {
  std::ifstream in(std::string(ECOSIM_SOURCE_DIR) + "/docs/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(Docs, ModelParameterTableIsTheGeneratedOne) {
  const std::string model = read_doc("MODEL.md");
  EXPECT_NE(model.find(parameter_table_markdown()), std::string::npos)
      << "docs/MODEL.md is stale: replace its table with the output of `ecosim params`";
}

TEST(Docs, FormatDocumentsEveryIndicator) {
  const std::string format = read_doc("FORMAT.md");
  for (const auto& info : kIndicatorInfo)
    EXPECT_NE(format.find("`" + std::string(info.name) + "`"), std::string::npos) << info.name;
}

}  // namespace
}  // namespace ecosim
