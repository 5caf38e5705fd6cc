// What scenario and sweep files share when they report a problem (scenario/toml_diagnostics.cpp).
#include "scenario/toml_diagnostics.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scenario/load.hpp"

namespace ecosim {
namespace {

// The one diagnostic of a refused parse.
Diagnostic refusal(std::string_view text) {
  try {
    parse_toml(text, "s.toml");
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    return e.diagnostics().front();
  }
  return {};
}

TEST(TomlDiagnostics, SuggestsTheNearestNameWithinTwoEdits) {
  const std::set<std::string> allowed = {"firms", "population", "municipalities"};
  EXPECT_EQ(did_you_mean("frims", allowed), "; did you mean 'firms'?");  // two edits
  EXPECT_EQ(did_you_mean("population_", allowed), "; did you mean 'population'?");
  EXPECT_EQ(did_you_mean("frm", allowed), "; did you mean 'firms'?");  // two insertions
  EXPECT_EQ(did_you_mean("fxrmxx", allowed), "") << "three edits away: no guess";
  EXPECT_EQ(did_you_mean("seed", allowed), "");
  EXPECT_EQ(did_you_mean("firms", {}), "");
  // The closest of two candidates wins, whatever their order.
  EXPECT_EQ(did_you_mean("steps", {"step", "stops_x"}), "; did you mean 'step'?");
}

TEST(TomlDiagnostics, NamesTypesAndJoinsNames) {
  const toml::table t =
      parse_toml("a = 1\nb = 1.5\nc = 'x'\nd = true\ne = [1]\n[f]\ng = 1979-05-27\n", "s.toml");
  EXPECT_EQ(type_name(*t.get("a")), "integer");
  EXPECT_EQ(type_name(*t.get("b")), "float");
  EXPECT_EQ(type_name(*t.get("c")), "string");
  EXPECT_EQ(type_name(*t.get("d")), "boolean");
  EXPECT_EQ(type_name(*t.get("e")), "array");
  EXPECT_EQ(type_name(*t.get("f")), "table");
  EXPECT_EQ(type_name(*t["f"]["g"].node()), "date/time");
  EXPECT_EQ(join({"b", "a", "c"}), "a, b, c");
  EXPECT_EQ(join({}), "");
}

TEST(TomlDiagnostics, ASyntaxErrorNamesItsFileLineAndColumn) {
  const Diagnostic d = refusal("[simulation]\nsteps = = 3\n");
  EXPECT_EQ(d.file, "s.toml");
  EXPECT_EQ(d.line, 2);
  EXPECT_GT(d.column, 0);
  EXPECT_EQ(d.key, "(syntax)");
  EXPECT_NE(d.message.find("(allowed: TOML 1.0)"), std::string::npos) << d.message;
}

// toml++ nests one table per dotted part and frees them recursively: a key of thousands of parts
// overflowed the stack. Refused before parsing, at the dot that passes the limit.
TEST(TomlDiagnostics, AKeyOfTooManyDottedPartsIsRefusedWhereItStarts) {
  std::string deep = "a";
  for (int k = 1; k < kMaxKeyParts; ++k) deep += ".a";
  EXPECT_NO_THROW(parse_toml("x = 1\n" + deep + " = 1\n", "s.toml")) << "the limit is allowed";
  const Diagnostic d = refusal("x = 1\n" + deep + ".a = 1\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 2 * kMaxKeyParts);
  EXPECT_NE(d.message.find("more than " + std::to_string(kMaxKeyParts)), std::string::npos);
  EXPECT_EQ(refusal("[" + deep + ".a]\n").line, 1) << "a table header too";
  // Dots inside strings and comments are no key parts.
  const std::string dots(5 * kMaxKeyParts, '.');
  EXPECT_NO_THROW(
      parse_toml("s = \"" + dots + "\"\nt = '" + dots + "'\n# " + dots + "\n", "s.toml"));
  EXPECT_NO_THROW(parse_toml("m = \"\"\"\n" + dots + "\n\"\"\"\n", "s.toml"));
}

TEST(TomlDiagnostics, ANodeMadeInMemoryIsPlacedAtLineOneOfTheFallback) {
  const toml::table t = parse_toml("\n\nkey = 3\n", "s.toml");
  const Location at = location_of(t.get("key")->source(), "fallback.toml");
  EXPECT_EQ(at.file, "s.toml");
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 7) << "where the value starts";
  const toml::value<std::int64_t> made(3);  // as a --set value is
  const Location set = location_of(made.source(), "--set");
  EXPECT_EQ(set.file, "--set");
  EXPECT_EQ(set.line, 1);
  EXPECT_EQ(set.column, 1);
}

TEST(TomlDiagnostics, ControlCharactersAreFound) {
  EXPECT_FALSE(has_control_character("Region Nord, 5% ÖÄ"));
  EXPECT_TRUE(has_control_character(std::string("A\0B", 3)));
  EXPECT_TRUE(has_control_character("a\nb"));
  EXPECT_TRUE(has_control_character("a\tb"));
  EXPECT_TRUE(has_control_character("a\x7f"));
}

}  // namespace
}  // namespace ecosim
