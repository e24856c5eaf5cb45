// kraft's entry point: the one place that turns exceptions into exit codes.
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <exception>
#include <string>

#include "app.h"
#include "error_hints.h"
#include "output.h"

namespace {

// One safe line whatever the message quotes (a flag value, a name, a server's text): control
// characters cannot reach the terminal. print_stderr never throws: with stderr itself full or
// closed there is no one left to tell, and an exception here would abort kraft.
int report(const std::string& message, kraft::ExitCode code) {
  kraft::cli::print_stderr("error: " + kraft::sanitize_text(message, 0) + "\n");
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int code = kraft::cli::run(argc, argv);
    // What is still buffered must reach stdout too: a script must not take a kubeconfig
    // that never got to the disk for one.
    kraft::cli::flush_stdout();
    return code;
  } catch (const kraft::cli::StdoutError& e) {
    // A closed pipe (`kraft list | head` when SIGPIPE is ignored): the reader is gone on
    // purpose; end as quietly as the signal would have.
    if (e.broken_pipe()) return static_cast<int>(kraft::ExitCode::kError);
    return report(e.what(), e.exit_code());
  } catch (const kraft::Error& e) {
    // The SDK's message, then the flags that fix it (error_hints.h).
    return report(kraft::cli::error_text(e), e.exit_code());
  } catch (const std::exception& e) {
    return report(e.what(), kraft::ExitCode::kError);
  }
}
