// An exec credential plugin's stdout, any bytes: decoding gives a usable credential (a token,
// or a certificate with its key) or throws kraft::Error; the error never quotes the token it may
// have been given; with KRAFT_FUZZ_CHECK_MESSAGES its message is one printable line.
//
// The pure decoder (config/exec_credential_decode.h) is fuzzed when libkraft has it. Without
// it, the bytes go through ExecCredentialProvider with `cat` as the plugin: a process per input,
// a few thousand inputs a second at best (fuzz/CMakeLists.txt picks the sources to match).
#include <kraft/config/exec_credential.h>
#include <kraft/core/error.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.h"

#if __has_include("config/exec_credential_decode.h")
#include "config/exec_credential_decode.h"
#define KRAFT_FUZZ_PURE_DECODER 1
#else
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#endif

namespace {

using kraft::config::ExecCredential;
using kraft::fuzz::fail;

#ifdef KRAFT_FUZZ_PURE_DECODER
ExecCredential decode(std::string_view out, const std::string& api_version) {
  return kraft::config::detail::decode_exec_credential(out, api_version);
}
#else
// The plugin prints this file; one per fuzzing process.
const std::string& output_file() {
  static const std::string path = [] {
    std::string p = (std::filesystem::temp_directory_path() / "kraft-exec-fuzz-XXXXXX").string();
    const int fd = ::mkstemp(p.data());
    if (fd < 0) fail("cannot create the plugin's output file");
    ::close(fd);
    return p;
  }();
  return path;
}

ExecCredential decode(std::string_view out, const std::string& api_version) {
  std::FILE* f = std::fopen(output_file().c_str(), "wb");
  if (f == nullptr || std::fwrite(out.data(), 1, out.size(), f) != out.size() ||
      std::fclose(f) != 0) {
    fail("cannot write the plugin's output file");
  }
  kraft::config::ExecConfig exec;
  exec.api_version = api_version;
  exec.command = "cat";
  exec.args = {output_file()};
  return kraft::config::ExecCredentialProvider(exec, {}, false).get();
}
#endif

// status.token when the input is JSON holding one that looks generated: at least 12 letters and
// digits, both present (no word of a message template), found nowhere else in the input (a
// field the message may quote, such as apiVersion or expirationTimestamp, could hold it).
std::string token_in(std::string_view out) {
  const auto doc = nlohmann::json::parse(out, nullptr, false);
  if (!doc.is_object()) return {};
  const auto status = doc.find("status");
  if (status == doc.end() || !status->is_object()) return {};
  const auto token = status->find("token");
  if (token == status->end() || !token->is_string()) return {};
  const std::string text = token->get<std::string>();
  const auto has = [&](auto pred) { return std::any_of(text.begin(), text.end(), pred); };
  const bool generated = text.size() >= 12 &&
                         !has([](unsigned char c) { return !std::isalnum(c); }) &&
                         has([](unsigned char c) { return std::isdigit(c); }) &&
                         has([](unsigned char c) { return std::isalpha(c); });
  const std::size_t first = out.find(text);
  return generated && out.find(text, first + 1) == std::string_view::npos ? text : std::string();
}

void check(std::string_view out, const std::string& version) {
  try {
    const ExecCredential cred = decode(out, version);
    const bool has_cert = !cred.client_cert_pem.empty();
    if (has_cert != !cred.client_key_pem.empty()) {
      fail("a credential with a certificate but no key, or a key but no certificate");
    }
    if (cred.token.empty() && !has_cert) fail("a credential with neither token nor certificate");
  } catch (const kraft::Error& e) {
    const std::string_view message = e.what();
#ifdef KRAFT_FUZZ_CHECK_MESSAGES
    kraft::fuzz::check_message(message, "the decoder's message is not one printable line");
#endif
    if (const std::string token = token_in(out);
        !token.empty() && message.find(token) != std::string_view::npos) {
      fail("the decoder's message quotes status.token", message);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view out(reinterpret_cast<const char*>(data), size);
  const std::string v1 = "client.authentication.k8s.io/v1";
  const std::string v1beta1 = "client.authentication.k8s.io/v1beta1";
#ifdef KRAFT_FUZZ_PURE_DECODER
  check(out, v1);
  check(out, v1beta1);
#else
  check(out, size % 2 == 0 ? v1 : v1beta1);  // a process per call: one version per input
#endif
  return 0;
}
