#include "scenario/compose.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "scenario/input_file.hpp"
#include "scenario/load.hpp"
#include "scenario/toml_diagnostics.hpp"

namespace ecosim {
namespace {

constexpr int kMaxDepth = 8;

Diagnostic at(const toml::source_region& src, const std::string& file, std::string key,
              std::string message) {
  return {src.path ? *src.path : file, static_cast<int>(src.begin.line),
          static_cast<int>(src.begin.column), std::move(key), std::move(message)};
}

// Moves every key of `top` onto `base` (values keep their source positions for errors);
// standard tables merge, inline tables and other values replace.
void merge_into(toml::table& base, toml::table&& top) {
  for (auto&& [key, node] : top) {
    toml::table* below = base.get_as<toml::table>(key);
    toml::array* below_entries = base.get_as<toml::array>(key);
    // An inline table ({ a = 1, b = 2 }) is a whole value: it replaces, like in TOML itself.
    if (below && node.is_table() && !node.as_table()->is_inline()) {
      merge_into(*below, std::move(*node.as_table()));
    } else if (below_entries && below_entries->is_array_of_tables() && node.is_array_of_tables()) {
      // [[region]] entries merge by position: entry i changes the base's entry i.
      toml::array& entries = *node.as_array();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i < below_entries->size())
          merge_into(*below_entries->get(i)->as_table(), std::move(*entries.get(i)->as_table()));
        else
          below_entries->push_back(std::move(*entries.get(i)->as_table()));
      }
    } else {
      node.visit([&, &name = key](auto&& value) { base.insert_or_assign(name, std::move(value)); });
    }
  }
}

toml::table resolve(toml::table root, const std::string& name, std::vector<std::string>& chain) {
  const toml::node* base_node = root.get("base");
  if (!base_node) return root;
  const auto* base_name = base_node->as_string();
  if (!base_name || base_name->get().empty())
    throw ScenarioError(
        {at(base_node->source(), name, "base", "must be a file name (allowed: a TOML file path)")});
  // A NUL would cut the path handed to the file system ("/etc/passwd\0.toml" reads /etc/passwd).
  if (has_control_character(base_name->get()))
    throw ScenarioError({at(base_node->source(), name, "base",
                            "contains a control character (allowed: a TOML file path, " +
                                std::string(kPrintableText) + ")")});
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(name).parent_path();
  const std::string path = (dir / base_name->get()).lexically_normal().string();
  for (const auto& seen : chain)
    if (seen == path)
      throw ScenarioError(
          {at(base_node->source(), name, "base",
              "'" + path + "' is already in the chain of bases (allowed: no cycles)")});
  if (chain.size() > kMaxDepth)  // the chain holds the scenario itself and its bases
    throw ScenarioError(
        {at(base_node->source(), name, "base", "too deep (allowed: at most 8 bases)")});
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputFileError& e) {
    throw ScenarioError({at(base_node->source(), name, "base",
                            "cannot read '" + path + "': " + e.what() +
                                " (allowed: a regular TOML file of at most 16 MiB)")});
  }
  chain.push_back(path);
  toml::table below = resolve(parse_toml(text, path), path, chain);
  root.erase("base");
  below.erase("base");
  merge_into(below, std::move(root));
  return below;
}

}  // namespace

Composed parse_composed(std::string_view text, const std::string& source_name) {
  toml::table root = parse_toml(text, source_name);
  const bool has_base = root.contains("base");
  std::vector<std::string> chain{std::filesystem::path(source_name).lexically_normal().string()};
  return {resolve(std::move(root), source_name, chain), has_base};
}

}  // namespace ecosim
