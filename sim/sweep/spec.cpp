#include "sweep/spec.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "scenario/catalogue.hpp"
#include "scenario/format.hpp"
#include "scenario/input_file.hpp"
#include "scenario/load.hpp"
#include "scenario/toml_diagnostics.hpp"

namespace ecosim {
namespace {

const std::map<std::string, SweepDesign> kDesigns = {
    {"grid", SweepDesign::grid},     {"list", SweepDesign::list},
    {"random", SweepDesign::random}, {"lhs", SweepDesign::lhs},
    {"morris", SweepDesign::morris}, {"saltelli", SweepDesign::saltelli}};

// The catalogue's name of an override key: region.0.x and region[0].x are region[].x.
std::string catalogue_path(std::string key) {
  std::replace(key.begin(), key.end(), '[', '.');
  key.erase(std::remove(key.begin(), key.end(), ']'), key.end());
  std::string out, part;
  std::stringstream ss(key);
  while (std::getline(ss, part, '.')) {
    const bool index = !part.empty() && std::all_of(part.begin(), part.end(), ::isdigit);
    if (index) {
      out += "[]";
    } else {
      out += (out.empty() ? "" : ".") + part;
    }
  }
  return out;
}

const std::map<std::string, KeyInfo>& catalogue() {
  static const std::map<std::string, KeyInfo> keys = [] {
    std::map<std::string, KeyInfo> out;
    for (KeyInfo& k : key_catalogue()) out[k.path] = std::move(k);
    return out;
  }();
  return keys;
}

class SpecReader {
 public:
  SpecReader(const std::filesystem::path& path, std::string text)
      : file_(path.string()), sweep_at_{file_, 1, 1} {
    spec_.file = path;
    spec_.text = std::move(text);
  }

  SweepSpec read() {
    const toml::table root = parse_toml(spec_.text, file_);
    only(root, {"sweep", "parameter", "slurm"}, "");
    if (const toml::node* n = root.get("slurm")) {
      if (const toml::table* slurm = n->as_table())
        read_slurm(*slurm);
      else
        error(at(*n), "slurm", "must be a table (allowed: a [slurm] table)");
    }
    const toml::table* sweep = root["sweep"].as_table();
    if (!sweep) {
      error({file_, 1, 1}, "sweep", "missing table [sweep] (allowed: a [sweep] table)");
    } else {
      sweep_at_ = at(*sweep);
      read_sweep(*sweep);
    }
    if (const toml::node* n = root.get("parameter")) {
      const toml::array* list = n->as_array();
      if (!list || !list->is_array_of_tables()) {
        error(at(*n), "parameter", "must be [[parameter]] tables (allowed: [[parameter]])");
      } else {
        for (const toml::node& entry : *list) read_parameter(*entry.as_table());
        declared_ = list->size();
      }
    }
    if (declared_ == 0)
      error({file_, 1, 1}, "parameter", "no [[parameter]] to sweep (allowed: one or more)");
    check_design();
    if (!diagnostics_.empty()) throw ScenarioError(std::move(diagnostics_));
    return std::move(spec_);
  }

 private:
  Location at(const toml::node& n) const { return location_of(n.source(), file_); }
  void error(const Location& where, std::string key, std::string message) {
    diagnostics_.push_back(
        {where.file, where.line, where.column, std::move(key), std::move(message)});
  }

  void only(const toml::table& table, const std::set<std::string>& allowed,
            const std::string& prefix) {
    for (auto&& [k, node] : table) {
      const std::string name(k.str());
      if (allowed.count(name)) continue;
      error(location_of(k.source(), file_), prefix + name,
            "unknown key" + did_you_mean(name, allowed) + " (allowed: " + join(allowed) + ")");
    }
  }

  std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::int64_t low,
                                      std::int64_t high, const std::string& path) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    // Only an integer node: toml++ would convert a float beyond int64 with undefined behaviour.
    const auto value = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;
    const std::string allowed = "integer " + std::to_string(low) + ".." + std::to_string(high);
    if (!n->is_integer() || !value) {
      error(
          at(*n), path,
          "must be an integer, got " + std::string(type_name(*n)) + " (allowed: " + allowed + ")");
      return std::nullopt;
    }
    if (*value < low || *value > high) {
      error(at(*n), path,
            "out of range: " + std::to_string(*value) + " (allowed: " + allowed + ")");
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string> string(const toml::table& t, std::string_view key,
                                    const std::string& path) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    const auto* s = n->as_string();
    if (s && !s->get().empty() && !has_control_character(s->get())) return s->get();
    error(at(*n), path,
          s && !s->get().empty()
              ? "contains a control character (allowed: " + std::string(kPrintableText) + ")"
              : "must be a non-empty string, got " + std::string(type_name(*n)));
    return std::nullopt;
  }

