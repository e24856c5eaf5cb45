// Reads one kubeconfig (clientcmd/api/v1 Config) into the typed model, keeping each entry's raw
// JSON for a lossless write back. Errors are one line: FILE:LINE: what is wrong, naming the
// entry (`users["alice"].client-key-data is not valid base64`) and never a value.
#include <fmt/format.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "config/files.h"
#include "config/yaml_json.h"
#include "core/base64.h"

namespace kraft::config {
namespace {

using detail::line_of;
using nlohmann::json;

// Fields whose values are credentials: the typed model holds them as Secret, and they are
// dropped from the raw JSON so that nothing that dumps `raw` can show them.
constexpr const char* kSecretUserFields[] = {"token", "password", "client-key-data"};

std::string field(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

class Reader {
 public:
  explicit Reader(const std::string& source)
      : source_(source), name_(source.empty() ? "<kubeconfig>" : source) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    const int line = line_of(at);
    if (line > 0) throw ConfigError(fmt::format("{}:{}: {}", name_, line, what));
    throw ConfigError(fmt::format("{}: {}", name_, what));
  }

  std::string str(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) return {};
    if (!v.IsScalar()) fail(v, field(where, key) + " must be a string");
    return v.Scalar();
  }

  bool boolean(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) return false;
    if (v.IsScalar()) {
      const json j = detail::yaml_to_json(v, source_);
      if (j.is_boolean()) return j.get<bool>();
    }
    fail(v, field(where, key) + " must be true or false");
  }

  std::string data(const YAML::Node& map, const char* key, const std::string& where) const {
    const std::string text = str(map, key, where);
    auto decoded = core::base64_decode(text);
    if (!decoded) fail(map[key], field(where, key) + " is not valid base64");
    return *decoded;
  }

  std::string path(const YAML::Node& map, const char* key, const std::string& where) const {
    return detail::resolve_against(str(map, key, where), source_);
  }

  ClusterInfo cluster(const YAML::Node& m, const std::string& where) const {
    ClusterInfo c;
    c.server = str(m, "server", where);
    c.certificate_authority = path(m, "certificate-authority", where);
    c.certificate_authority_data = data(m, "certificate-authority-data", where);
    c.insecure_skip_tls_verify = boolean(m, "insecure-skip-tls-verify", where);
    c.tls_server_name = str(m, "tls-server-name", where);
    c.proxy_url = str(m, "proxy-url", where);
    return c;
  }

  ExecConfig exec(const YAML::Node& m, const std::string& where) const {
    if (!m.IsMap()) fail(m, fmt::format("{} must be a mapping", where));
    ExecConfig e;
    e.api_version = str(m, "apiVersion", where);
    e.command = str(m, "command", where);
    // clientcmd resolves a command containing a path separator against the kubeconfig's
    // directory (GetAuthInfoFileReferences); bare names are looked up on PATH.
    if (e.command.find('/') != std::string::npos) {
      e.command = detail::resolve_against(e.command, source_);
    }
    if (const YAML::Node args = m["args"]; args && !args.IsNull()) {
      if (!args.IsSequence()) fail(args, fmt::format("{}.args must be a list", where));
      for (const auto& a : args) {
        if (!a.IsScalar()) fail(a, fmt::format("{}.args must be a list of strings", where));
        e.args.push_back(a.Scalar());
      }
    }
    if (const YAML::Node env = m["env"]; env && !env.IsNull()) {
      if (!env.IsSequence()) fail(env, fmt::format("{}.env must be a list", where));
      for (const auto& item : env) {
        if (!item.IsMap()) fail(item, fmt::format("{}.env entries must be name/value maps", where));
        const std::string name = str(item, "name", where + ".env");
        if (name.empty()) fail(item, fmt::format("{}.env entry has no name", where));
        e.env.emplace_back(name, str(item, "value", fmt::format("{}.env[\"{}\"]", where, name)));
      }
    }
    e.provide_cluster_info = boolean(m, "provideClusterInfo", where);
    e.interactive_mode = str(m, "interactiveMode", where);
    e.install_hint = str(m, "installHint", where);
    return e;
  }

  AuthInfo user(const YAML::Node& m, const std::string& where) const {
    AuthInfo u;
    u.client_certificate = path(m, "client-certificate", where);
    u.client_certificate_data = data(m, "client-certificate-data", where);
    u.client_key = path(m, "client-key", where);
    u.client_key_data = Secret(data(m, "client-key-data", where));
    u.token = Secret(str(m, "token", where));
    u.token_file = path(m, "tokenFile", where);
    u.username = str(m, "username", where);
    u.password = Secret(str(m, "password", where));
    if (const YAML::Node e = m["exec"]; e && !e.IsNull()) u.exec = exec(e, where + ".exec");
    return u;
  }

