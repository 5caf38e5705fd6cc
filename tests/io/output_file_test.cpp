#include "io/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
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

// truncated() closes a descriptor of its own: the lock, held by the file's first description,
// stays (a POSIX record lock would have gone with any close of the file by this process).
TEST(PartialFile, TheLockOutlivesTheCloseAfterTruncation) {
  const testing::TempDir temp;
  const fs::path dir = temp.path();
  PartialFile first(dir / "run.h5", Mode::create);
  { std::ofstream(first.held_path(), std::ios::trunc) << "rows of the first run"; }
  first.truncated();
  EXPECT_NE(refusal(dir / "run.h5", Mode::overwrite).find("another process is writing"),
            std::string::npos);
  EXPECT_EQ(content_of(first.partial_path()), "rows of the first run");
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

// The residual race of a check-then-open by name: a name swapped for a link after ecosim made
// the file, or its folder swapped for a link to another, must not redirect a write.
TEST(OutputFolder, ASwappedNameOrFolderRedirectsNoWrite) {
  const testing::TempDir temp;
  const fs::path runs = temp / "runs", moved = temp / "moved", victim = temp / "victim";
  fs::create_directories(runs);
  fs::create_directories(victim);
  { std::ofstream(victim / "keep") << "victim"; }

  const OutputFolder folder(runs);
  const int fd = folder.create_new_file("run.h5.partial", false);
  // The folder is moved away and a link to the victim's folder put in its place; the made
  // file's name is swapped for a link to the victim's file.
  fs::rename(runs, moved);
  fs::create_directory_symlink(victim, runs);
  fs::rename(moved / "run.h5.partial", moved / "made");
  fs::create_symlink(victim / "keep", moved / "run.h5.partial");
  // What a library that opens by name writes goes to the file made.
  { std::ofstream(descriptor_path(fd, runs / "run.h5.partial")) << "rows"; }
  EXPECT_EQ(content_of(moved / "made"), "rows");
  EXPECT_EQ(content_of(victim / "keep"), "victim");
  // New files and renames stay in the folder opened, not the one now at its path.
  ::close(folder.create_new_file("index.csv", false));
  EXPECT_TRUE(fs::exists(moved / "index.csv"));
  EXPECT_FALSE(fs::exists(victim / "index.csv"));
  folder.rename("index.csv", "keep");
  EXPECT_TRUE(fs::is_regular_file(moved / "keep"));
  EXPECT_EQ(content_of(victim / "keep"), "victim");
  ::close(fd);
}

TEST(ReplaceFile, WritesNoFileThroughALinkAndIsWholeOrNothing) {
  const testing::TempDir temp;
  { std::ofstream(temp / "target") << "target"; }
  // Links planted at the temporary name and at the final name: both replaced, neither followed.
  fs::create_symlink(temp / "target", temp / "report.md.partial");
  fs::create_symlink(temp / "target", temp / "report.md");
  replace_file(temp / "report.md", [](const fs::path& file) { std::ofstream(file) << "new"; });
  EXPECT_FALSE(fs::is_symlink(temp / "report.md"));
  EXPECT_EQ(content_of(temp / "report.md"), "new");
  EXPECT_EQ(content_of(temp / "target"), "target");
  // A write that fails leaves the old file.
  EXPECT_THROW(replace_file(temp / "report.md",
                            [](const fs::path&) { throw std::runtime_error("disk full"); }),
               std::runtime_error);
  EXPECT_EQ(content_of(temp / "report.md"), "new");
}

}  // namespace
}  // namespace ecosim
