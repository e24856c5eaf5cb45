#pragma once
// The decoder of an exec plugin's answer, apart from running it: a pure function over the
// bytes the plugin printed, so tests and fuzzers can call it directly.
#include <kraft/config/exec_credential.h>

#include <string_view>

namespace kraft::config::detail {

/// The credential in `out`, a plugin's stdout: an ExecCredential of `api_version` with a
/// token or a client certificate and key. Throws ConfigError saying what is wrong (without
/// naming the plugin, and never quoting the output: it may hold a credential) for anything
/// else; any bytes are accepted.
ExecCredential decode_exec_credential(std::string_view out, std::string_view api_version);

}  // namespace kraft::config::detail
