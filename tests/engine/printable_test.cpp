#include "engine/printable.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ecosim {
namespace {

TEST(Printable, EscapesEveryControlCharacterAndKeepsTheRest) {
  using namespace std::string_literals;
  EXPECT_EQ(printable("runs/a\x1b[31m\nb.h5"), "runs/a\\u001b[31m\\nb.h5");
  EXPECT_EQ(printable("k\0x"s), "k\\0x");  // a NUL no longer cuts the message
  EXPECT_EQ(printable("a\rb\tc\x7f"), "a\\rb\\tc\\u007f");
  EXPECT_EQ(printable("\x01\x1f"), "\\u0001\\u001f");
  EXPECT_EQ(printable("Örebro, 5% \\ ok"), "Örebro, 5% \\ ok");  // UTF-8 and backslashes stay
  for (int c = 0; c < 0x20; ++c) {
    const std::string out = printable(std::string(1, static_cast<char>(c)));
    for (const char ch : out) EXPECT_GE(static_cast<unsigned char>(ch), 0x20) << c;
  }
}

}  // namespace
}  // namespace ecosim
