#include "io/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.hpp"

namespace ecosim {
namespace {

namespace fs = std::filesystem;
using Mode = PartialFile::Mode;

std::string refusal(const fs::path& path, Mode mode) {
  try {
    PartialFile file(path, mode);
  } catch (const OutputPathError& e) {
    return e.what();
  }
  return "taken";
}

std::string content_of(const fs::path& path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

TEST(PartialFile, BadPathsAreRefusedBeforeAnyWork) {
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  EXPECT_NE(refusal("", Mode::create).find("empty output path"), std::string::npos);
  EXPECT_NE(refusal(dir / "", Mode::create).find("names a directory"), std::string::npos);
  EXPECT_NE(refusal(dir, Mode::overwrite).find("is a directory"), std::string::npos);
  { std::ofstream(dir / "file") << "x"; }
  EXPECT_NE(refusal(dir / "file" / "run.h5", Mode::create).find("is not a directory"),
            std::string::npos);
  // --force never replaces a device or a FIFO with a regular file.
  EXPECT_NE(refusal("/dev/null", Mode::overwrite).find("/dev/null: is a device"),
            std::string::npos);
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_NE(refusal(dir / "fifo", Mode::overwrite).find("is a FIFO"), std::string::npos);
  EXPECT_TRUE(fs::is_fifo(dir / "fifo"));
  // A missing parent is made.
  EXPECT_EQ(refusal(dir / "new" / "run.h5", Mode::create), "taken");
  EXPECT_TRUE(fs::is_directory(dir / "new"));
}

TEST(PartialFile, ASecondWriterIsRefusedAndTheFirstKeepsItsRows) {
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  PartialFile first(dir / "run.h5", Mode::create);
  { std::ofstream(first.partial_path()) << "rows of the first run"; }
  EXPECT_NE(refusal(dir / "run.h5", Mode::overwrite).find("another process is writing"),
            std::string::npos);
  EXPECT_EQ(content_of(first.partial_path()), "rows of the first run");
  first.commit();
  EXPECT_EQ(content_of(dir / "run.h5"), "rows of the first run");
  EXPECT_FALSE(fs::exists(first.partial_path()));
}

TEST(PartialFile, AStalePartialIsKeptUnlessForced) {
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  { std::ofstream(dir / "run.h5.partial") << "rows of a killed run"; }
  EXPECT_NE(refusal(dir / "run.h5", Mode::create).find("left by a run that did not finish"),
            std::string::npos);
  EXPECT_EQ(content_of(dir / "run.h5.partial"), "rows of a killed run");
  EXPECT_EQ(refusal(dir / "run.h5", Mode::resume), "taken");
  EXPECT_EQ(content_of(dir / "run.h5.partial"), "rows of a killed run");
  EXPECT_EQ(refusal(dir / "run.h5", Mode::overwrite), "taken");
}

TEST(PartialFile, ResumeNeedsAnUnfinishedRun) {
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  EXPECT_NE(refusal(dir / "run.h5", Mode::resume).find("no unfinished run here"),
            std::string::npos);
  { std::ofstream(dir / "done.h5") << "x"; }
  EXPECT_NE(refusal(dir / "done.h5", Mode::resume).find("the run already finished"),
            std::string::npos);
  EXPECT_NE(refusal(dir / "done.h5", Mode::create).find("output exists"), std::string::npos);
}

}  // namespace
}  // namespace ecosim
