#include "scenario/load.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>

#include "engine/printable.hpp"
#include "scenario/compose.hpp"
#include "scenario/format.hpp"
#include "scenario/input_file.hpp"
#include "scenario/schema.hpp"
#include "scenario/toml_diagnostics.hpp"

namespace ecosim {
namespace {

using schema::Limits;

// Collects diagnostics for one scenario; shared by every Reader of its tables.
struct Context {
  std::string file;
  std::vector<Diagnostic> diagnostics;
  // Each --set given, with its key path in dotted form ("region.0.firms").
  std::vector<std::pair<std::string, std::string>> overrides;

  void error(const Location& at, std::string key, std::string message) {
    diagnostics.push_back({at.file, at.line, at.column, std::move(key), std::move(message)});
  }
  // Where the node of key `path` is: its place in a file, or the --set that made it (tables
  // made on the way to an overridden key have no position of their own).
  Location where(const toml::source_region& src, std::string path) const {
    if (src.begin.line != 0) return location_of(src, file);
    std::replace(path.begin(), path.end(), '[', '.');
    path.erase(std::remove(path.begin(), path.end(), ']'), path.end());
    for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
      if (it->first == path || it->first.starts_with(path + ".")) return {it->second, 1, 1};
    return {file, 1, 1};
  }
};

// Reads one TOML table against the schema: each visited key is checked and copied into its
// field; keys the schema never asked for are reported by finish().
class Reader {
 public:
  Reader(Context& ctx, const toml::table* table, std::string prefix, Location where)
      : ctx_(ctx), table_(table), prefix_(std::move(prefix)), where_(std::move(where)) {}

  template <class T>
  void num(std::string_view key, T& field, Limits limits, std::string_view, std::string_view,
           const schema::Source&) {
    const toml::node* n = take(key);
    if (!n) return;
    constexpr bool integral = std::is_integral_v<T>;
    const std::string allowed = std::string(integral ? "integer " : "number ") +
                                format_number(limits.min) + ".." + format_number(limits.max);
    double value = 0;
    if (auto i = n->as_integer()) {
      value = static_cast<double>(i->get());
    } else if (auto f = n->as_floating_point(); f && !integral) {
      value = f->get();
    } else {
      return fail(*n, key,
                  "must be " + std::string(integral ? "an integer" : "a number") + ", got " +
                      std::string(type_name(*n)),
                  allowed);
    }
    if (!std::isfinite(value) || value < limits.min || value > limits.max)
      return fail(*n, key, "out of range: " + format_number(value), allowed);
    field = static_cast<T>(value);
  }

  void flag(std::string_view key, bool& field, std::string_view, const schema::Source&) {
    const toml::node* n = take(key);
    if (!n) return;
    if (auto b = n->as_boolean())
      field = b->get();
    else
      fail(*n, key, "must be a boolean, got " + std::string(type_name(*n)), "true, false");
  }

  void text(std::string_view key, std::string& field, std::string_view) {
    const toml::node* n = take(key);
    if (!n) return;
    const auto s = n->as_string();
    if (!s || s->get().empty())
      return fail(*n, key, "must be a non-empty string, got " + std::string(type_name(*n)), "text");
    if (has_control_character(s->get()))
      return fail(*n, key, "contains a control character (NUL, newline, tab, ...)",
                  std::string(kPrintableText));
    field = s->get();
  }

  void rung(std::string_view key, Rung& field, std::string_view, const schema::Source&) {
    const toml::node* n = take(key);
    if (!n) return;
    const auto s = n->as_string();
    const auto index = s ? index_of(kRungNames, s->get()) : std::nullopt;
    if (index)
      field = static_cast<Rung>(*index);
    else
      fail(*n, key, s ? "unknown rung '" + s->get() + "'" : "must be a string", join(kRungNames));
  }

