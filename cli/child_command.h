#pragma once
// Running a user's command the way a shell would, for `kraft connect NAME -- COMMAND`: the
// command gets the terminal (it is in kraft's process group, so Ctrl-C reaches it directly and
// kraft only waits), a TERM or HUP sent to kraft is passed on to it, and its exit status
// becomes kraft's (128+N when a signal N ended it, as shells report it).
#include <map>
#include <string>
#include <vector>

namespace kraft::cli {

/// Runs `argv` (looked up on PATH unless it holds a '/') with `env` added to kraft's
/// environment and waits for it. A command that cannot be started gets the shell's codes:
/// 127 not found, 126 not executable, with a one-line message on stderr.
int run_child_command(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env);

}  // namespace kraft::cli
