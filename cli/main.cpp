// kraft's entry point: the one place that turns exceptions into exit codes.
#include <fmt/core.h>
#include <kraft/core/error.h>

#include <exception>

#include "app.h"

int main(int argc, char** argv) {
  try {
    return kraft::cli::run(argc, argv);
  } catch (const kraft::Error& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return static_cast<int>(kraft::ExitCode::kError);
  }
}
