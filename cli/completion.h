#pragma once
// Shell completion generated from the command tree itself, so it can never drift from the
// real commands and flags (a test compares completions/kraft.bash with this output).
#include <string>

namespace CLI {
class App;
}

namespace kraft::cli {

/// A bash completion script for `app` and its subcommands.
std::string bash_completion(const CLI::App& app);

}  // namespace kraft::cli
