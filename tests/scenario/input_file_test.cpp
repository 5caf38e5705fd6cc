// Reading a file a user names (scenario/input_file.cpp): only a regular file of bounded size,
// each refusal with its reason and without blocking.
#include "scenario/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

std::string refusal(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxInputBytes) {
  try {
    read_input_file(path, max_bytes);
  } catch (const InputFileError& e) {
    return e.what();
  }
  return "read";
}

TEST(InputFile, ReadsARegularFileWhole) {
  testing::TempDir dir;
  const std::string text = "[simulation]\nsteps = 12\n" + std::string(200'000, '#') + "\n";
  std::ofstream(dir / "a.toml") << text;
  EXPECT_EQ(read_input_file(dir / "a.toml"), text);
  std::ofstream(dir / "empty.toml").flush();
  EXPECT_EQ(read_input_file(dir / "empty.toml"), "");
}

TEST(InputFile, RefusesWhatIsNotARegularFileOfBoundedSize) {
  testing::TempDir dir;
  EXPECT_EQ(refusal(dir / "missing.toml"), "No such file or directory");
  EXPECT_EQ(refusal(dir.path()), "is a directory");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(refusal(dir / "fifo"), "is not a regular file (a device, FIFO or socket)")
      << "a FIFO is refused before it is opened (opening it would block)";
  EXPECT_EQ(refusal("/dev/zero"), "is not a regular file (a device, FIFO or socket)");
  std::ofstream(dir / "big.toml") << std::string(2048, 'x');
  EXPECT_EQ(refusal(dir / "big.toml", 2047), "larger than 2047 bytes");
  EXPECT_EQ(refusal(dir / "big.toml", 2048), "read") << "the limit itself is allowed";
  EXPECT_EQ(refusal(dir / "big.toml", 1000), "larger than 1000 bytes");
}

TEST(InputFile, NamesTheLimitInMebibytesWhenItIsWhole) {
  testing::TempDir dir;
  std::ofstream(dir / "big.toml") << std::string((1u << 20) + 1, 'x');
  EXPECT_EQ(refusal(dir / "big.toml", 1u << 20), "larger than 1 MiB");
}

}  // namespace
}  // namespace ecosim
