// Writes a Kubeconfig back as YAML. Each entry starts from its raw JSON (unknown fields and
// `extensions` survive) and the typed fields are laid over it, so edits to the typed model win.
// Keys come out sorted, as `kubectl config view` prints them; the YAML text is to_yaml_text's
// (yaml_emit.cpp).
#include <kraft/config/kubeconfig.h>
#include <kraft/config/yaml_text.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "config/files.h"
#include "config/yaml_json.h"
#include "core/base64.h"

namespace kraft::config {
namespace {

using nlohmann::json;

void put(json& obj, const char* key, std::string value) {
  if (value.empty()) {
    obj.erase(key);
  } else {
    obj[key] = std::move(value);
  }
}

void put_data(json& obj, const char* key, const std::string& bytes) {
  put(obj, key, core::base64_encode(bytes));
}

// Paths were made absolute on load; write the file's original (possibly relative) spelling
// back when it still points at the same place, as clientcmd's RelativizeClusterLocalPaths does.
void put_path(json& obj, const char* key, const std::string& path, const std::string& source) {
  if (obj.contains(key) && obj[key].is_string() &&
      detail::resolve_against(obj[key].get<std::string>(), source) == path) {
    return;
  }
  put(obj, key, path);
}

// A copy of an entry's raw JSON without `rewritten`, the keys that put() and put_data() set or
// erase whatever the raw JSON holds: the *-data fields are most of a kubeconfig's bytes, and
// copying them only to overwrite them doubled the cost of writing one.
json raw_except(const json& raw, std::initializer_list<std::string_view> rewritten) {
  json o = json::object();
  if (!raw.is_object()) return o;
  auto& out = o.get_ref<json::object_t&>();
  for (const auto& [key, value] : raw.get_ref<const json::object_t&>()) {
    if (std::find(rewritten.begin(), rewritten.end(), key) == rewritten.end()) {
      out.emplace_hint(out.end(), key, value);  // already in order
    }
  }
  return o;
}

void put_bool(json& obj, const char* key, bool value) {
  if (value) {
    obj[key] = true;
  } else if (obj.contains(key)) {
    obj[key] = false;
  }
}

json cluster_json(const Named<ClusterInfo>& e) {
  json o =
      raw_except(e.raw, {"server", "certificate-authority-data", "tls-server-name", "proxy-url"});
  const ClusterInfo& c = e.value;
  put(o, "server", c.server);
  put_path(o, "certificate-authority", c.certificate_authority, e.source);
  put_data(o, "certificate-authority-data", c.certificate_authority_data);
  put_bool(o, "insecure-skip-tls-verify", c.insecure_skip_tls_verify);
  put(o, "tls-server-name", c.tls_server_name);
  put(o, "proxy-url", c.proxy_url);
  return o;
}

json exec_json(const ExecConfig& x, json o, const std::string& source) {
  if (!o.is_object()) o = json::object();
  put(o, "apiVersion", x.api_version);
  put_path(o, "command", x.command, source);
  if (x.args.empty()) {
    o.erase("args");
  } else {
    o["args"] = x.args;
  }
  if (x.env.empty()) {
    o.erase("env");
  } else {
    json env = json::array();
    for (const auto& [name, value] : x.env) env.push_back({{"name", name}, {"value", value}});
    o["env"] = env;
  }
  put_bool(o, "provideClusterInfo", x.provide_cluster_info);
  put(o, "interactiveMode", x.interactive_mode);
  put(o, "installHint", x.install_hint);
  return o;
}

json user_json(const Named<AuthInfo>& e) {
  json o = raw_except(
      e.raw, {"client-certificate-data", "client-key-data", "token", "username", "password"});
  const AuthInfo& u = e.value;
  put_path(o, "client-certificate", u.client_certificate, e.source);
  put_data(o, "client-certificate-data", u.client_certificate_data);
  put_path(o, "client-key", u.client_key, e.source);
  put_data(o, "client-key-data", u.client_key_data.reveal());
  put(o, "token", u.token.reveal());
  put_path(o, "tokenFile", u.token_file, e.source);
  put(o, "username", u.username);
  put(o, "password", u.password.reveal());
  if (u.exec) {
    o["exec"] = exec_json(*u.exec, o.value("exec", json::object()), e.source);
  } else {
    o.erase("exec");
  }
  return o;
}

json context_json(const Named<ContextInfo>& e) {
  json o = e.raw.is_object() ? e.raw : json::object();
  put(o, "cluster", e.value.cluster);
  put(o, "user", e.value.user);
  put(o, "namespace", e.value.ns);
  return o;
}

template <class T, class Fn>
json list_json(const std::vector<Named<T>>& entries, const char* item_key, Fn to_json) {
  json arr = json::array();
  for (const auto& e : entries) arr.push_back({{"name", e.name}, {item_key, to_json(e)}});
  return arr;
}

// About the size of the YAML text: the *-data fields base64-encoded, and a line or so for
// everything else.
std::size_t yaml_size_estimate(const Kubeconfig& config) {
  constexpr std::size_t kPerEntry = 256;
  const auto encoded = [](std::size_t bytes) { return (bytes + 2) / 3 * 4; };
  std::size_t size =
      1024 + kPerEntry * (config.clusters.size() + config.users.size() + config.contexts.size());
  for (const auto& c : config.clusters) size += encoded(c.value.certificate_authority_data.size());
  for (const auto& u : config.users) {
    size += encoded(u.value.client_certificate_data.size()) +
            encoded(u.value.client_key_data.reveal().size());
  }
  return size;
}

}  // namespace

std::string to_yaml(const Kubeconfig& config) {
  json doc = config.extra.is_object() ? config.extra : json::object();
  if (!doc.contains("apiVersion")) doc["apiVersion"] = "v1";
  if (!doc.contains("kind")) doc["kind"] = "Config";
  if (!doc.contains("preferences")) doc["preferences"] = json::object();
  doc["clusters"] = list_json(config.clusters, "cluster", cluster_json);
  doc["users"] = list_json(config.users, "user", user_json);
  doc["contexts"] = list_json(config.contexts, "context", context_json);
  doc["current-context"] = config.current_context;

  // Sized up front: the text of a merged kubeconfig runs to megabytes, and growing it by
  // doubling would copy it, and fault fresh pages in, several times over.
  std::string text;
  text.reserve(yaml_size_estimate(config));
  detail::emit_yaml(text, doc);
  text += '\n';
  return text;
}

}  // namespace kraft::config