  // [slurm]: account and partition names, more #SBATCH options, and shell lines to run first.
  void read_slurm(const toml::table& t) {
    only(t, {"account", "partition", "sbatch", "preamble"}, "slurm.");
    const auto name = [&](const char* key, std::string& into) {
      if (auto text = string(t, key, std::string("slurm.") + key)) {
        if (text->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                    "_.-") != std::string::npos)
          error(at(*t.get(key)), std::string("slurm.") + key,
                "'" + *text + "' is not a Slurm name (allowed: letters, digits, _ . -)");
        else
          into = *text;
      }
    };
    name("account", spec_.slurm.account);
    name("partition", spec_.slurm.partition);
    const auto lines = [&](const char* key, std::vector<std::string>& into, bool options) {
      const toml::node* n = t.get(key);
      if (!n) return;
      const toml::array* list = n->as_array();
      const std::string path = std::string("slurm.") + key;
      const std::string allowed =
          options ? "an array of \"--option[=value]\" strings" : "an array of shell lines";
      if (!list) {
        error(at(*n), path, "must be an array (allowed: " + allowed + ")");
        return;
      }
      for (const toml::node& item : *list) {
        const auto text = item.value<std::string>();
        if (!item.is_string() || !text || text->empty() || has_control_character(*text) ||
            (options && !text->starts_with("--"))) {
          error(at(item), path,
                "'" + (text ? *text : std::string(type_name(item))) +
                    "' is not accepted (allowed: " + allowed + ", one line each)");
          continue;
        }
        into.push_back(*text);
      }
    };
    lines("sbatch", spec_.slurm.sbatch, true);
    lines("preamble", spec_.slurm.preamble, false);
  }

  void read_sweep(const toml::table& t) {
    only(t,
         {"scenario", "output", "design", "replicates", "seed", "common_random_numbers", "samples",
          "trajectories", "levels", "set"},
         "sweep.");
    const std::filesystem::path dir = spec_.file.parent_path();
    if (auto scenario = string(t, "scenario", "sweep.scenario")) {
      const std::filesystem::path path = std::filesystem::absolute(dir / *scenario);
      std::error_code why;  // a name too long for the system, say: not an exception
      if (!std::filesystem::is_regular_file(path, why))
        error(at(*t.get("scenario")), "sweep.scenario",
              "no scenario file " + path.string() + (why ? " (" + why.message() + ")" : "") +
                  " (allowed: a path relative to the sweep file, or leave it out for the "
                  "embedded default)");
      spec_.scenario = path.lexically_normal().string();
    }
    spec_.output = std::filesystem::path("sweeps") / spec_.file.stem();
    if (auto output = string(t, "output", "sweep.output")) spec_.output = *output;
    if (auto design = string(t, "design", "sweep.design")) {
      const auto it = kDesigns.find(*design);
      if (it == kDesigns.end()) {
        std::set<std::string> names;
        for (const auto& [name, _] : kDesigns) names.insert(name);
        error(at(*t.get("design")), "sweep.design",
              "unknown design '" + *design + "'" + did_you_mean(*design, names) +
                  " (allowed: " + join(names) + ")");
      } else {
        spec_.design = it->second;
      }
    }
    spec_.replicates =
        static_cast<int>(integer(t, "replicates", 1, 100000, "sweep.replicates").value_or(1));
    spec_.seed = integer(t, "seed", 0, std::int64_t{1} << 53, "sweep.seed").value_or(1);
    if (const toml::node* n = t.get("common_random_numbers")) {
      if (auto b = n->value<bool>(); n->is_boolean() && b) {
        spec_.common_random_numbers = *b;
      } else {
        error(at(*n), "sweep.common_random_numbers",
              "must be a boolean, got " + std::string(type_name(*n)) + " (allowed: true, false)");
      }
    }
    spec_.samples =
        static_cast<int>(integer(t, "samples", 1, 10000000, "sweep.samples").value_or(0));
    spec_.trajectories =
        static_cast<int>(integer(t, "trajectories", 1, 100000, "sweep.trajectories").value_or(0));
    spec_.levels = static_cast<int>(integer(t, "levels", 2, 1000, "sweep.levels").value_or(0));
    if (const toml::node* n = t.get("set")) {
      const toml::table* set = n->as_table();
      if (!set) {
        error(at(*n), "sweep.set", "must be a table of \"key.path\" = value (allowed: a table)");
      } else {
        for (auto&& [k, value] : *set) {
          std::ostringstream text;
          value.visit([&](const auto& v) { text << v; });
          spec_.fixed.push_back(std::string(k.str()) + "=" + text.str());
          const Location where = location_of(k.source(), file_);
          spec_.fixed_at.emplace_back(where.line, where.column);
        }
      }
    }
  }

