#pragma once
// CLI11's parse errors as kraft prints them: one line that says what was wrong and where the
// help is, e.g. `unknown flag --foo (see 'kraft create --help')`. CLI11's own text spans two
// lines ("Could not convert: ..." and a usage line) and repeats what the user typed verbatim,
// control characters included.
#include <string>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace kraft::cli {

/// The message for `error` (without "error: "), as one sanitized line ending with a pointer to
/// the help of the command being parsed (the deepest one `root` had reached).
std::string usage_error_text(CLI::App& root, const CLI::ParseError& error);

}  // namespace kraft::cli
