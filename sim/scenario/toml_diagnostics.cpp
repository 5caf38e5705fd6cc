#include "scenario/toml_diagnostics.hpp"

#include <algorithm>
#include <vector>

namespace ecosim {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

Location location_of(const toml::source_region& src, const std::string& fallback_file) {
  Location loc{src.path ? *src.path : fallback_file, static_cast<int>(src.begin.line),
               static_cast<int>(src.begin.column)};
  if (loc.line == 0) loc = {fallback_file, 1, 1};
  return loc;
}

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    default:
      return "date/time";
  }
}

std::string did_you_mean(std::string_view name, const std::set<std::string>& allowed) {
  std::string hint;
  std::size_t best = 3;
  for (const auto& candidate : allowed) {
    const std::size_t d = edit_distance(name, candidate);
    if (d < best) best = d, hint = "; did you mean '" + candidate + "'?";
  }
  return hint;
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace ecosim
