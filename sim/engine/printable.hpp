// Text from outside (keys, values, paths, region names) as ecosim echoes it: control characters
// escaped, so that no input can move the terminal's cursor, colour it, or cut a message at a NUL
// (RELIABILITY.md, "One rule for text from outside"). The one place for that rule: every error
// and every line that repeats what the user gave goes through printable().
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ecosim {

// `text` with each control character (below 0x20, and DEL) written as an escape: \n, \r, \t,
// \0, else \u00XX (e.g. ESC as \u001b); a backslash stays as it is.
inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == 0) {
      out += "\\0";
    } else {
      char code[8];
      std::snprintf(code, sizeof code, "\\u%04x", c);
      out += code;
    }
  }
  return out;
}

}  // namespace ecosim
