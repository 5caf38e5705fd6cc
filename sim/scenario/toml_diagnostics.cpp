#include "scenario/toml_diagnostics.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "scenario/load.hpp"

namespace ecosim {
namespace {

// The edit distance of a and b when it is below `limit`, else `limit`: a row whose smallest
// entry reaches the limit cannot lead below it, so long or distant names cost little.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) >= limit) return limit;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    std::size_t smallest = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diag = up;
      smallest = std::min(smallest, row[j]);
    }
    if (smallest >= limit) return limit;
  }
  return std::min(row[b.size()], limit);
}

// The position of the first key or table header of more than max_parts dotted parts: dots are
// counted outside strings and comments, from the last '=', ',', '{', '[', ']' or line end
// (a float value has one dot, so real keys and values stay far below the limit).
std::optional<Location> deep_key(std::string_view text, const std::string& file, int max_parts) {
  enum class In { code, comment, basic, literal, multi_basic, multi_literal } in = In::code;
  int line = 1, column = 0, dots = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    ++column;
    if (c == '\n') {
      ++line, column = 0, dots = 0;
      if (in == In::comment || in == In::basic || in == In::literal) in = In::code;
      continue;
    }
    const bool triple = text.substr(i, 3) == R"(""")" || text.substr(i, 3) == "'''";
    switch (in) {
      case In::code:
        if (c == '#') {
          in = In::comment;
        } else if (c == '"' || c == '\'') {
          in = triple ? (c == '"' ? In::multi_basic : In::multi_literal)
                      : (c == '"' ? In::basic : In::literal);
          if (triple) i += 2, column += 2;
        } else if (c == '.') {
          if (++dots >= max_parts) return Location{file, line, column};
        } else if (c == '=' || c == ',' || c == '{' || c == '[' || c == ']') {
          dots = 0;
        }
        break;
      case In::basic:
      case In::multi_basic:
        if (c == '\\') {
          ++i, ++column;
        } else if (c == '"' && (in == In::basic || triple)) {
          if (triple) i += 2, column += 2;
          in = In::code;
        }
        break;
      case In::literal:
      case In::multi_literal:
        if (c == '\'' && (in == In::literal || triple)) {
          if (triple) i += 2, column += 2;
          in = In::code;
        }
        break;
      case In::comment:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& file) {
  if (const auto at = deep_key(text, file, kMaxKeyParts))
    throw ScenarioError(
        {{at->file, at->line, at->column, "(syntax)",
          "a key or table header of more than " + std::to_string(kMaxKeyParts) +
              " dotted parts (allowed: at most " + std::to_string(kMaxKeyParts) + ")"}});
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const Location at = location_of(e.source(), file);
    throw ScenarioError({{at.file, at.line, at.column, "(syntax)",
                          std::string(e.description()) + " (allowed: TOML 1.0)"}});
  }
}

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
    const std::size_t d = edit_distance(name, candidate, best);
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
