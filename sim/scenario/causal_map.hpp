// The causal map: from each lever the seeds name, through the state it changes, to the
// indicators regions track, one arrow per channel, each naming the code that carries it and the
// scenario key that sets its strength. `ecosim map` prints it (docs/MODEL.md holds the print,
// figure and table), the key's source and plausible range come from the schema, and a test
// switches every channel off to check that it is alive (tests/scenario/causal_map_test.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace ecosim {

enum class NodeKind { lever, state, indicator };

struct Node {
  std::string_view id;     // for the figure
  std::string_view label;  // an indicator's label is its name in the HDF5 file
  NodeKind kind;
};

enum class ArrowKind {
  live,        // a mechanism with a strength key
  definition,  // holds by how the indicator is defined or money is counted
  missing,     // the seeds describe it; the code lacks it
};

// How a test switches a channel off: the run with `on` (overrides separated by ';', setting
// the scene where the channel matters) against the same run with `off` added. The indicator
// `moves` (of the state the arrow changes) must be higher with the channel on (direction +1)
// or lower (-1), and `downstream`, one of the region's tracked indicators, must differ.
struct Ablation {
  std::string_view on;
  std::string_view off;
  std::string_view moves;
  int direction = 0;
  std::string_view downstream;
};

struct Arrow {
  std::string_view from, to;  // node ids
  std::string_view code;      // the function and file that carry it
  std::string_view key;       // the scenario key setting its strength (empty: none)
  ArrowKind kind;
  std::string_view note;  // what it does; for a missing arrow, what the seeds say
  Ablation ablation;      // for live arrows
};

std::span<const Node> causal_nodes();
std::span<const Arrow> causal_arrows();

// The map as markdown: a mermaid figure and one table row per arrow, with the key's source and
// plausible range taken from the schema.
std::string causal_map_markdown();

}  // namespace ecosim
