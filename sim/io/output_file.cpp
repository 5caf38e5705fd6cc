#include "io/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <string>

namespace ecosim {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void refuse(const fs::path& path, const std::string& reason,
                         const std::string& allowed) {
  throw OutputPathError(path.string() + ": " + reason + " (allowed: " + allowed + ")");
}

// What is at `name` in the folder itself (a link is not followed): nothing (ENOENT), or its
// stat; other failures are refused.
bool stat_at(const OutputFolder& folder, const std::string& name, struct stat& info) {
  if (::fstatat(folder.fd(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) return true;
  if (errno == ENOENT) return false;
  refuse(folder / name, std::strerror(errno), "a path this user can reach");
}

const char* kind_of(const struct stat& info) {
  if (S_ISLNK(info.st_mode)) return "is a symbolic link (ecosim writes no file through a link)";
  if (S_ISDIR(info.st_mode)) return "is a directory";
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return "is a device";
  if (S_ISFIFO(info.st_mode)) return "is a FIFO";
  return "is not a regular file";
}

}  // namespace

OutputFolder::OutputFolder(const fs::path& folder)
    : path_(folder.empty() ? fs::path(".") : folder),
      fd_(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (fd_ < 0)
    refuse(path_, errno == ENOTDIR ? "is not a directory" : std::strerror(errno),
           "a directory this user can write");
}

OutputFolder::~OutputFolder() {
  if (fd_ >= 0) ::close(fd_);
}

int OutputFolder::create_new_file(const std::string& name, bool replace) const {
  struct stat info {};
  if (stat_at(*this, name, info)) {
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode))
      refuse(*this / name, kind_of(info), "a regular file or a new path");
    if (!replace) refuse(*this / name, "exists", "a new path");
    if (::unlinkat(fd_, name.c_str(), 0) != 0 && errno != ENOENT)  // a link itself, not its target
      refuse(*this / name, std::string("cannot remove: ") + std::strerror(errno),
             "a file this user can write");
  }
  const int fd =
      ::openat(fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    refuse(*this / name,
           errno == EEXIST ? "appeared while it was being created" : std::strerror(errno),
           "a new file in a folder this user can write");
  return fd;
}

void OutputFolder::rename(const std::string& from, const std::string& to) const {
  if (::renameat(fd_, from.c_str(), fd_, to.c_str()) != 0)
    throw std::runtime_error((*this / from).string() + ": cannot rename to " +
                             (*this / to).string() + ": " + std::strerror(errno));
}

void OutputFolder::sync() const { ::fsync(fd_); }

int create_new_file(const fs::path& path, bool replace) {
  return OutputFolder(path.parent_path()).create_new_file(path.filename().string(), replace);
}

std::string descriptor_path(int fd, const fs::path& path) {
  static const bool proc = ::access("/proc/self/fd", X_OK) == 0;
  return proc ? "/proc/self/fd/" + std::to_string(fd) : path.string();
}

void replace_file(const fs::path& path, const std::function<void(const fs::path&)>& write) {
  const OutputFolder folder(path.parent_path());
  const std::string partial = path.filename().string() + ".partial";
  const int fd = folder.create_new_file(partial, true);
  try {
    write(descriptor_path(fd, path.string() + ".partial"));  // the file made, whatever its name
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  folder.rename(partial, path.filename().string());
}

PartialFile::PartialFile(fs::path final_path, Mode mode)
    : final_(std::move(final_path)), partial_(final_.string() + ".partial") {
  const std::string allowed = "a file path such as runs/name.h5";
  if (final_.empty()) refuse("''", "empty output path", allowed);
  if (!final_.has_filename()) refuse(final_, "names a directory, not a file", allowed);
  struct stat info {};
  // The parent must be (or become) a writable directory.
  // (A folder reached through a link is fine: runs/ -> /scratch/runs is how clusters work.)
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  if (::stat(parent.c_str(), &info) != 0) {
    std::error_code error;
    fs::create_directories(parent, error);
    if (error) refuse(parent, "cannot create the directory: " + error.message(), allowed);
  } else if (!S_ISDIR(info.st_mode)) {
    refuse(final_, "its parent " + parent.string() + " is not a directory", allowed);
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    refuse(parent, std::string("cannot write there: ") + std::strerror(errno),
           "a directory this user can write");
  folder_ = std::make_unique<OutputFolder>(parent);  // from here on, names relative to it
  const std::string final_name = final_.filename().string();
  const std::string partial_name = partial_.filename().string();
  // Only regular files are written or replaced: --force never turns a device, FIFO or
  // directory into a run file.
  if (stat_at(*folder_, final_name, info)) {
    if (!S_ISREG(info.st_mode)) refuse(final_, kind_of(info), "a regular file or a new path");
    if (mode == Mode::create)
      refuse(final_, "output exists", "a new path, or --force to overwrite");
    if (mode == Mode::resume)
      refuse(final_, "the run already finished", "the path of an unfinished run");
  }
  const bool partial_exists = stat_at(*folder_, partial_name, info);
  if (partial_exists && !S_ISREG(info.st_mode))
    refuse(partial_, kind_of(info), "a regular file or a new path");
  if (mode == Mode::resume && !partial_exists)
    refuse(partial_, "no unfinished run here", "the path of a run started with --checkpoint-every");

  // O_NOFOLLOW: a link planted at FILE.partial between the check and here is refused too.
  fd_ = ::openat(folder_->fd(), partial_name.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
                 0644);
  if (fd_ < 0)
    refuse(partial_,
           errno == ELOOP ? "is a symbolic link (ecosim writes no file through a link)"
                          : std::strerror(errno),
           "a file this user can write");
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  if (::fcntl(fd_, F_OFD_SETLK, &lock) != 0) {
    const int error = errno;
    ::close(fd_), fd_ = -1;
    if (error == EACCES || error == EAGAIN)
      refuse(partial_, "another process is writing this run file", "one writer per output path");
    refuse(partial_, std::string("cannot lock: ") + std::strerror(error), allowed);
  }
  // Rows of a run that was killed: kept unless the user says to discard them.
  if (partial_exists && mode == Mode::create && ::fstat(fd_, &info) == 0 && info.st_size > 0) {
    ::close(fd_), fd_ = -1;
    refuse(partial_, "left by a run that did not finish; its rows are kept",
           "--force to discard it, or ecosim resume " + final_.string() +
               " when it was started with --checkpoint-every");
  }
}

PartialFile::~PartialFile() {
  if (fd_ >= 0) ::close(fd_);
}

void PartialFile::truncated() {
  // Another open file description: the lock is held by fd_'s, which stays open.
  const int fd = ::open(held_path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
}

void PartialFile::commit() {
  folder_->rename(partial_.filename().string(), final_.filename().string());
  if (fd_ >= 0) ::close(fd_), fd_ = -1;
}

}  // namespace ecosim
