#pragma once
// Runs the real kraft binary as a child process and captures what it printed.
#include <map>
#include <string>
#include <vector>

namespace kraft::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `kraft ARGS...` with extra environment variables; stdin is /dev/null.
ProcessResult run_kraft(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env = {});

/// Runs any program the same way.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

}  // namespace kraft::testing
