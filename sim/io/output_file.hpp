// The run file being written, FILE.partial, held exclusively from before the run starts until
// it is renamed to FILE: a bad output path is found before any work, a second writer aiming
// at the same file is refused instead of truncating the first's rows, and a .partial left by a
// killed run is kept unless the user discards it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/printable.hpp"

namespace ecosim {

// A problem with the output path that the user can fix: exit code 2 at the command line.
struct OutputPathError : std::runtime_error {
  explicit OutputPathError(std::string_view message) : std::runtime_error(printable(message)) {}
};

// A folder held by a handle: its files are looked at, created and renamed relative to that
// handle (fstatat, openat, renameat), so neither a file nor the folder can be swapped for a link
// between a check and a write. The folder itself may be reached through a link when it is
// opened (runs/ -> /scratch/runs is how clusters work).
class OutputFolder {
 public:
  // Opens `folder` ("" is the working directory); OutputPathError when it is not one.
  explicit OutputFolder(const std::filesystem::path& folder);
  ~OutputFolder();
  OutputFolder(OutputFolder&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
    other.fd_ = -1;
  }
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Creates `name` as a new regular file for writing and returns its descriptor: never through
  // a symbolic link (O_NOFOLLOW: a link planted there, dangling or not, is refused, not
  // followed out of the folder), and never a file another holds open (O_EXCL, after removing
  // an old regular file or link of that name when `replace`). OutputPathError with the reason.
  int create_new_file(const std::string& name, bool replace) const;
  // Replaces `to` by `from` in one step (a link at `to` is replaced, never followed).
  void rename(const std::string& from, const std::string& to) const;
  // Makes the folder's entries (a rename) survive a crash of the machine.
  void sync() const;
  int fd() const { return fd_; }
  // `name` in the folder, for messages.
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// create_new_file of `path`'s file name in its folder.
int create_new_file(const std::filesystem::path& path, bool replace);

// A name for the open file `fd` that stays its name whatever happens to its path
// (/proc/self/fd/N): what libraries that open by name (HDF5, std::ofstream) are given, so they
// write the very file ecosim created. `path` where /proc is not mounted.
std::string descriptor_path(int fd, const std::filesystem::path& path);

// Writes `path` whole or not at all: `write` is given a new regular file beside it (made by
// create_new_file, so a link planted at its name is removed, not written through), which is then
// renamed over `path` (a link at `path` is replaced, never its target). Readers never see half a
// file, and a failed write leaves the old one.
void replace_file(const std::filesystem::path& path,
                  const std::function<void(const std::filesystem::path&)>& write);

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
      : final_(std::move(other.final_)),
        partial_(std::move(other.partial_)),
        folder_(std::move(other.folder_)),
        fd_(other.fd_) {
    other.fd_ = -1;
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const std::filesystem::path& final_path() const { return final_; }
  const std::filesystem::path& partial_path() const { return partial_; }
  // The name HDF5 opens: the held FILE.partial itself, even if its path was swapped since.
  std::string held_path() const { return descriptor_path(fd_, partial_); }
  // Call once the writer has created (truncated) the held file. ext4 writes back a file that
  // was truncated to zero at its next close (auto_da_alloc, its guard for programs that replace
  // a file by truncating it), so the run's last close waited for the whole file to reach the
  // disk (40 ms of a 10^5-firm run); the next close is this one's, while the file is empty.
  void truncated();
  // Renames FILE.partial to FILE and lets go of it.
  void commit();

 private:
  std::filesystem::path final_, partial_;
  std::unique_ptr<OutputFolder> folder_;  // made once the path is checked
  int fd_ = -1;
};

}  // namespace ecosim
