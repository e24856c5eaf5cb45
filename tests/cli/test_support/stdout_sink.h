#pragma once
// Running kraft with a stdout that fails: a full disk (/dev/full) or a pipe whose reader has
// gone, with SIGPIPE ignored or at its default (as `kraft list | head` leaves it).
#include <map>
#include <string>
#include <vector>

#include "process/process.h"

namespace kraft::testing {

enum class StdoutSink {
  kFullDisk,           ///< /dev/full: every write fails with ENOSPC
  kClosedPipe,         ///< a pipe nobody reads, SIGPIPE at its default action
  kClosedPipeIgnored,  ///< the same with SIGPIPE ignored: writes fail with EPIPE
};

/// Runs the kraft binary with `env`, stdout on `sink` and stdin on /dev/null; returns its exit
/// code (128+N when signal N ended it) and stderr (`out` stays empty).
ProcessResult run_kraft_into(StdoutSink sink, const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env);

}  // namespace kraft::testing