  void ladder(std::string_view key, std::array<double, 3>& field, std::string_view,
              const schema::Source&) {
    const toml::node* n = take(key);
    if (!n) return;
    const auto* arr = n->as_array();
    const std::string allowed = "3 increasing numbers in 0..1";
    if (!arr || arr->size() != 3) return fail(*n, key, "must be an array of 3 numbers", allowed);
    std::array<double, 3> values{};
    for (std::size_t i = 0; i < 3; ++i) {
      const auto v = (*arr)[i].value<double>();
      if (!v || !std::isfinite(*v) || *v < 0 || *v > 1 || (i > 0 && *v <= values[i - 1]))
        return fail(*n, key, "thresholds must be numbers in 0..1, strictly increasing", allowed);
      values[i] = *v;
    }
    field = values;
  }

  // A table of one number per name (sectors, themes, size classes).
  template <class E, std::size_t N>
  void named(std::string_view key, EnumArray<E, N, double>& field,
             const std::array<std::string_view, N>& names, Limits limits, std::string_view,
             std::string_view, bool missing_is_zero, const schema::Source&) {
    const toml::node* n = take(key);
    if (!n) return;
    const auto* tbl = n->as_table();
    if (!tbl) return fail(*n, key, "must be a table of " + join(names), join(names));
    EnumArray<E, N, double> values = field;
    if (missing_is_zero) values.fill(0.0);
    Reader inner(ctx_, tbl, path(key), ctx_.where(n->source(), path(key)));
    for (std::size_t i = 0; i < N; ++i)
      inner.num(names[i], values.values[i], limits, "", "", schema::technical());
    inner.finish();
    field = values;
  }

  void table(std::string_view key, std::string_view, const std::function<void(Reader&)>& body) {
    const toml::node* n = take(key);
    const toml::table* tbl = n ? n->as_table() : nullptr;
    if (n && !tbl)
      return fail(*n, key, "must be a table, got " + std::string(type_name(*n)), "table");
    Reader inner(ctx_, tbl, path(key), n ? ctx_.where(n->source(), path(key)) : where_);
    body(inner);
    inner.finish();
  }

  void regions(std::string_view key, IdVector<RegionId, RegionParams>& field, std::string_view,
               const std::function<void(Reader&, RegionParams&)>& body) {
    const toml::node* n = take(key);
    if (!n) return;
    const auto* arr = n->as_array();
    if (!arr || arr->empty() || !arr->is_array_of_tables())
      return fail(*n, key, "must be a non-empty array of tables ([[region]])",
                  "[[region]] entries");
    // A region's index is 16 bits (its largest value means "no region"): more entries once
    // wrapped around (65,537 named regions: "duplicate region name 'r0'").
    if (arr->size() > kMaxRegions)
      return fail(*n, key,
                  std::to_string(arr->size()) +
                      " [[region]] entries, more than the region index "
                      "holds",
                  "at most " + std::to_string(kMaxRegions) + " regions");
    field.clear();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::node& entry = *arr->get(i);
      RegionParams region;
      region.name = "region" + std::to_string(i + 1);
      Reader inner(ctx_, entry.as_table(), path(key) + "[" + std::to_string(i) + "]",
                   ctx_.where(entry.source(), path(key) + "[" + std::to_string(i) + "]"));
      body(inner, region);
      inner.finish();
      field.push_back(std::move(region));
    }
  }

  // Reports every key of the table that the schema did not ask for.
  void finish() {
    if (!table_) return;
    for (auto&& [k, node] : *table_) {
      if (asked_.count(std::string(k.str()))) continue;
      const std::string hint = did_you_mean(k.str(), asked_);
      // Keys made by --set have no position of their own; their values do.
      const auto& where = k.source().begin.line ? k.source() : node.source();
      ctx_.error(ctx_.where(where, path(k.str())), path(k.str()),
                 "unknown key" + hint + " (allowed: " + join(asked_) + ")");
    }
  }

 private:
  const toml::node* take(std::string_view key) {
    asked_.insert(std::string(key));
    return table_ ? table_->get(key) : nullptr;
  }

  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }

