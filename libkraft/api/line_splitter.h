#pragma once
// Splits a streamed body into lines as chunks arrive: a watch sends one JSON event per line,
// and a chunk may end in the middle of one (or hold several).
#include <kraft/core/error.h>

#include <string>
#include <string_view>

namespace kraft::api {

class LineSplitter {
 public:
  /// `source` names the stream in the error about an endless line ("watch pods: the server
  /// https://10.0.0.1:6443").
  explicit LineSplitter(std::string source = "the watch stream") : source_(std::move(source)) {}

  /// Calls `on_line` for every complete line in `chunk` (without the newline); stops early
  /// and returns false as soon as `on_line` does.
  template <typename OnLine>
  bool feed(std::string_view chunk, OnLine&& on_line) {
    std::size_t start = 0;
    for (std::size_t nl = chunk.find('\n'); nl != std::string_view::npos;
         nl = chunk.find('\n', start)) {
      std::string_view piece = chunk.substr(start, nl - start);
      start = nl + 1;
      bool go_on;
      if (partial_.empty()) {
        go_on = on_line(piece);
      } else {
        partial_.append(piece);
        std::string line = std::move(partial_);
        partial_.clear();
        go_on = on_line(std::string_view(line));
      }
      if (!go_on) return false;
    }
    partial_.append(chunk.substr(start));
    // A server that never sends a newline must not grow memory without bound; no watch event
    // comes near this size (etcd's default request limit is 1.5 MiB).
    if (partial_.size() > kMaxLine) {
      throw DecodeError(source_ + " sent a line longer than 16 MiB without a newline");
    }
    return true;
  }

  static constexpr std::size_t kMaxLine = 16 * 1024 * 1024;

  /// What is left after the last newline (a server may end the stream without one).
  const std::string& rest() const { return partial_; }

 private:
  std::string source_;
  std::string partial_;
};

}  // namespace kraft::api
