#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

namespace kraft::cli {

std::string to_json_text(const nlohmann::json& value) { return value.dump(2) + "\n"; }

void require_output_format(const std::string& format, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (format == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw ValidationError("unknown output format \"" + format + "\": use one of " + list);
}

StdoutError::StdoutError(int error_number)
    : Error(error_number == 0
                ? std::string("cannot write to standard output")
                : std::string("cannot write to standard output: ") + std::strerror(error_number)),
      errno_(error_number) {}

bool StdoutError::broken_pipe() const noexcept { return errno_ == EPIPE; }

void print_stdout(std::string_view text) {
  if (text.empty()) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) throw StdoutError(errno);
}

void flush_stdout() {
  errno = 0;
  if (std::fflush(stdout) != 0) throw StdoutError(errno);
  // A write that failed earlier (its errno long gone) leaves the error indicator set.
  if (std::ferror(stdout)) throw StdoutError(0);
}

void print_stderr(std::string_view text) noexcept {
  // stderr is unbuffered: one fwrite is one write(2), whose failure there is no one to tell.
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), stderr);
}

void write_stdout(std::string_view text) {
  print_stdout(text);
  flush_stdout();
}

}  // namespace kraft::cli