  ContextInfo context(const YAML::Node& m, const std::string& where) const {
    return ContextInfo{str(m, "cluster", where), str(m, "user", where), str(m, "namespace", where)};
  }

  // clusters / users / contexts: lists of {name, KEY: {...}}; clientcmd's v1 conversion rejects
  // a name that appears twice in one file.
  template <class T, class Fn>
  std::vector<Named<T>> list(const YAML::Node& root, const char* list_key, const char* item_key,
                             Fn parse_inner) const {
    std::vector<Named<T>> out;
    const YAML::Node items = root[list_key];
    if (!items || items.IsNull()) return out;
    if (!items.IsSequence()) fail(items, fmt::format("{} must be a list", list_key));
    std::set<std::string> seen;
    for (const auto& item : items) {
      if (!item.IsMap()) fail(item, fmt::format("{} entries must be mappings", list_key));
      const YAML::Node name_node = item["name"];
      if (!name_node || !name_node.IsScalar() || name_node.Scalar().empty()) {
        fail(item, fmt::format("{} entry has no name", list_key));
      }
      const std::string name = name_node.Scalar();
      const std::string where = fmt::format("{}[\"{}\"]", list_key, name);
      if (!seen.insert(name).second) fail(item, fmt::format("duplicate name in {}", where));
      const YAML::Node given = item[item_key];
      const bool present = given.IsDefined() && !given.IsNull();
      if (present && !given.IsMap()) {
        fail(given, fmt::format("{}.{} must be a mapping", where, item_key));
      }
      // An absent or null inner map is an empty entry (a fresh node, never a zombie lookup).
      const YAML::Node inner = present ? given : YAML::Node(YAML::NodeType::Map);
      Named<T> entry{name, parse_inner(inner, where), detail::yaml_to_json(inner, source_),
                     source_};
      if (!entry.raw.is_object()) entry.raw = json::object();
      out.push_back(std::move(entry));
    }
    return out;
  }

 private:
  std::string source_;
  std::string name_;
};

}  // namespace

Kubeconfig parse_kubeconfig(const std::string& yaml_text, const std::string& source) {
  Reader r(source);
  const std::string name = source.empty() ? "<kubeconfig>" : source;
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) throw ConfigError(fmt::format("{}: malformed YAML: {}", name, e.msg));
    throw ConfigError(fmt::format("{}:{}:{}: malformed YAML: {}", name, e.mark.line + 1,
                                  e.mark.column + 1, e.msg));
  }
  Kubeconfig config;
  config.source = source;
  // An empty file is an empty config, as in clientcmd.
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) r.fail(root, "not a kubeconfig: the top level must be a mapping");

  try {
    config.clusters = r.list<ClusterInfo>(
        root, "clusters", "cluster",
        [&](const YAML::Node& m, const std::string& w) { return r.cluster(m, w); });
    config.users =
        r.list<AuthInfo>(root, "users", "user",
                         [&](const YAML::Node& m, const std::string& w) { return r.user(m, w); });
    config.contexts = r.list<ContextInfo>(
        root, "contexts", "context",
        [&](const YAML::Node& m, const std::string& w) { return r.context(m, w); });
    config.current_context = r.str(root, "current-context", "");
  } catch (const YAML::Exception& e) {
    // Defensive: yaml-cpp throws on odd shapes (e.g. a non-scalar map key); keep it one line.
    throw ConfigError(fmt::format("{}: unreadable kubeconfig: {}", name, e.msg));
  }
  for (auto& u : config.users) {
    for (const char* key : kSecretUserFields) u.raw.erase(key);
  }
  config.extra = detail::yaml_to_json(root, source);
  for (const char* key : {"clusters", "users", "contexts", "current-context"}) {
    config.extra.erase(key);
  }
  return config;
}

Kubeconfig load_kubeconfig_file(const std::string& path) {
  if (!detail::exists(path)) {
    throw ConfigError(fmt::format("kubeconfig {} does not exist", path));
  }
  return parse_kubeconfig(detail::read_file(path, "kubeconfig"), path);
}

namespace {
template <class T>
const Named<T>* find_named(const std::vector<Named<T>>& entries, const std::string& name) {
  for (const auto& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}
}  // namespace

const Named<ClusterInfo>* Kubeconfig::find_cluster(const std::string& name) const {
  return find_named(clusters, name);
}
const Named<AuthInfo>* Kubeconfig::find_user(const std::string& name) const {
  return find_named(users, name);
}
const Named<ContextInfo>* Kubeconfig::find_context(const std::string& name) const {
  return find_named(contexts, name);
}

}  // namespace kraft::config
