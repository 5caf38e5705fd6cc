// The run file being written, FILE.partial, held exclusively from before the run starts until
// it is renamed to FILE: a bad output path is found before any work, a second writer aiming
// at the same file is refused instead of truncating the first's rows, and a .partial left by a
// killed run is kept unless the user discards it.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "engine/printable.hpp"

namespace ecosim {

// A problem with the output path that the user can fix: exit code 2 at the command line.
struct OutputPathError : std::runtime_error {
  explicit OutputPathError(std::string_view message) : std::runtime_error(printable(message)) {}
};

// Creates `path` as a new regular file for writing and returns its descriptor: never through
// a symbolic link (O_NOFOLLOW: a link planted there, dangling or not, is refused, not followed
// out of the output folder), and never a file another holds open (O_EXCL, after removing an
// old regular file or link of that name when `replace`). OutputPathError with the reason.
int create_new_file(const std::filesystem::path& path, bool replace);

class PartialFile {
 public:
  enum class Mode {
    create,     // a new run: FILE must not exist, nor FILE.partial (unless overwrite)
    overwrite,  // --force: an existing regular FILE or FILE.partial is discarded
    resume,     // FILE.partial must exist and is kept
  };
  // Checks the path and takes FILE.partial (an open file description lock, so that another
  // process, including another ecosim, cannot take it); throws OutputPathError with the reason.
  PartialFile(std::filesystem::path final_path, Mode mode);
  ~PartialFile();
  PartialFile(PartialFile&& other) noexcept
      : final_(std::move(other.final_)), partial_(std::move(other.partial_)), fd_(other.fd_) {
    other.fd_ = -1;
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const std::filesystem::path& final_path() const { return final_; }
  const std::filesystem::path& partial_path() const { return partial_; }
  // Renames FILE.partial to FILE and lets go of it.
  void commit();

 private:
  std::filesystem::path final_, partial_;
  int fd_ = -1;
};

}  // namespace ecosim