  void fail(const toml::node& n, std::string_view key, std::string message,
            const std::string& allowed) {
    ctx_.error(ctx_.where(n.source(), path(key)), path(key),
               std::move(message) + " (allowed: " + allowed + ")");
  }

  template <class Names>
  static std::string join(const Names& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
  }

  Context& ctx_;
  const toml::table* table_;
  std::string prefix_;
  Location where_;
  std::set<std::string> asked_;
};

// Splits an override's key path ("region[1].firms" or "region.1.firms") into its parts; an
// empty result means the path is malformed (reason in `why`).
std::vector<std::string> key_parts(std::string_view key, std::string& why) {
  std::vector<std::string> parts{""};
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '.') {
      parts.emplace_back();
    } else if (c == '[') {
      const std::size_t close = key.find(']', i);
      const std::string_view index =
          close == std::string_view::npos ? "" : key.substr(i + 1, close - i - 1);
      if (index.empty() || !std::all_of(index.begin(), index.end(), ::isdigit)) {
        why = "unbalanced or non-numeric [index] at character " + std::to_string(i + 1);
        return {};
      }
      parts.emplace_back(index);
      i = close;
      if (i + 1 < key.size() && key[i + 1] != '.' && key[i + 1] != '[') {
        why = "expected '.' or '[' after ']' at character " + std::to_string(i + 2);
        return {};
      }
      if (i + 1 < key.size() && key[i + 1] == '.') ++i, parts.emplace_back();
    } else if (c == ']') {
      why = "unbalanced ']' at character " + std::to_string(i + 1);
      return {};
    } else {
      parts.back() += c;
    }
  }
  if (std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty(); })) {
    why = "empty part in the key path";
    return {};
  }
  if (static_cast<int>(parts.size()) > kMaxKeyParts) {
    why = "more than " + std::to_string(kMaxKeyParts) + " parts";
    return {};
  }
  return parts;
}

// Applies one "key.path=value" override to the parsed document.
void apply_override(toml::table& root, const std::string& assignment, Context& ctx) {
  std::string origin = "--set " + assignment;  // printed on one line, whatever it holds
  for (std::size_t k; (k = origin.find_first_of("\r\n")) != std::string::npos;)
    origin.replace(k, 1, origin[k] == '\n' ? "\\n" : "\\r");
  const Location at{origin, 1, 1};
  ctx.overrides.emplace_back("", origin);  // its dotted key path once known
  // The stored scenario repeats --set on one line: a line break would cut it there.
  if (assignment.find_first_of("\r\n") != std::string::npos) {
    ctx.error(at, "(--set)", "contains a line break (allowed: key.path=value on one line)");
    return;
  }
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    ctx.error(at, assignment, "expected key.path=value (allowed: key.path=value)");
    return;
  }
  // Spaces around '=' as a TOML file has them ("key = value") are not part of either side.
  const auto trimmed = [](std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return std::string();
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
  };
  const std::string key = trimmed(std::string_view(assignment).substr(0, eq));
  const std::string raw = trimmed(std::string_view(assignment).substr(eq + 1));
  std::string why;
  const std::vector<std::string> parts = key_parts(key, why);
  if (parts.empty()) {
    ctx.error(at, key, "malformed key path: " + why + " (allowed: key.path or key[index].path)");
    return;
  }
  std::string dotted;
  for (const auto& part : parts) dotted += (dotted.empty() ? "" : ".") + part;
  ctx.overrides.back().first = dotted;

  // The value is TOML when it parses as TOML (numbers, booleans, arrays, inline tables, quoted
  // strings) and a plain string otherwise, so --set region.0.name=Drammen works unquoted.
  toml::table holder;
  try {
    holder = parse_toml("value = " + raw, origin);
  } catch (const ScenarioError&) {
    std::ostringstream quoted;
    quoted << toml::value<std::string>(raw);
    holder = toml::parse("value = " + quoted.str(), origin);
  }

  toml::node* cursor = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (auto* tbl = cursor->as_table()) {
      if (!tbl->contains(part)) tbl->insert(part, toml::table{});
      cursor = tbl->get(part);
    } else if (auto* arr = cursor->as_array()) {
      std::size_t index = arr->size();
      if (std::all_of(part.begin(), part.end(), ::isdigit))
        std::from_chars(part.data(), part.data() + part.size(), index);  // too large: size()
      if (index >= arr->size()) {
        ctx.error(
            at, key,
            "no entry '" + part + "' (allowed: index 0.." + std::to_string(arr->size() - 1) + ")");
        return;
      }
      cursor = arr->get(index);
    } else {
      ctx.error(at, key, "'" + part + "' is not a table (allowed: a path of tables)");
      return;
    }
  }
  if (auto* tbl = cursor->as_table()) {
    // Moving the concrete value keeps its source position, so errors point at the --set.
    holder.get("value")->visit(
        [&](auto&& value) { tbl->insert_or_assign(parts.back(), std::move(value)); });
  } else {
    ctx.error(at, key, "cannot set a key inside a non-table (allowed: a path of tables)");
  }
}

