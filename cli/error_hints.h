#pragma once
// libkraft's messages speak of the SDK's terms ("the host", "a prefix"); kraft's users type
// flags. The errors say what to change in machine-readable form (ValidationError::fields(),
// the error's class), and this is where the CLI turns that into the flags to use, e.g.
// `traefik exposure needs the host name users will dial, e.g. demo.example.com (--host)`.
#include <exception>
#include <string>

namespace kraft {
struct Failure;
}

namespace kraft::cli {

/// The flags that fix `error`, as text to append to its message: " (--host, --expose)",
/// "; choose one with --context"; "" when no flag does.
std::string flag_hint(const std::exception& error);

/// The line kraft prints for `error` (after "error: "): its message and its flag hint.
std::string error_text(const std::exception& error);

/// The same for one item of a batch: its message and the hint of its exception.
std::string error_text(const Failure& failure);

}  // namespace kraft::cli
