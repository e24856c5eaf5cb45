// The single-object verbs (API conventions, "Verbs on Resources"). Writes send
// fieldManager=kraft so managedFields name us, and fieldValidation=Strict so that a
// misspelled field is refused with 400 instead of being silently pruned.
#include <kraft/api/client.h>
#include <kraft/api/json_view.h>

#include "api/client_state.h"
#include "api/url.h"

namespace kraft::api {
namespace {

std::string name_of(const nlohmann::json& object) {
  return std::string(metadata_string(object, "name"));
}

std::string patch_content_type(PatchType type) {
  switch (type) {
    case PatchType::kJson:
      return "application/json-patch+json";
    case PatchType::kApply:
      return "application/apply-patch+yaml";  // JSON is valid YAML
    case PatchType::kMerge:
      break;
  }
  return "application/merge-patch+json";
}

Query write_query(bool dry_run, const std::string& field_manager, bool strict) {
  Query q;
  q.add_if(dry_run, "dryRun", "All").add("fieldManager", field_manager);
  q.add_if(strict, "fieldValidation", "Strict");
  return q;
}

}  // namespace

Client Client::connect(const config::ClientConfig& config, const ClientOptions& options) {
  http::TransportOptions t;
  t.tls.ca_pem = config.ca_pem;
  t.tls.insecure_skip_verify = config.insecure_skip_tls_verify;
  t.tls.server_name = config.tls_server_name;
  t.tls.client_cert_pem = config.client_cert_pem;
  t.tls.client_key_pem = config.client_key_pem;
  t.proxy_url = config.proxy_url;
  t.request_timeout = config.request_timeout;
  t.retry = options.retry;
  t.rate_limit = options.rate_limit;
  t.logger = options.logger;

  std::shared_ptr<config::ExecCredentialProvider> exec;
  if (config.exec) {
    exec =
        std::make_shared<config::ExecCredentialProvider>(*config.exec, config, options.interactive);
    // A plugin may answer with a client certificate instead of a token; TLS material is
    // fixed when the transport is built, so its first answer decides (as in client-go).
    if (t.tls.client_cert_pem.empty()) {
      config::ExecCredential first = exec->get();
      if (!first.client_cert_pem.empty()) {
        t.tls.client_cert_pem = first.client_cert_pem;
        t.tls.client_key_pem = first.client_key_pem;
      }
    }
  }
  Client client(nullptr, {}, {});
  // The provider that already ran is kept, so the plugin does not run a second time.
  client.state_ = std::make_shared<State>(http::make_curl_transport(std::move(t)), config, options,
                                          std::move(exec));
  return client;
}

Client::Client(std::shared_ptr<http::Transport> transport, config::ClientConfig config,
               ClientOptions options) {
  std::shared_ptr<config::ExecCredentialProvider> exec;
  if (config.exec) {
    exec =
        std::make_shared<config::ExecCredentialProvider>(*config.exec, config, options.interactive);
  }
  state_ = std::make_shared<State>(std::move(transport), std::move(config), std::move(options),
                                   std::move(exec));
}

const config::ClientConfig& Client::config() const { return state_->config; }

void Client::on_warning(std::function<void(const std::string&)> handler) {
  std::lock_guard lock(state_->warning_mu);
  state_->warning_handler = std::move(handler);
}

namespace {

/// The path of one object: unlike resource_path, an empty name is refused, because it would
/// address the whole collection (a DELETE would remove every object in it).
std::string object_path(const ResourceInfo& r, const std::string& ns, const std::string& name,
                        const char* verb, const std::string& subresource = "") {
  if (name.empty()) {
    throw ValidationError(std::string(verb) + " " + r.qualified_name() + ": a name is required");
  }
  return resource_path(r, ns, name, subresource);
}

}  // namespace

nlohmann::json Client::get(const ResourceInfo& r, const std::string& ns,
                           const std::string& name) const {
  return state_->call(state_->request("GET", object_path(r, ns, name, "get")),
                      "get " + describe(r, ns, name));
}

std::optional<nlohmann::json> Client::get_opt(const ResourceInfo& r, const std::string& ns,
                                              const std::string& name) const {
  try {
    return get(r, ns, name);
  } catch (const ApiError& e) {
    if (e.is_not_found()) return std::nullopt;
    throw;
  }
}

nlohmann::json Client::create(const ResourceInfo& r, const std::string& ns,
                              const nlohmann::json& object, const WriteOptions& options) const {
  std::string path = resource_path(r, ns) +
                     write_query(options.dry_run, options.field_manager, options.strict).str();
  return state_->call(state_->request("POST", path, object.dump(), "application/json"),
                      "create " + describe(r, ns, name_of(object)));
}

nlohmann::json Client::replace(const ResourceInfo& r, const std::string& ns,
                               const nlohmann::json& object, const WriteOptions& options) const {
  std::string name = name_of(object);
  if (name.empty()) throw ValidationError("replace " + r.qualified_name() + ": no metadata.name");
  std::string path = resource_path(r, ns, name) +
                     write_query(options.dry_run, options.field_manager, options.strict).str();
  return state_->call(state_->request("PUT", path, object.dump(), "application/json"),
                      "replace " + describe(r, ns, name));
}

nlohmann::json Client::patch(const ResourceInfo& r, const std::string& ns, const std::string& name,
                             const nlohmann::json& patch, const PatchOptions& options) const {
  Query q = write_query(options.dry_run, options.field_manager, true);
  // force is only meaningful for apply; the server refuses it on other patch types.
  q.add_if(options.type == PatchType::kApply && options.force, "force", "true");
  std::string path = object_path(r, ns, name, "patch", options.subresource) + q.str();
  return state_->call(
      state_->request("PATCH", path, patch.dump(), patch_content_type(options.type)),
      "patch " + describe(r, ns, name));
}

std::optional<nlohmann::json> Client::remove(const ResourceInfo& r, const std::string& ns,
                                             const std::string& name,
                                             const DeleteOptions& options) const {
  nlohmann::json body = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  if (!options.propagation_policy.empty()) body["propagationPolicy"] = options.propagation_policy;
  if (!options.precondition_uid.empty()) body["preconditions"]["uid"] = options.precondition_uid;
  if (!options.precondition_resource_version.empty()) {
    body["preconditions"]["resourceVersion"] = options.precondition_resource_version;
  }
  std::string path =
      object_path(r, ns, name, "delete") + Query().add_if(options.dry_run, "dryRun", "All").str();
  nlohmann::json answer =
      state_->call(state_->request("DELETE", path, body.dump(), "application/json"),
                   "delete " + describe(r, ns, name));
  // The server answers a finished delete with a Status (or, for some kinds, the last state of
  // the object) and a delete that finalizers hold with the object marked by
  // deletionTimestamp: only the latter is still there.
  if (string_at(answer, "kind") == "Status") return std::nullopt;
  auto meta = answer.find("metadata");
  if (meta != answer.end() && meta->is_object() && meta->contains("deletionTimestamp")) {
    return answer;
  }
  return std::nullopt;
}

}  // namespace kraft::api
