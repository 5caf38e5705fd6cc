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

// Parses TOML text named `file`. A syntax error, or a dotted key or table header of more than
// kMaxKeyParts parts (toml++ would nest that many tables and overflow the stack freeing them),
// throws ScenarioError with one "(syntax)" diagnostic.
inline constexpr int kMaxKeyParts = 64;
toml::table parse_toml(std::string_view text, const std::string& file);

// Whether text holds a control character (NUL, newline, tab, DEL): a NUL cuts a name written
// to HDF5 ("A\0B" and "A\0C" both become "A"), a line break breaks the tables that print it.
inline bool has_control_character(std::string_view text) {
  for (const unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}
inline constexpr std::string_view kPrintableText = "printable text on one line";

// The allowed names, comma-separated.
std::string join(const std::set<std::string>& names);

}  // namespace ecosim
