// Reads one kubeconfig (clientcmd/api/v1 Config) into the typed model, keeping each entry's raw
// JSON for a lossless write back. Errors are one line: FILE:LINE: what is wrong, naming the
// entry (`users["alice"].client-key-data is not valid base64`) and never a value.
#include <fmt/format.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <optional>
#include <string_view>
#include <unordered_set>

#include "config/files.h"
#include "config/yaml_json.h"
#include "core/base64.h"

namespace kraft::config {
namespace {

using nlohmann::json;

// Fields whose values are credentials: the typed model holds them as Secret, and they are
// dropped from the raw JSON so that nothing that dumps `raw` can show them.
constexpr const char* kSecretUserFields[] = {"token", "password", "client-key-data"};

std::string field(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

const json& empty_object() {
  static const json kEmpty = json::object();
  return kEmpty;
}

// A key of a mapping, or null when it is absent. (A string_view, not the char*, is what the
// map compares each key with: a char* would be measured again at every comparison.)
const json& at(const json& map, std::string_view key) {
  static const json kNull;
  const auto it = map.find(key);
  return it == map.end() ? kNull : *it;
}

class Reader {
 public:
  Reader(const std::string& source, const json& root, const detail::YamlSpots& spots)
      : source_(source),
        name_(source.empty() ? "<kubeconfig>" : source),
        root_(root),
        spots_(spots) {}

  // FILE:LINE: what, with the line where `value` starts; a value without a position of its
  // own (expanded from an alias) is reported at the entry being read.
  [[noreturn]] void fail(const json& value, const std::string& what) const {
    int line = &value == &root_ ? spots_.root_line : spots_.line(value);
    if (line == 0 && entry_ != nullptr) line = spots_.line(*entry_);
    if (line > 0) throw ConfigError(fmt::format("{}:{}: {}", name_, line, what));
    throw ConfigError(fmt::format("{}: {}", name_, what));
  }

  // A scalar's text, or nullopt for null, a list or a mapping: a plain number or bool reads as
  // written (`password: 0123` is "0123").
  std::optional<std::string> text(const json& v) const {
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_primitive() || v.is_null()) return std::nullopt;
    if (const std::string* plain = spots_.plain_text(v)) return *plain;
    return v.dump();
  }

  std::string str(const json& map, const char* key, const std::string& where) const {
    const json& v = at(map, key);
    if (v.is_null()) return {};
    auto s = text(v);
    if (!s) fail(v, field(where, key) + " must be a string");
    return std::move(*s);
  }

  bool boolean(const json& map, const char* key, const std::string& where) const {
    const json& v = at(map, key);
    if (v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    fail(v, field(where, key) + " must be true or false");
  }

  std::string data(const json& map, const char* key, const std::string& where) const {
    const json& v = at(map, key);
    // Decoded where it stands: certificates are most of a kubeconfig's bytes.
    auto decoded = v.is_string() ? core::base64_decode(v.get_ref<const std::string&>())
                                 : core::base64_decode(str(map, key, where));
    if (!decoded) fail(v, field(where, key) + " is not valid base64");
    return std::move(*decoded);
  }

  std::string path(const json& map, const char* key, const std::string& where) const {
    return detail::resolve_against(str(map, key, where), source_);
  }

  ClusterInfo cluster(const json& m, const std::string& where) const {
    ClusterInfo c;
    c.server = str(m, "server", where);
    c.certificate_authority = path(m, "certificate-authority", where);
    c.certificate_authority_data = data(m, "certificate-authority-data", where);
    c.insecure_skip_tls_verify = boolean(m, "insecure-skip-tls-verify", where);
    c.tls_server_name = str(m, "tls-server-name", where);
    c.proxy_url = str(m, "proxy-url", where);
    return c;
  }

  ExecConfig exec(const json& m, const std::string& where) const {
    if (!m.is_object()) fail(m, fmt::format("{} must be a mapping", where));
    ExecConfig e;
    e.api_version = str(m, "apiVersion", where);
    e.command = str(m, "command", where);
    // clientcmd resolves a command containing a path separator against the kubeconfig's
    // directory (GetAuthInfoFileReferences); bare names are looked up on PATH.
    if (e.command.find('/') != std::string::npos) {
      e.command = detail::resolve_against(e.command, source_);
    }
    if (const json& args = at(m, "args"); !args.is_null()) {
      if (!args.is_array()) fail(args, fmt::format("{}.args must be a list", where));
      for (const auto& a : args) {
        auto arg = text(a);
        if (!arg) fail(a, fmt::format("{}.args must be a list of strings", where));
        e.args.push_back(std::move(*arg));
      }
    }
    if (const json& env = at(m, "env"); !env.is_null()) {
      if (!env.is_array()) fail(env, fmt::format("{}.env must be a list", where));
      for (const auto& item : env) {
        if (!item.is_object()) {
          fail(item, fmt::format("{}.env entries must be name/value maps", where));
        }
        const std::string name = str(item, "name", where + ".env");
        if (name.empty()) fail(item, fmt::format("{}.env entry has no name", where));
        e.env.emplace_back(
            name, str(item, "value", fmt::format("{}.env[\"{}\"]", where, sanitize_text(name))));
      }
    }
    e.provide_cluster_info = boolean(m, "provideClusterInfo", where);
    e.interactive_mode = str(m, "interactiveMode", where);
    e.install_hint = str(m, "installHint", where);
    return e;
  }

  AuthInfo user(const json& m, const std::string& where) const {
    AuthInfo u;
    u.client_certificate = path(m, "client-certificate", where);
    u.client_certificate_data = data(m, "client-certificate-data", where);
    u.client_key = path(m, "client-key", where);
    u.client_key_data = Secret(data(m, "client-key-data", where));
    u.token = Secret(str(m, "token", where));
    u.token_file = path(m, "tokenFile", where);
    u.username = str(m, "username", where);
    u.password = Secret(str(m, "password", where));
    if (const json& e = at(m, "exec"); !e.is_null()) u.exec = exec(e, where + ".exec");
    return u;
  }

  ContextInfo context(const json& m, const std::string& where) const {
    return ContextInfo{str(m, "cluster", where), str(m, "user", where), str(m, "namespace", where)};
  }

  // clusters / users / contexts: lists of {name, KEY: {...}}; clientcmd's v1 conversion rejects
  // a name that appears twice in one file. Each entry's inner map moves out of `root` into
  // the entry's raw JSON once its typed fields are read.
  template <class T, class Fn>
  std::vector<Named<T>> list(json& root, const char* list_key, const char* item_key,
                             Fn parse_inner) {
    std::vector<Named<T>> out;
    const auto found = root.find(list_key);
    if (found == root.end() || found->is_null()) return out;
    json& items = *found;
    if (!items.is_array()) fail(items, fmt::format("{} must be a list", list_key));
    out.reserve(items.size());
    std::unordered_set<std::string> seen;
    for (auto& item : items) {
      entry_ = &item;
      if (!item.is_object()) fail(item, fmt::format("{} entries must be mappings", list_key));
      std::optional<std::string> name = text(at(item, "name"));
      if (!name || name->empty()) fail(item, fmt::format("{} entry has no name", list_key));
      // Names are the file's text: shown escaped, so that a message stays one harmless line.
      const std::string where = fmt::format("{}[\"{}\"]", list_key, sanitize_text(*name));
      if (!seen.insert(*name).second) {
        fail(item, fmt::format("duplicate name in {}", where));
      }
      const auto given = item.find(item_key);
      const bool present = given != item.end() && !given->is_null();
      if (present && !given->is_object()) {
        fail(*given, fmt::format("{}.{} must be a mapping", where, item_key));
      }
      // An absent or null inner map is an empty entry.
      T value = parse_inner(present ? *given : empty_object(), where);
      out.push_back(Named<T>{std::move(*name), std::move(value),
                             present ? std::move(*given) : json::object(), source_});
    }
    entry_ = nullptr;
    return out;
  }

 private:
  std::string source_;
  std::string name_;
  const json& root_;
  const detail::YamlSpots& spots_;
  const json* entry_ = nullptr;  // the list entry being read
};

}  // namespace

Kubeconfig parse_kubeconfig(const std::string& yaml_text, const std::string& source) {
  detail::YamlDocument doc = detail::read_yaml(yaml_text, source);
  json& root = doc.value;
  Kubeconfig config;
  config.source = source;
  // An empty file is an empty config, as in clientcmd.
  if (root.is_null()) return config;
  Reader r(source, root, doc.spots);
  if (!root.is_object()) r.fail(root, "not a kubeconfig: the top level must be a mapping");

  config.clusters =
      r.list<ClusterInfo>(root, "clusters", "cluster",
                          [&](const json& m, const std::string& w) { return r.cluster(m, w); });
  config.users = r.list<AuthInfo>(
      root, "users", "user", [&](const json& m, const std::string& w) { return r.user(m, w); });
  config.contexts =
      r.list<ContextInfo>(root, "contexts", "context",
                          [&](const json& m, const std::string& w) { return r.context(m, w); });
  config.current_context = r.str(root, "current-context", "");
  for (auto& u : config.users) {
    for (const char* key : kSecretUserFields) u.raw.erase(key);
  }
  for (const char* key : {"clusters", "users", "contexts", "current-context"}) root.erase(key);
  config.extra = std::move(root);
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