  // A value of a `values` array, as --set takes it.
  std::optional<SweepValue> value_of(const toml::node& n, const std::string& path) {
    // Each by its own type: value<int64_t>() of a float beyond int64 is undefined behaviour.
    if (const auto* i = n.as_integer()) return SweepValue::of(double(i->get()));
    if (const auto* f = n.as_floating_point(); f && std::isfinite(f->get()))
      return SweepValue::of(f->get());
    if (auto b = n.value<bool>(); n.is_boolean() && b)
      return SweepValue{SweepValue::Kind::boolean, 0, *b, {}};
    if (auto s = n.value<std::string>(); n.is_string() && s && !has_control_character(*s))
      return SweepValue{SweepValue::Kind::text, 0, false, *s};
    error(at(n), path,
          "values must be finite numbers, booleans or strings of printable text, got " +
              std::string(type_name(n)));
    return std::nullopt;
  }

  void read_parameter(const toml::table& t) {
    const std::string index = "parameter[" + std::to_string(spec_.parameters.size()) + "]";
    only(t, {"key", "values", "lower", "upper", "scale", "levels"}, index + ".");
    SweepParameter p;
    const Location where = at(t);
    p.line = where.line, p.column = where.column;
    const auto key = string(t, "key", index + ".key");
    if (!key) {
      if (!t.get("key"))
        error(where, index + ".key", "missing (allowed: a scenario key, as --set)");
      return;
    }
    p.key = *key;
    const auto info = catalogue().find(catalogue_path(p.key));
    if (info == catalogue().end() || info->second.type == "table" || info->second.type == "array") {
      std::set<std::string> names;
      for (const auto& [name, k] : catalogue())
        if (k.type != "table" && k.type != "array") names.insert(name);
      error(at(*t.get("key")), index + ".key",
            "unknown scenario key '" + p.key + "'" + did_you_mean(catalogue_path(p.key), names) +
                " (allowed: a key of `ecosim params`, as --set addresses it)");
      return;
    }
    const KeyInfo& k = info->second;
    p.integer = k.type == "integer";
    const bool numeric = k.type == "integer" || k.type == "number";
    if (const toml::node* n = t.get("values")) {
      const toml::array* list = n->as_array();
      if (!list || list->empty()) {
        error(at(*n), index + ".values", "must be a non-empty array (allowed: [v1, v2, ...])");
      } else {
        for (const toml::node& v : *list)
          if (auto value = value_of(v, index + ".values")) p.values.push_back(*value);
      }
    }
    const toml::node* lower = t.get("lower");
    const toml::node* upper = t.get("upper");
    auto number = [&](const toml::node* n, std::string_view name) -> std::optional<double> {
      if (!n) return std::nullopt;
      if (auto x = n->value<double>();
          (n->is_integer() || n->is_floating_point()) && x && std::isfinite(*x))
        return *x;
      error(at(*n), index + "." + std::string(name),
            "must be a number, got " + std::string(type_name(*n)));
      return std::nullopt;
    };
    const auto lo = number(lower, "lower"), hi = number(upper, "upper");
    if ((lower != nullptr) != (upper != nullptr))
      error(at(lower ? *lower : *upper), index + (lower ? ".upper" : ".lower"),
            "missing: a range needs both lower and upper");
    if (lo && hi) {
      p.lower = *lo, p.upper = *hi, p.range_source = "given";
    } else if (!lower && !upper && k.source.has_range()) {
      const double scale = k.source.relative ? k.default_value : 1.0;
      p.lower = std::max(k.min, k.source.low * scale);
      p.upper = std::min(k.max, k.source.high * scale);
      p.range_source = "plausible range of `ecosim params`";
    }
    if (const auto scale = string(t, "scale", index + ".scale")) {
      if (*scale == "log") {
        p.log = true;
      } else if (*scale != "linear") {
        error(at(*t.get("scale")), index + ".scale",
              "unknown scale '" + *scale + "' (allowed: linear, log)");
      }
    }
    p.levels = static_cast<int>(integer(t, "levels", 2, 1000, index + ".levels").value_or(0));
    const bool ranged = !p.range_source.empty();
    if (ranged && !numeric)
      error(where, index + ".key",
            p.key + " is a " + k.type + ": give it values = [...] (allowed: ranges of numbers)");
    if (ranged && numeric && !(p.lower < p.upper))
      error(lower ? at(*lower) : where, index + ".lower",
            "lower " + format_number(p.lower) + " must be below upper " + format_number(p.upper) +
                " (allowed: lower < upper)");
    if (ranged && numeric && (p.lower < k.min || p.upper > k.max))
      error(lower ? at(*lower) : where, index + ".lower",
            "range " + format_number(p.lower) + ".." + format_number(p.upper) + " leaves " + p.key +
                "'s allowed range (allowed: " + k.allowed_text + ")");
    if (p.log && ranged && p.lower <= 0)
      error(lower ? at(*lower) : where, index + ".scale",
            "a log scale needs lower > 0 (allowed: linear, or a positive range)");
    if (p.values.empty() && !numeric && !t.get("values"))
      error(where, index + ".key",
            p.key + " is a " + k.type + ": give it values = [...] (allowed: values)");
    else if (p.values.empty() && !ranged && !t.get("values"))
      error(where, index + ".key",
            p.key +
                " has no plausible range in the schema: give values = [...] or lower and "
                "upper (allowed: values, or lower and upper)");
    parameter_lines_.push_back(where);
    spec_.parameters.push_back(std::move(p));
  }

