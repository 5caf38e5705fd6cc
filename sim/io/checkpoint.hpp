// Checkpoints: the whole state of a run (world, trust network, projects, the indicators' memory
// of the last year) and where its run file stood, in FILE.checkpoint beside the run file, so
// that `ecosim resume FILE` continues a killed run to the same results bit for bit. Random
// numbers need no saving: every draw is keyed by (seed, agent, step, stream).
//
// Written to FILE.checkpoint.tmp, synced and renamed over the last one: a kill at any moment
// leaves the previous checkpoint whole. The file ends with an FNV-1a digest of what precedes it,
// and names the ecosim version that wrote it; a truncated, corrupt or foreign file is refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "run/simulation.hpp"

namespace ecosim {

struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a checkpoint says beside the state.
struct CheckpointInfo {
  std::string version;              // of the ecosim that wrote it
  std::string run_id;               // the run's identity (Recorder::run_id, the run file's run_id)
  std::string scenario_text;        // the scenario as stored in the run file (overrides applied)
  std::string scenario_source;      // its file name
  int checkpoint_every = 0;         // steps between checkpoints, to go on with
  std::vector<std::uint64_t> rows;  // of every dataset of the run file (Recorder::rows())
};

std::filesystem::path checkpoint_path(const std::filesystem::path& run_file);
// Removes FILE.checkpoint and a temporary one a kill left (the run finished or was discarded).
void remove_checkpoint(const std::filesystem::path& run_file);

// The state of `sim` after its steps_done() steps, and `info`, as bytes and back.
std::string checkpoint_bytes(const Simulation& sim, const CheckpointInfo& info);
// Throws CheckpointError when the bytes are not a whole checkpoint of this version.
CheckpointInfo read_checkpoint_info(std::string_view bytes);
Simulation restore_simulation(std::string_view bytes, Scenario scenario);

// Writes the checkpoint atomically (temporary file, fsync, rename, fsync of the folder).
// `half_written` runs when the state is written and the digest not (tests kill the process
// there, as a kill -9 at the worst moment would).
void save_checkpoint(const std::filesystem::path& path, const Simulation& sim,
                     const CheckpointInfo& info, const std::function<void()>& half_written = {});
// The bytes of a checkpoint file; CheckpointError (without the path) when missing or unreadable.
std::string load_checkpoint(const std::filesystem::path& path);

}  // namespace ecosim
