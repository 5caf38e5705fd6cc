// Walks the schema into KeyInfo rows, so docs/MODEL.md and `ecosim params` can never drift from
// what the reader validates.
#include "scenario/catalogue.hpp"

#include <functional>
#include <sstream>

#include "scenario/format.hpp"

namespace ecosim {
namespace {

using schema::Limits;
using schema::Source;

class CatalogueWriter {
 public:
  explicit CatalogueWriter(std::vector<KeyInfo>& out, std::string prefix = "")
      : out_(out), prefix_(std::move(prefix)) {}

  template <class T>
  void num(std::string_view key, const T& field, Limits limits, std::string_view unit,
           std::string_view doc, const Source& source) {
    KeyInfo& k =
        add(key, std::is_integral_v<T> ? "integer" : "number",
            format_number(static_cast<double>(field)),
            format_number(limits.min) + " .. " + format_number(limits.max), unit, doc, source);
    k.min = limits.min, k.max = limits.max, k.default_value = static_cast<double>(field);
  }
  void flag(std::string_view key, bool field, std::string_view doc, const Source& source) {
    add(key, "boolean", field ? "true" : "false", "true, false", "", doc, source);
  }
  void text(std::string_view key, const std::string& field, std::string_view doc) {
    add(key, "string", field.empty() ? "region<N>" : field, "non-empty", "", doc,
        schema::technical());
  }
  void rung(std::string_view key, Rung field, std::string_view doc, const Source& source) {
    add(key, "rung", std::string(name_of(field)),
        "conversation, shared_view, cooperation, joint_action", "", doc, source);
  }
  void ladder(std::string_view key, const std::array<double, 3>& field, std::string_view doc,
              const Source& source) {
    add(key, "array",
        "[" + format_number(field[0]) + ", " + format_number(field[1]) + ", " +
            format_number(field[2]) + "]",
        "3 increasing in 0 .. 1", "trust", doc, source);
  }
  template <class E, std::size_t N>
  void named(std::string_view key, const EnumArray<E, N, double>& field,
             const std::array<std::string_view, N>& names, Limits limits, std::string_view unit,
             std::string_view doc, bool, const Source& source) {
    std::string value = "{ ";
    for (std::size_t i = 0; i < N; ++i)
      value += std::string(i ? ", " : "") + std::string(names[i]) + " = " +
               format_number(field.values[i]);
    const std::string allowed =
        "each " + format_number(limits.min) + " .. " + format_number(limits.max);
    add(key, "table", value + " }", allowed, unit, doc, source);
    const std::string table = path(key);
    for (std::size_t i = 0; i < N; ++i) {
      KeyInfo entry{table + "." + std::string(names[i]),
                    "number",
                    format_number(field.values[i]),
                    allowed,
                    std::string(unit),
                    std::string(doc),
                    source};
      entry.min = limits.min, entry.max = limits.max, entry.default_value = field.values[i];
      entry.table_entry = true;
      out_.push_back(std::move(entry));
    }
  }
  void table(std::string_view key, std::string_view,
             const std::function<void(CatalogueWriter&)>& body) {
    CatalogueWriter inner(out_, path(key));
    body(inner);
  }
  void regions(std::string_view key, IdVector<RegionId, RegionParams>&, std::string_view,
               const std::function<void(CatalogueWriter&, RegionParams&)>& body) {
    CatalogueWriter inner(out_, path(key) + "[]");
    RegionParams defaults;
    body(inner, defaults);
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  KeyInfo& add(std::string_view key, std::string type, std::string value, std::string allowed,
               std::string_view unit, std::string_view doc, const Source& source) {
    return out_.emplace_back(KeyInfo{path(key), std::move(type), std::move(value),
                                     std::move(allowed), std::string(unit), std::string(doc),
                                     source});
  }

  std::vector<KeyInfo>& out_;
  std::string prefix_;
};

std::string source_text(const Source& s) {
  switch (s.kind) {
    case Source::Kind::cited:
      return std::string(s.citation);
    case Source::Kind::assumed:
      return s.citation.empty() ? "assumed" : "assumed: " + std::string(s.citation);
    case Source::Kind::technical:
      break;
  }
  return "technical";
}

}  // namespace

std::string plausible_text(const Source& s) {
  if (!s.has_range()) return "";
  const std::string x = s.relative ? "x" : "";
  return x + format_number(s.low) + " .. " + x + format_number(s.high);
}

std::vector<KeyInfo> key_catalogue() {
  std::vector<KeyInfo> keys;
  Scenario defaults;
  CatalogueWriter writer(keys);
  schema::describe(writer, defaults);
  return keys;
}

std::string parameter_table_markdown() {
  std::ostringstream out;
  out << "| key | type | default | allowed | unit | meaning | source | plausible |\n";
  out << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const KeyInfo& k : key_catalogue()) {
    if (k.table_entry) continue;
    out << "| `" << k.path << "` | " << k.type << " | " << k.default_text << " | " << k.allowed_text
        << " | " << k.unit << " | " << k.meaning << " | " << source_text(k.source) << " | "
        << plausible_text(k.source) << " |\n";
  }
  return out.str();
}

}  // namespace ecosim
