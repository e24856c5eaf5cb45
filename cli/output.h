#pragma once
// stdout is data: JSON and YAML renderings of API objects (YAML by libkraft's emitter, which
// quotes what YAML 1.1 readers such as kubectl would retype), tables, kubeconfigs. Every write
// to it goes through here and is checked: a script redirecting a kubeconfig to a full disk
// must not be told it succeeded.
#include <fmt/core.h>
#include <kraft/core/error.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace kraft::cli {

/// Pretty JSON (2-space indent) with a trailing newline, stable key order.
std::string to_json_text(const nlohmann::json& value);
/// YAML output is kraft::config::to_yaml_text (<kraft/config/yaml_text.h>).

/// Checks -o/--output against the formats a command supports; throws ValidationError listing
/// them ("unknown output format \"xml\": use one of json, yaml").
void require_output_format(const std::string& format, std::initializer_list<const char*> allowed);

/// stdout could not be written (ENOSPC, EIO, EPIPE, EBADF...): "cannot write to standard
/// output: No space left on device", exit code 1.
class StdoutError : public Error {
 public:
  explicit StdoutError(int error_number);
  /// The errno of the failed write (0 when it was lost).
  int error_number() const noexcept { return errno_; }
  /// A closed pipe (`kraft list | head` with SIGPIPE ignored): the reader left on purpose, so
  /// kraft ends without a message, as when the signal ends it.
  bool broken_pipe() const noexcept;

 private:
  int errno_;
};

/// Writes `text` to stdout (buffered); StdoutError when the write fails.
void print_stdout(std::string_view text);
/// fmt::format, then print_stdout.
template <typename T0, typename... T>
void print_stdout(fmt::format_string<T0, T...> format, T0&& arg0, T&&... args) {
  print_stdout(
      std::string_view(fmt::format(format, std::forward<T0>(arg0), std::forward<T>(args)...)));
}
/// Flushes stdout; StdoutError when that fails or an earlier write to stdout failed.
void flush_stdout();
/// Writes `text` to stderr, ignoring failure: diagnostics that cannot be shown (stderr full or
/// closed) must not change what kraft does or how it exits.
void print_stderr(std::string_view text) noexcept;
/// fmt::format, then print_stderr.
template <typename T0, typename... T>
void print_stderr(fmt::format_string<T0, T...> format, T0&& arg0, T&&... args) {
  print_stderr(
      std::string_view(fmt::format(format, std::forward<T0>(arg0), std::forward<T>(args)...)));
}
/// print_stdout then flush_stdout: `text` reaches the reader now, in one write when it fits
/// the buffer.
void write_stdout(std::string_view text);

}  // namespace kraft::cli