  void check_design() {
    const SweepDesign d = spec_.design;
    const std::string design(name_of(d));
    auto need = [&](int value, const char* key) {
      if (value <= 0)
        error(sweep_at_, std::string("sweep.") + key,
              "design " + design + " needs sweep." + key + " (allowed: a positive integer)");
    };
    if (d == SweepDesign::random || d == SweepDesign::lhs || d == SweepDesign::saltelli)
      need(spec_.samples, "samples");
    if (d == SweepDesign::morris) need(spec_.trajectories, "trajectories");
    if (d == SweepDesign::morris && spec_.levels == 0) spec_.levels = 4;
    if (d == SweepDesign::grid && spec_.levels == 0) spec_.levels = 3;
    std::size_t listed = 0;
    for (std::size_t i = 0; i < spec_.parameters.size(); ++i) {
      const SweepParameter& p = spec_.parameters[i];
      const Location& where = parameter_lines_[i];
      const std::string path = "parameter[" + std::to_string(i) + "]";
      const bool sampled = d != SweepDesign::grid && d != SweepDesign::list;
      if (sampled && !p.values.empty())
        error(where, path + ".values",
              "design " + design +
                  " samples ranges, not values (allowed: lower and upper, or "
                  "the key's plausible range)");
      if (d == SweepDesign::list) {
        if (p.values.empty())
          error(where, path + ".values", "design list needs values = [...] for every parameter");
        else if (listed == 0)
          listed = p.values.size();
        else if (p.values.size() != listed)
          error(where, path + ".values",
                "has " + std::to_string(p.values.size()) + " values, the first parameter " +
                    std::to_string(listed) + " (allowed: the same number for every parameter)");
      }
    }
  }

  std::string file_;
  SweepSpec spec_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Location> parameter_lines_;
  Location sweep_at_;
  std::size_t declared_ = 0;
};

std::string shortest(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string_view name_of(SweepDesign design) {
  for (const auto& [name, d] : kDesigns)
    if (d == design) return name;
  return "grid";
}

std::string SweepValue::override_text(bool integer) const {
  switch (kind) {
    case Kind::boolean:
      return flag ? "true" : "false";
    case Kind::text: {
      std::ostringstream quoted;
      quoted << toml::value<std::string>(text);
      return quoted.str();
    }
    case Kind::number:
      break;
  }
  if (integer) return std::to_string(std::llround(number));
  const std::string s = shortest(number);
  // TOML reads 1e-05 as a float and 3 as an integer: a number key takes both.
  return s;
}

std::string SweepValue::column_text(bool integer) const {
  switch (kind) {
    case Kind::boolean:
      return flag ? "1" : "0";
    case Kind::text:
      return text;
    case Kind::number:
      break;
  }
  return integer ? std::to_string(std::llround(number)) : shortest(number);
}

SweepSpec load_sweep_text(std::string_view text, const std::filesystem::path& path) {
  return SpecReader(path, std::string(text)).read();
}

SweepSpec load_sweep_file(const std::filesystem::path& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputFileError& e) {
    throw ScenarioError({{path.string(), 0, 0, "(file)",
                          "cannot read sweep file: " + std::string(e.what()) +
                              " (allowed: a regular TOML file of at most 16 MiB)"}});
  }
  return load_sweep_text(text, path);
}

}  // namespace ecosim