// Checks that span several keys, reported at the table that holds them.
void check_consistency(const Scenario& s, Context& ctx, const toml::table& root) {
  auto where = [&](std::string_view path) {
    const toml::node_view<const toml::node> n = root.at_path(path);
    return n ? location_of(n.node()->source(), ctx.file) : Location{ctx.file, 1, 1};
  };
  if (s.projects.duration_min_months > s.projects.duration_max_months)
    ctx.error(where("projects.duration_max_months"), "projects.duration_max_months",
              "must be at least projects.duration_min_months (allowed: >= " +
                  std::to_string(s.projects.duration_min_months) + ")");
  if (s.projects.min_parties > s.projects.max_partners)
    ctx.error(where("projects.max_partners"), "projects.max_partners",
              "must be at least projects.min_parties (allowed: >= " +
                  std::to_string(s.projects.min_parties) + ")");
  if (s.simulation.record_every > s.simulation.steps)
    ctx.error(where("simulation.record_every"), "simulation.record_every",
              "is more than simulation.steps, so no row would be recorded (allowed: 1.." +
                  std::to_string(s.simulation.steps) + ")");
  for (const auto& [key, ties] :
       {std::pair{"trust.initial_ties_per_firm", s.trust.initial_ties_per_firm},
        std::pair{"trust.entrant_ties", s.trust.entrant_ties}})
    if (ties > s.trust.max_ties_per_firm)
      ctx.error(where(key), key,
                "is more than trust.max_ties_per_firm, the slots a firm has (allowed: 0.." +
                    std::to_string(s.trust.max_ties_per_firm) + ")");
  const std::int64_t total_firms = s.total_firms();
  if (total_firms > kMaxTotalFirms)
    ctx.error(where("region"), "region.firms",
              "the regions' firms sum to " + std::to_string(total_firms) +
                  ", beyond what a firm index holds with room for entrants (allowed: at most " +
                  std::to_string(kMaxTotalFirms) + " in all)");
  std::set<std::string> names;
  for (const RegionId id : s.regions.ids()) {
    const RegionParams& r = s.regions[id];
    const std::string path = "region[" + std::to_string(id.index()) + "]";
    if (!names.insert(r.name).second)
      ctx.error(where(path + ".name"), path + ".name",
                "duplicate region name '" + r.name + "' (allowed: unique names)");
    // Each establishment is run by at least one resident; more would make the employment rate
    // exceed 1.
    const double labour_force = r.population * r.labour_force_share;
    if (r.firms > labour_force)
      ctx.error(where(path + ".firms"), path + ".firms",
                "more establishments than the labour force (population x labour_force_share = " +
                    format_number(std::floor(labour_force)) + ") (allowed: 1.." +
                    format_number(std::floor(labour_force)) + ")");
    double total = 0;
    for (double share : r.sector_shares) total += share;
    if (total <= 0)
      ctx.error(where(path + ".sector_shares"), path + ".sector_shares",
                "shares sum to 0 (allowed: at least one positive share)");
  }
}

