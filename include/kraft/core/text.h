#pragma once
// Text that kraft did not write (an API server's error, a file's content, a plugin's stderr)
// is made safe before it reaches a message: a hostile or broken peer must not be able to
// move the cursor, retitle the terminal (ANSI/OSC escapes), break a one-line error over
// several lines, or flood the screen.
#include <cstddef>
#include <string>
#include <string_view>

namespace kraft {

/// How much of a foreign text a one-line message shows.
inline constexpr std::size_t kMessageTextLimit = 512;

/// `text` as one printable line: C0/C1 control characters, DEL and the Unicode line and
/// paragraph separators escaped (`\n`, `\r`, `\t`, `\e`, `\xNN`, `\u2028`), bytes that are not
/// UTF-8 shown as `\xNN`, leading and trailing blanks dropped, and, when longer than
/// `max_bytes` (0: no limit), cut at a character boundary with "... (N more bytes)".
std::string sanitize_text(std::string_view text, std::size_t max_bytes = kMessageTextLimit);

}  // namespace kraft
