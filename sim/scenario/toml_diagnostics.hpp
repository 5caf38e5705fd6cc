// What scenario and sweep files share when they report a problem: where a TOML node is, what
// type it has, and the nearest allowed key to a misspelled one.
#pragma once

#include <toml++/toml.h>

#include <set>
#include <string>
#include <string_view>

namespace ecosim {

struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

// The node's position, or line 1 of `fallback_file` for nodes made in memory (--set values).
Location location_of(const toml::source_region& src, const std::string& fallback_file);

// "table", "array", "string", "integer", "float", "boolean" or "date/time".
std::string_view type_name(const toml::node& n);

// "; did you mean 'X'?" for the allowed name within two edits of `name`, else "".
std::string did_you_mean(std::string_view name, const std::set<std::string>& allowed);

// The allowed names, comma-separated.
std::string join(const std::set<std::string>& names);

}  // namespace ecosim