// The diagnostics of the scenario's files, then of each --set in the order given, each by line
// and column.
std::vector<Diagnostic> in_file_order(std::vector<Diagnostic> diagnostics, const Context& ctx) {
  std::map<std::string, std::size_t> file_rank;  // scenario files first, as met, then each --set
  for (const Diagnostic& d : diagnostics)
    if (!d.file.starts_with("--set ")) file_rank.emplace(d.file, file_rank.size());
  for (const auto& [path, origin] : ctx.overrides) file_rank.emplace(origin, file_rank.size());
  using Rank = std::tuple<std::size_t, int, int, std::size_t>;
  std::vector<Rank> ranks;
  for (std::size_t k = 0; k < diagnostics.size(); ++k) {
    const Diagnostic& d = diagnostics[k];
    ranks.emplace_back(file_rank.emplace(d.file, file_rank.size()).first->second, d.line, d.column,
                       k);
  }
  std::sort(ranks.begin(), ranks.end());  // the index last: stable
  std::vector<Diagnostic> ordered;
  for (const Rank& r : ranks) ordered.push_back(std::move(diagnostics[std::get<3>(r)]));
  return ordered;
}

Scenario build(std::string_view text, std::string_view source_name,
               const std::vector<std::string>& overrides) {
  Context ctx{std::string(source_name), {}, {}};
  Composed composed = parse_composed(text, ctx.file);
  toml::table& root = composed.root;
  for (const auto& assignment : overrides) apply_override(root, assignment, ctx);

  Scenario s;
  s.source_name = std::string(source_name);
  s.regions.push_back(RegionParams{.name = "Studied"});
  s.regions.push_back(RegionParams{.name = "Competitor"});
  Reader reader(ctx, &root, "", {ctx.file, 1, 1});
  schema::describe(reader, s);
  reader.finish();
  check_consistency(s, ctx, root);
  if (!ctx.diagnostics.empty()) throw ScenarioError(in_file_order(std::move(ctx.diagnostics), ctx));

  for (auto& region : s.regions) {
    double total = 0;
    for (double share : region.sector_shares) total += share;
    for (double& share : region.sector_shares) share /= total;
  }
  // The stored text must repeat the run on its own: verbatim when the file is all there is,
  // else the composed table (bases merged, overrides applied).
  if (overrides.empty() && !composed.has_base) {
    s.text = std::string(text);
  } else {
    std::ostringstream out;
    out << "# " << source_name << (composed.has_base ? " with its bases merged" : "");
    if (!overrides.empty()) out << ", with overrides:";
    for (const auto& o : overrides) out << " --set " << o;
    out << "\n" << root << "\n";
    s.text = out.str();
  }
  return s;
}

}  // namespace

std::string Diagnostic::to_string() const {
  return printable(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         printable(key) + ": " + printable(message);
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error([&] {
        std::string all;
        const std::size_t shown = std::min(diagnostics.size(), kMaxDiagnosticsShown);
        for (std::size_t k = 0; k < shown; ++k)
          all += (k == 0 ? "" : "\n") + diagnostics[k].to_string();
        if (diagnostics.size() > shown)
          all += "\n... and " + std::to_string(diagnostics.size() - shown) + " more";
        return all;
      }()),
      diagnostics_(std::move(diagnostics)) {}

Scenario load_scenario_text(std::string_view text, std::string_view source_name,
                            const std::vector<std::string>& overrides) {
  return build(text, source_name, overrides);
}

Scenario load_scenario_file(const std::filesystem::path& path,
                            const std::vector<std::string>& overrides) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputFileError& e) {
    throw ScenarioError({{path.string(), 0, 0, "(file)",
                          "cannot read scenario file: " + std::string(e.what()) +
                              " (allowed: a regular TOML file of at most 16 MiB)"}});
  }
  return build(text, path.string(), overrides);
}

Scenario load_default_scenario(const std::vector<std::string>& overrides) {
  return build(embedded_default_scenario(), "<embedded default>", overrides);
}

}  // namespace ecosim
