// The causal map (scenario/causal_map.cpp) names real code and keys, every lever reaches an
// indicator, the docs hold its print, and no channel is dead: switched off, each moves its
// state the stated way and changes an indicator the region tracks.
#include "scenario/causal_map.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "indicators/catalogue.hpp"
#include "run/simulation.hpp"
#include "scenario/catalogue.hpp"
#include "support/small_world.hpp"
#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

std::size_t indicator_index(std::string_view name) {
  for (std::size_t k = 0; k < kIndicators.size(); ++k)
    if (kIndicators[k].name == name) return k;
  ADD_FAILURE() << "no indicator " << name;
  return 0;
}

const Node* node(std::string_view id) {
  for (const Node& n : causal_nodes())
    if (n.id == id) return &n;
  return nullptr;
}

TEST(CausalMap, NamesRealNodesCodeAndKeys) {
  std::set<std::string> keys;
  for (const KeyInfo& k : key_catalogue()) keys.insert(k.path);
  for (const Node& n : causal_nodes())
    if (n.kind == NodeKind::indicator) indicator_index(n.label.substr(0, n.label.find(' ')));
  for (const Arrow& a : causal_arrows()) {
    SCOPED_TRACE(std::string(a.from) + " -> " + std::string(a.to));
    ASSERT_NE(node(a.from), nullptr);
    ASSERT_NE(node(a.to), nullptr);
    EXPECT_FALSE(a.note.empty());
    if (a.kind == ArrowKind::missing) continue;
    // "function (file)" or "function, other (file)": each function is in the file.
    const std::string code(a.code);
    const auto open = code.find(" ("), close = code.rfind(')');
    ASSERT_NE(open, std::string::npos);
    const std::string file = testing::read_text(std::string(ECOSIM_SOURCE_DIR) + "/" +
                                                code.substr(open + 2, close - open - 2));
    ASSERT_FALSE(file.empty()) << code;
    std::stringstream functions(code.substr(0, open));
    for (std::string f; std::getline(functions, f, ',');) {
      f.erase(0, f.find_first_not_of(' '));
      EXPECT_NE(file.find(f.substr(f.rfind(':') + 1)), std::string::npos) << f << " in " << code;
    }
    if (a.kind == ArrowKind::definition) continue;
    EXPECT_TRUE(keys.count(std::string(a.key))) << a.key;
    EXPECT_FALSE(a.ablation.on.empty());
    EXPECT_NE(a.ablation.off.find(a.key.substr(a.key.rfind('.') + 1)), std::string::npos)
        << "the off run sets the strength key";
    EXPECT_NE(a.ablation.direction, 0);
    indicator_index(a.ablation.moves);
    const Node* downstream = node(a.ablation.downstream);
    ASSERT_NE(downstream, nullptr) << a.ablation.downstream;
    EXPECT_EQ(downstream->kind, NodeKind::indicator) << "one of the region's tracked indicators";
  }
}

// Every lever has a live path to at least one of the nine indicators, and every indicator is
// reached from a lever.
TEST(CausalMap, EveryLeverReachesAnIndicator) {
  std::multimap<std::string_view, std::string_view> next;
  for (const Arrow& a : causal_arrows())
    if (a.kind != ArrowKind::missing) next.emplace(a.from, a.to);
  std::set<std::string_view> reached_indicators;
  for (const Node& lever : causal_nodes()) {
    if (lever.kind != NodeKind::lever) continue;
    std::set<std::string_view> seen{lever.id};
    std::vector<std::string_view> todo{lever.id};
    bool reaches = false;
    while (!todo.empty()) {
      const std::string_view at = todo.back();
      todo.pop_back();
      const Node* n = node(at);
      if (n->kind == NodeKind::indicator) reaches = true, reached_indicators.insert(at);
      for (auto [it, end] = next.equal_range(at); it != end; ++it)
        if (seen.insert(it->second).second) todo.push_back(it->second);
    }
    EXPECT_TRUE(reaches) << lever.label;
  }
  for (const Node& n : causal_nodes()) {
    if (n.kind == NodeKind::indicator) {
      EXPECT_TRUE(reached_indicators.count(n.id)) << n.id;
    }
  }
}

TEST(CausalMap, DocsModelHoldsTheGeneratedMap) {
  const std::string doc = testing::read_text(std::string(ECOSIM_SOURCE_DIR) + "/docs/MODEL.md");
  EXPECT_NE(doc.find(causal_map_markdown()), std::string::npos)
      << "docs/MODEL.md is not what `ecosim map` prints: run scripts/update-docs.sh";
}

// Channels cannot go dead silently: each live arrow, switched off, moves its state the stated
// way and leaves a tracked indicator different.
class Channel : public ::testing::TestWithParam<std::size_t> {};

std::vector<std::string> split(std::string_view overrides) {
  std::vector<std::string> out;
  std::stringstream in{std::string(overrides)};
  for (std::string o; std::getline(in, o, ';');) out.push_back(o);
  return out;
}

// Mean over the run of the first region's indicators.
std::vector<double> run_means(const std::vector<std::string>& overrides) {
  constexpr int kSteps = 48;
  std::vector<std::string> all = overrides;
  all.push_back("simulation.steps=" + std::to_string(kSteps));
  Simulation sim(testing::small_scenario(all));
  std::vector<double> sums(kIndicators.size(), 0.0);
  for (int t = 0; t < kSteps; ++t) {
    const Observation o = sim.step();
    for (std::size_t k = 0; k < kIndicators.size(); ++k) sums[k] += o.values[k];
  }
  for (double& v : sums) v /= kSteps;
  return sums;
}

TEST_P(Channel, SwitchedOffItsStateAndAnIndicatorMove) {
  const Arrow& a = causal_arrows()[GetParam()];
  const Ablation& x = a.ablation;
  std::vector<std::string> on = split(x.on), off = on;
  for (const std::string& o : split(x.off)) off.push_back(o);
  const std::vector<double> with = run_means(on), without = run_means(off);
  const std::size_t moves = indicator_index(x.moves), downstream = indicator_index(x.downstream);
  EXPECT_GT(x.direction * (with[moves] - without[moves]), 0.0)
      << x.moves << ": " << with[moves] << " on, " << without[moves] << " off";
  EXPECT_NE(with[downstream], without[downstream]) << x.downstream;
}

std::vector<std::size_t> live_arrows() {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < causal_arrows().size(); ++k)
    if (causal_arrows()[k].kind == ArrowKind::live) out.push_back(k);
  return out;
}

INSTANTIATE_TEST_SUITE_P(CausalMap, Channel, ::testing::ValuesIn(live_arrows()),
                         [](const ::testing::TestParamInfo<std::size_t>& arrow) {
                           std::string name(causal_arrows()[arrow.param].key);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace ecosim
