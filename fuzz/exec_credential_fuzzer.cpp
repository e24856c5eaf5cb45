// An exec credential plugin's stdout, any bytes, through the pure decoder
// (config/exec_credential_decode.h): it gives a usable credential (a token, or a certificate
// with its key) or throws kraft::Error whose message is one printable line and never quotes the
// token it may have been given.
#include <kraft/config/exec_credential.h>
#include <kraft/core/error.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/exec_credential_decode.h"
#include "fuzz_check.h"

namespace {

using kraft::config::ExecCredential;
using kraft::fuzz::fail;

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

void check(std::string_view out, std::string_view version) {
  try {
    const ExecCredential cred = kraft::config::detail::decode_exec_credential(out, version);
    const bool has_cert = !cred.client_cert_pem.empty();
    if (has_cert != !cred.client_key_pem.empty()) {
      fail("a credential with a certificate but no key, or a key but no certificate");
    }
    if (cred.token.empty() && !has_cert) fail("a credential with neither token nor certificate");
  } catch (const kraft::Error& e) {
    const std::string_view message = e.what();
    kraft::fuzz::check_message(message, "the decoder's message is not one printable line");
    if (const std::string token = token_in(out);
        !token.empty() && message.find(token) != std::string_view::npos) {
      fail("the decoder's message quotes status.token", message);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view out(reinterpret_cast<const char*>(data), size);
  check(out, "client.authentication.k8s.io/v1");
  check(out, "client.authentication.k8s.io/v1beta1");
  return 0;
}
