#include "config/entry_content.h"

#include <kraft/core/error.h>

#include "config/files.h"

namespace kraft::config::detail {
namespace {

using nlohmann::json;

// Typed paths were resolved against the entry's old file on load; the raw spelling is what
// to_yaml() writes back when it still resolves to the typed path (put_path in
// kubeconfig_write.cpp). Pinning the absolute path in raw keeps the entry naming the same file
// from `new_source`.
void pin_path(json& raw, const char* key, const std::string& resolved,
              const std::string& new_source) {
  if (resolved.empty() || !raw.is_object()) return;
  const auto it = raw.find(key);
  if (it == raw.end() || !it->is_string()) return;
  if (resolve_against(it->get<std::string>(), new_source) != resolved) *it = resolved;
}

template <class T>
Kubeconfig alone(Named<T> entry, std::vector<Named<T>> Kubeconfig::*list) {
  // An empty source leaves relative spellings unresolved, so relocate() pins every path that
  // was resolved on load: two entries naming one file through different spellings compare
  // equal.
  relocate(entry, "");
  entry.name = "x";
  Kubeconfig config;
  (config.*list).push_back(std::move(entry));
  return config;
}

template <class T>
json json_of(const Named<T>& entry, const std::string& text,
             std::vector<Named<T>> Kubeconfig::*list) {
  try {
    const Kubeconfig back = parse_kubeconfig(text, "");
    if ((back.*list).size() == 1) return (back.*list).front().raw;
  } catch (const ConfigError&) {
    // Only entries built in memory can fail to read back (e.g. an exec env entry without a
    // name); their raw JSON is the best view there is.
  }
  return entry.raw;
}

}  // namespace

void relocate(Named<ClusterInfo>& entry, const std::string& new_source) {
  pin_path(entry.raw, "certificate-authority", entry.value.certificate_authority, new_source);
  entry.source = new_source;
}

void relocate(Named<AuthInfo>& entry, const std::string& new_source) {
  const AuthInfo& u = entry.value;
  pin_path(entry.raw, "client-certificate", u.client_certificate, new_source);
  pin_path(entry.raw, "client-key", u.client_key, new_source);
  pin_path(entry.raw, "tokenFile", u.token_file, new_source);
  // Bare command names are looked up on PATH; only commands with a '/' are file paths.
  if (u.exec && u.exec->command.find('/') != std::string::npos && entry.raw.is_object() &&
      entry.raw.contains("exec")) {
    pin_path(entry.raw["exec"], "command", u.exec->command, new_source);
  }
  entry.source = new_source;
}

void relocate(Named<ContextInfo>& entry, const std::string& new_source) {
  entry.source = new_source;
}

void relocate_all(Kubeconfig& config, const std::string& new_source) {
  for (auto& e : config.clusters) relocate(e, new_source);
  for (auto& e : config.users) relocate(e, new_source);
  for (auto& e : config.contexts) relocate(e, new_source);
  config.source = new_source;
}

std::string content_text(const Named<ClusterInfo>& entry) {
  return to_yaml(alone(entry, &Kubeconfig::clusters));
}
std::string content_text(const Named<AuthInfo>& entry) {
  return to_yaml(alone(entry, &Kubeconfig::users));
}
std::string content_text(const Named<ContextInfo>& entry) {
  return to_yaml(alone(entry, &Kubeconfig::contexts));
}

json content_json(const Named<ClusterInfo>& entry) {
  return json_of(entry, content_text(entry), &Kubeconfig::clusters);
}
json content_json(const Named<AuthInfo>& entry) {
  return json_of(entry, content_text(entry), &Kubeconfig::users);
}
json content_json(const Named<ContextInfo>& entry) {
  return json_of(entry, content_text(entry), &Kubeconfig::contexts);
}

}  // namespace kraft::config::detail
