// Writes the parameter reference from the schema, so docs/MODEL.md can never drift from it.
#include <functional>
#include <sstream>

#include "scenario/format.hpp"
#include "scenario/load.hpp"
#include "scenario/schema.hpp"

namespace ecosim {
namespace {

using schema::Limits;

class TableWriter {
 public:
  explicit TableWriter(std::ostringstream& out, std::string prefix = "")
      : out_(out), prefix_(std::move(prefix)) {}

  template <class T>
  void num(std::string_view key, const T& field, Limits limits, std::string_view unit,
           std::string_view doc) {
    row(key, std::is_integral_v<T> ? "integer" : "number",
        format_number(static_cast<double>(field)),
        format_number(limits.min) + " .. " + format_number(limits.max), unit, doc);
  }
  void flag(std::string_view key, bool field, std::string_view doc) {
    row(key, "boolean", field ? "true" : "false", "true, false", "", doc);
  }
  void text(std::string_view key, const std::string& field, std::string_view doc) {
    row(key, "string", field.empty() ? "region<N>" : field, "non-empty", "", doc);
  }
  void rung(std::string_view key, Rung field, std::string_view doc) {
    row(key, "string", std::string(kRungNames[static_cast<std::size_t>(field)]),
        "conversation, shared_view, cooperation, joint_action", "", doc);
  }
  void ladder(std::string_view key, const std::array<double, 3>& field, std::string_view doc) {
    row(key, "array",
        "[" + format_number(field[0]) + ", " + format_number(field[1]) + ", " +
            format_number(field[2]) + "]",
        "3 increasing in 0 .. 1", "trust", doc);
  }
  template <class E, std::size_t N>
  void named(std::string_view key, const EnumArray<E, N, double>& field,
             const std::array<std::string_view, N>& names, Limits limits, std::string_view unit,
             std::string_view doc) {
    std::string value = "{ ";
    for (std::size_t i = 0; i < N; ++i)
      value += std::string(i ? ", " : "") + std::string(names[i]) + " = " +
               format_number(field.values[i]);
    row(key, "table", value + " }",
        "each " + format_number(limits.min) + " .. " + format_number(limits.max), unit, doc);
  }
  void sectors(std::string_view key, const SectorArray& field, Limits limits, std::string_view unit,
               std::string_view doc, bool) {
    named(key, field, kSectorNames, limits, unit, doc);
  }
  void themes(std::string_view key, const ThemeArray& field, Limits limits, std::string_view unit,
              std::string_view doc, bool) {
    named(key, field, kThemeNames, limits, unit, doc);
  }
  void table(std::string_view key, std::string_view,
             const std::function<void(TableWriter&)>& body) {
    TableWriter inner(out_, path(key));
    body(inner);
  }
  void regions(std::string_view key, IdVector<RegionId, RegionParams>&, std::string_view,
               const std::function<void(TableWriter&, RegionParams&)>& body) {
    TableWriter inner(out_, path(key) + "[]");
    RegionParams defaults;
    body(inner, defaults);
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  void row(std::string_view key, std::string_view type, const std::string& value,
           const std::string& allowed, std::string_view unit, std::string_view doc) {
    out_ << "| `" << path(key) << "` | " << type << " | " << value << " | " << allowed << " | "
         << unit << " | " << doc << " |\n";
  }

  std::ostringstream& out_;
  std::string prefix_;
};

}  // namespace

std::string parameter_table_markdown() {
  std::ostringstream out;
  out << "| key | type | default | allowed | unit | meaning |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  Scenario defaults;
  TableWriter writer(out);
  schema::describe(writer, defaults);
  return out.str();
}

}  // namespace ecosim
