// Reading a scenario: TOML text + command-line overrides -> a validated Scenario.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace ecosim {

// One problem in a scenario, printed as FILE:LINE:COL: key.path: message (allowed: ...).
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;
  std::string message;
  std::string to_string() const;
};

// Every problem of one scenario at once, in file order; what() holds one diagnostic per line,
// the first kMaxDiagnosticsShown of them and then "... and N more".
inline constexpr std::size_t kMaxDiagnosticsShown = 20;
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// `overrides` are "key.path=value" strings (as given to --set); array entries are addressed
// by index, e.g. "region.1.firms=2000" or "region[1].firms=2000".
Scenario load_scenario_text(std::string_view text, std::string_view source_name,
                            const std::vector<std::string>& overrides = {});
Scenario load_scenario_file(const std::filesystem::path& path,
                            const std::vector<std::string>& overrides = {});
Scenario load_default_scenario(const std::vector<std::string>& overrides = {});

// scenarios/default.toml, compiled into the binary.
std::string_view embedded_default_scenario();

}  // namespace ecosim
