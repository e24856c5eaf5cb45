#pragma once
// The kraft command tree. Only cli/ knows CLI11; this header keeps it out of main.cpp.
#include <string>
#include <vector>

namespace kraft::cli {

/// Parses argv, runs the chosen command and returns the process exit code.
/// Exceptions derived from kraft::Error propagate to main(), which maps them to exit codes.
int run(int argc, char** argv);

}  // namespace kraft::cli
