// A folder of one test's own. ctest runs the tests in parallel, and CI runs several presets on
// one machine: a fixed name in the shared temp folder let two tests write the same file (issue
// 19). Each TempDir is new (mkdtemp, named after the running test) and removed with everything
// in it when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace ecosim::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A whole file's text (empty when it cannot be read): what a test reads back.
std::string read_text(const std::filesystem::path& path);

}  // namespace ecosim::testing
