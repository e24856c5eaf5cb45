// The kubeconfig reader on arbitrary bytes: parse_kubeconfig returns a Kubeconfig or throws
// kraft::Error with a message of one printable line, never anything else (ASan, UBSan and
// libFuzzer's leak, timeout and memory checks catch the rest). What it returns survives to_yaml
// and a second parse unchanged: the typed fields, the fields kraft does not know, the
// top-level extras, and to_yaml's text itself.
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "fuzz_check.h"

namespace {

using kraft::fuzz::fail;
using nlohmann::json;
using namespace kraft::config;

// An absolute path, so that relative certificate and command paths are resolved (and written
// back in their original spelling) without depending on the working directory.
const std::string kSource = "/fuzz/kubeconfig";

bool same(const ClusterInfo& a, const ClusterInfo& b) {
  return a.server == b.server && a.certificate_authority == b.certificate_authority &&
         a.certificate_authority_data == b.certificate_authority_data &&
         a.insecure_skip_tls_verify == b.insecure_skip_tls_verify &&
         a.tls_server_name == b.tls_server_name && a.proxy_url == b.proxy_url;
}

bool same(const ExecConfig& a, const ExecConfig& b) {
  return a.api_version == b.api_version && a.command == b.command && a.args == b.args &&
         a.env == b.env && a.provide_cluster_info == b.provide_cluster_info &&
         a.interactive_mode == b.interactive_mode && a.install_hint == b.install_hint;
}

bool same(const AuthInfo& a, const AuthInfo& b) {
  return a.client_certificate == b.client_certificate &&
         a.client_certificate_data == b.client_certificate_data && a.client_key == b.client_key &&
         a.client_key_data.reveal() == b.client_key_data.reveal() &&
         a.token.reveal() == b.token.reveal() && a.token_file == b.token_file &&
         a.username == b.username && a.password.reveal() == b.password.reveal() &&
         a.exec.has_value() == b.exec.has_value() && (!a.exec || same(*a.exec, *b.exec));
}

bool same(const ContextInfo& a, const ContextInfo& b) {
  return a.cluster == b.cluster && a.user == b.user && a.ns == b.ns;
}

// An entry's raw JSON without the keys its typed fields own: those are compared typed (`server:
// 1` is the int 1 in the first raw JSON and the string "1" once written), the rest must be kept.
json unknown_fields(const json& raw, std::initializer_list<const char*> typed) {
  json out = raw.is_object() ? raw : json::object();
  for (const char* key : typed) out.erase(key);
  return out;
}

template <class T>
void compare_entries(const std::vector<Named<T>>& first, const std::vector<Named<T>>& second,
                     std::initializer_list<const char*> typed, const char* list) {
  if (first.size() != second.size()) fail("to_yaml lost or added entries", list);
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (first[i].name != second[i].name) fail("to_yaml changed an entry's name", list);
    if (!same(first[i].value, second[i].value)) fail("to_yaml changed a typed field", list);
    if (unknown_fields(first[i].raw, typed) != unknown_fields(second[i].raw, typed)) {
      fail("to_yaml changed a field kraft does not know", list);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Kubeconfig first;
  try {
    first = parse_kubeconfig(text, kSource);
  } catch (const kraft::Error& e) {
    // Refused, as bad input should be: in one printable line.
    kraft::fuzz::check_message(e.what(), "parse_kubeconfig's message is not one printable line");
    return 0;
  }

  const std::string yaml = to_yaml(first);
  Kubeconfig second;
  try {
    second = parse_kubeconfig(yaml, kSource);
  } catch (const kraft::Error& e) {
    fail("parse_kubeconfig refuses what to_yaml wrote", e.what());
  }
  compare_entries(first.clusters, second.clusters,
                  {"server", "certificate-authority", "certificate-authority-data",
                   "insecure-skip-tls-verify", "tls-server-name", "proxy-url"},
                  "clusters");
  compare_entries(first.users, second.users,
                  {"client-certificate", "client-certificate-data", "client-key", "tokenFile",
                   "username", "exec"},
                  "users");
  for (std::size_t i = 0; i < first.users.size(); ++i) {
    const auto exec_unknown = [](const json& raw) {
      const auto it = raw.find("exec");
      return unknown_fields(it == raw.end() ? json() : *it,
                            {"apiVersion", "command", "args", "env", "provideClusterInfo",
                             "interactiveMode", "installHint"});
    };
    if (first.users[i].value.exec &&
        exec_unknown(first.users[i].raw) != exec_unknown(second.users[i].raw)) {
      fail("to_yaml changed a field of users[].user.exec that kraft does not know");
    }
  }
  compare_entries(first.contexts, second.contexts, {"cluster", "user", "namespace"}, "contexts");
  if (first.current_context != second.current_context) fail("to_yaml changed current-context");
  // to_yaml adds apiVersion, kind and preferences when they are missing; nothing else.
  json extra = second.extra;
  for (const char* key : {"apiVersion", "kind", "preferences"}) {
    if (!first.extra.contains(key)) extra.erase(key);
  }
  if (extra != first.extra) fail("to_yaml changed the top-level fields", first.extra.dump());
  if (to_yaml(second) != yaml) fail("to_yaml is not a fixed point of parse_kubeconfig", yaml);
  return 0;
}
