// Sweep files (sweep/spec.cpp): what they say, and every mistake placed at its line.
#include "sweep/spec.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scenario/catalogue.hpp"
#include "scenario/load.hpp"

namespace ecosim {
namespace {

SweepSpec read(const std::string& text) { return load_sweep_text(text, "/tmp/test_sweep.toml"); }

// The diagnostics of a refused sweep file, one per line.
std::string problems(const std::string& text) {
  try {
    read(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(SweepSpec, ReadsDesignReplicatesSeedsFixedOverridesAndParameters) {
  const SweepSpec s = read(R"(
[sweep]
design = "lhs"
samples = 20
replicates = 3
seed = 9
common_random_numbers = false
output = "out/here"
set = { "simulation.steps" = 24 }

[[parameter]]
key = "region.0.generalised_trust"
lower = 0.42
upper = 0.74

[[parameter]]
key = "region.1.firms"
lower = 1000
upper = 10000
scale = "log"
)");
  EXPECT_EQ(s.design, SweepDesign::lhs);
  EXPECT_EQ(s.samples, 20);
  EXPECT_EQ(s.replicates, 3);
  EXPECT_EQ(s.seed, 9);
  EXPECT_FALSE(s.common_random_numbers);
  EXPECT_EQ(s.output, "out/here");
  EXPECT_TRUE(s.scenario.empty()) << "no scenario: the embedded default";
  ASSERT_EQ(s.fixed.size(), 1u);
  EXPECT_EQ(s.fixed[0], "simulation.steps=24");
  ASSERT_EQ(s.parameters.size(), 2u);
  EXPECT_EQ(s.parameters[0].lower, 0.42);
  EXPECT_FALSE(s.parameters[0].integer);
  EXPECT_TRUE(s.parameters[1].integer) << "firms is an integer key";
  EXPECT_TRUE(s.parameters[1].log);
  EXPECT_EQ(s.parameters[1].line, 16);
}

TEST(SweepSpec, ARangeLeftOutIsTheKeysPlausibleRangeFromTheSchema) {
  const SweepSpec s = read(R"(
[sweep]
design = "morris"
trajectories = 4

[[parameter]]
key = "trust.gain_dialogue"
)");
  const SweepParameter& p = s.parameters.front();
  for (const KeyInfo& k : key_catalogue())
    if (k.path == "trust.gain_dialogue") {
      EXPECT_EQ(p.lower, k.source.low);
      EXPECT_EQ(p.upper, k.source.high);
    }
  EXPECT_LT(p.lower, p.upper);
  EXPECT_EQ(s.levels, 4) << "Morris's default grid";
}

TEST(SweepSpec, ValuesAreNumbersBooleansOrStringsAsForSet) {
  const SweepSpec s = read(R"(
[sweep]
design = "list"

[[parameter]]
key = "policy.municipality.transparency"
values = [true, false]

[[parameter]]
key = "region.0.name"
values = ["North", "South"]
)");
  EXPECT_EQ(s.parameters[0].values[1].override_text(false), "false");
  EXPECT_EQ(s.parameters[1].values[0].override_text(false), "'North'") << "a TOML string";
  EXPECT_EQ(s.parameters[0].values[0].column_text(false), "1");
  EXPECT_EQ(SweepValue::of(1234.6).override_text(true), "1235") << "integer keys round";
  EXPECT_EQ(SweepValue::of(0.1).override_text(false), "0.1") << "shortest round-trip form";
}

TEST(SweepSpec, HostileFilesAreRefusedWithTheirReason) {
  std::string deep = "a";
  for (int k = 0; k < 50000; ++k) deep += ".a";
  EXPECT_NE(problems("[sweep]\n" + deep + " = 1\n").find("test_sweep.toml:2:128: (syntax)"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\noutput = \"out\\u0000x\"\n")
                .find("sweep.output: contains a "
                      "control character"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\n[[parameter]]\nkey = \"region.0.name\"\nvalues = [\"A\\u0000B\"]\n")
                .find("strings of printable text"),
            std::string::npos);
  for (const char* path : {"/dev/zero", "/tmp"}) {
    try {
      load_sweep_file(path);
      ADD_FAILURE() << path << " was read";
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find("cannot read sweep file: is"), std::string::npos)
          << e.what();
    }
  }
}

TEST(SweepSpec, MistakesArePlacedAtTheirLineWithWhatIsAllowed) {
  const std::string key = "\n[[parameter]]\nkey = \"trust.gain_dialogue\"\n";
  EXPECT_NE(problems("[sweep]\ndesgn = \"grid\"\n" + key)
                .find("test_sweep.toml:2:1: sweep.desgn: unknown key; did you mean 'design'?"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\n[[parameter]]\nkey = \"trust.gain_dialog\"\n")
                .find("test_sweep.toml:3:7: parameter[0].key: unknown scenario key "
                      "'trust.gain_dialog'; did you mean 'trust.gain_dialogue'?"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\ndesign = \"lhs\"\n" + key).find("design lhs needs sweep.samples"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\ndesign = \"lhs\"\nsamples = 4\n[[parameter]]\nkey = "
                     "\"trust.gain_dialogue\"\nvalues = [0.01]\n")
                .find("design lhs samples ranges, not values"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\n[[parameter]]\nkey = \"region.0.generalised_trust\"\nlower = "
                     "0.5\nupper = 1.5\n")
                .find("test_sweep.toml:4:9: parameter[0].lower: range 0.5..1.5 leaves "
                      "region.0.generalised_trust's allowed range (allowed: 0 .. 1)"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\n[[parameter]]\nkey = \"region.0.generalised_trust\"\nlower = "
                     "0\nupper = 0.5\nscale = \"log\"\n")
                .find("a log scale needs lower > 0"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\n[[parameter]]\nkey = \"policy.municipality.evaluation\"\n")
                .find("is a boolean: give it values"),
            std::string::npos);
  EXPECT_NE(problems("[sweep]\ndesign = \"list\"\n[[parameter]]\nkey = \"trust.gain_dialogue\"\n"
                     "values = [0.01, 0.02]\n[[parameter]]\nkey = \"trust.gain_success\"\n"
                     "values = [0.1]\n")
                .find("has 1 values, the first parameter 2"),
            std::string::npos);
  EXPECT_NE(problems("[sweep\n").find("test_sweep.toml:1:"), std::string::npos)
      << "a syntax error is placed too";
  EXPECT_NE(problems("[sweep]\n").find("no [[parameter]] to sweep"), std::string::npos);
  EXPECT_EQ(problems("[sweep]\n" + key), "") << "a valid file has no problem";
}

}  // namespace
}  // namespace ecosim
