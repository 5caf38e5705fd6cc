// Scenario files may build on another: `base = "default.toml"` at the top takes every key of
// that file (path relative to this one) and lets this file change what it names. Tables merge
// key by key; arrays of tables ([[region]]) merge entry by entry, by position (entries beyond
// the base's are added); inline tables (sector_shares = {...}), other values and arrays
// replace the base's. Bases may chain, up to 8.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace ecosim {

struct Composed {
  toml::table root;
  bool has_base = false;
};

// Parses `text` and its chain of bases; throws ScenarioError (syntax, missing or cyclic base).
Composed parse_composed(std::string_view text, const std::string& source_name);

}  // namespace ecosim
