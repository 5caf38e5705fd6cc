// Every scenario key as data: its path, type, default, allowed range, unit, meaning and source,
// walked from the schema. `ecosim params` prints it, docs/MODEL.md holds it, and sweeps take a
// key's plausible range from it.
#pragma once

#include <string>
#include <vector>

#include "scenario/schema.hpp"

namespace ecosim {

struct KeyInfo {
  std::string
      path;  // as --set addresses it; region keys as region[].KEY, table entries as TABLE.NAME
  std::string type;  // integer, number, boolean, string, rung, array, table
  std::string default_text;
  std::string allowed_text;
  std::string unit;
  std::string meaning;
  schema::Source source;
  double min = 0, max = 0;   // allowed range of numbers and table entries
  double default_value = 0;  // of numbers and table entries
  bool table_entry = false;  // an entry of a sector or theme table (not a row of the docs)
};

// Every key in schema order; each sector and theme table is followed by its entries.
std::vector<KeyInfo> key_catalogue();

// The parameter reference (markdown table: key, type, default, allowed, unit, meaning, source,
// plausible range), made from key_catalogue().
std::string parameter_table_markdown();

// A key's plausible range as text ("0.42 .. 0.74", "x0.85 .. x1.15"), empty when it has none.
std::string plausible_text(const schema::Source& source);

}  // namespace ecosim
