#include "scenario/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ecosim {
namespace {

std::string system_reason(int error) { return std::strerror(error); }

std::string size_text(std::uintmax_t bytes) {
  return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                 : std::to_string(bytes) + " bytes";
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  // Checked before opening: opening a FIFO for reading blocks until a writer comes.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw InputFileError(system_reason(errno));
  if (S_ISDIR(info.st_mode)) throw InputFileError("is a directory");
  if (!S_ISREG(info.st_mode))
    throw InputFileError("is not a regular file (a device, FIFO or socket)");
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes)
    throw InputFileError("larger than " + size_text(max_bytes));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw InputFileError(system_reason(errno));
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw InputFileError(system_reason(error));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {  // it grew while being read
      ::close(fd);
      throw InputFileError("larger than " + size_text(max_bytes));
    }
  }
  ::close(fd);
  return text;
}

}  // namespace ecosim
