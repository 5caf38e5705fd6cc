#include "io/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace ecosim {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void refuse(const fs::path& path, const std::string& reason,
                         const std::string& allowed) {
  throw OutputPathError(path.string() + ": " + reason + " (allowed: " + allowed + ")");
}

// What is at `path` itself (a link is not followed): nothing (ENOENT), or its lstat; other
// failures are refused.
bool stat_of(const fs::path& path, struct stat& info) {
  if (::lstat(path.c_str(), &info) == 0) return true;
  if (errno == ENOENT) return false;
  refuse(path, std::strerror(errno), "a path this user can reach");
}

const char* kind_of(const struct stat& info) {
  if (S_ISLNK(info.st_mode)) return "is a symbolic link (ecosim writes no file through a link)";
  if (S_ISDIR(info.st_mode)) return "is a directory";
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return "is a device";
  if (S_ISFIFO(info.st_mode)) return "is a FIFO";
  return "is not a regular file";
}

}  // namespace

int create_new_file(const fs::path& path, bool replace) {
  struct stat info {};
  if (stat_of(path, info)) {
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode))
      refuse(path, kind_of(info), "a regular file or a new path");
    if (!replace) refuse(path, "exists", "a new path");
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)  // a link itself, never its target
      refuse(path, std::string("cannot remove: ") + std::strerror(errno),
             "a file this user can write");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    refuse(path, errno == EEXIST ? "appeared while it was being created" : std::strerror(errno),
           "a new file in a folder this user can write");
  return fd;
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
  // Only regular files are written or replaced: --force never turns a device, FIFO or
  // directory into a run file.
  if (stat_of(final_, info)) {
    if (!S_ISREG(info.st_mode)) refuse(final_, kind_of(info), "a regular file or a new path");
    if (mode == Mode::create)
      refuse(final_, "output exists", "a new path, or --force to overwrite");
    if (mode == Mode::resume)
      refuse(final_, "the run already finished", "the path of an unfinished run");
  }
  const bool partial_exists = stat_of(partial_, info);
  if (partial_exists && !S_ISREG(info.st_mode))
    refuse(partial_, kind_of(info), "a regular file or a new path");
  if (mode == Mode::resume && !partial_exists)
    refuse(partial_, "no unfinished run here", "the path of a run started with --checkpoint-every");

  // O_NOFOLLOW: a link planted at FILE.partial between the check and here is refused too.
  fd_ = ::open(partial_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
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

void PartialFile::commit() {
  std::error_code error;
  fs::rename(partial_, final_, error);
  if (error)
    throw std::runtime_error(partial_.string() + ": cannot rename to " + final_.string() + ": " +
                             error.message());
  if (fd_ >= 0) ::close(fd_), fd_ = -1;
}

}  // namespace ecosim
