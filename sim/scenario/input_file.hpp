// Reading a file a user names (scenario, base, sweep): only a regular file of bounded size, so
// that /dev/zero, a FIFO or a directory is refused with its reason instead of hanging, reading
// without end or passing for an empty file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ecosim {

// Scenario and sweep files are a few kilobytes; anything this large is a mistake.
inline constexpr std::uintmax_t kMaxInputBytes = 16u << 20;

// Why a file could not be read, as a message without the path ("is a directory").
struct InputFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The whole text of a regular file of at most max_bytes; throws InputFileError otherwise.
std::string read_input_file(const std::filesystem::path& path,
                            std::uintmax_t max_bytes = kMaxInputBytes);

}  // namespace ecosim
