#pragma once
// Diagnostics: libkraft reports what it does through a sink the application installs
// (the CLI prints to stderr for -v). Levels follow kubectl's -v: 6 requests, 7 headers,
// 8 bodies. Secrets are redacted before a message reaches the sink.
#include <functional>
#include <string_view>

namespace kraft {

/// Receives one log line (no trailing newline) with its verbosity level.
using LogSink = std::function<void(int level, std::string_view line)>;

struct Logger {
  int verbosity = 0;  ///< lines with level <= verbosity reach the sink
  LogSink sink;       ///< empty: discard everything

  bool enabled(int level) const { return sink && level <= verbosity; }
  void log(int level, std::string_view line) const {
    if (enabled(level)) sink(level, line);
  }
};

}  // namespace kraft
