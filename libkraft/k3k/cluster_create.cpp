// ClusterService::create. Order matters: every check that can refuse (K3k installed, policy,
// Traefik CRD, host collisions, namespace state) runs before the first write, and each write
// registers its undo, so a failure half-way leaves the host as it was.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>
#include <kraft/k3k/server_url.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "k3k/host_routes.h"

namespace kraft::k3k {
namespace {

using nlohmann::json;

// Undo actions of the writes done so far, run newest first unless the operation completes.
// Undo is best effort: the error that stopped the operation is what the caller must see.
class Rollback {
 public:
  Rollback() = default;
  Rollback(const Rollback&) = delete;
  Rollback& operator=(const Rollback&) = delete;
  ~Rollback() {
    if (committed_) return;
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      try {
        (*it)();
      } catch (...) {  // NOLINT(bugprone-empty-catch): the original error matters more
      }
    }
  }
  void add(std::function<void()> undo) { undo_.push_back(std::move(undo)); }
  void commit() { committed_ = true; }

 private:
  std::vector<std::function<void()>> undo_;
  bool committed_ = false;
};

void require_policy(const api::Client& client, const std::string& policy) {
  if (!client.get_opt(virtual_cluster_policies(), "", policy)) {
    throw api::NotFoundError("VirtualClusterPolicy \"" + policy +
                                 "\" not found; list the policies with: kubectl get vcp",
                             {virtual_cluster_policies().qualified_name(), "", policy});
  }
}

json traefik_route(const Cluster& created, const std::string& host) {
  const std::string name = created.name();
  return {
      {"apiVersion", ingress_route_tcps().api_version()},
      {"kind", ingress_route_tcps().kind},
      {"metadata",
       {{"name", traefik_route_name(name)},
        {"namespace", created.namespace_name()},
        {"labels", {{kManagedByLabel, kManagedByValue}, {"cluster", name}}},
        // Owned by the Cluster, so deleting the cluster removes its route.
        {"ownerReferences",
         json::array({{{"apiVersion", Cluster::kApiVersion},
                       {"kind", Cluster::kKind},
                       {"name", name},
                       {"uid", std::string(api::string_at(created.metadata, "uid"))},
                       {"controller", true},
                       {"blockOwnerDeletion", true}}})}}},
      {"spec",
       {{"entryPoints", json::array({"websecure"})},
        {"routes", json::array({{{"match", "HostSNI(`" + host + "`)"},
                                 {"services", json::array({{{"name", service_name(name)},
                                                            {"port", 443}}})}}})},
        // The virtual API server terminates TLS itself: its certificate carries the host
        // (spec.tlsSANs) and clients authenticate with certificates Traefik must not strip.
        {"tls", {{"passthrough", true}}}}},
  };
}

// Whether `object` was made by a create() with this idempotency key.
bool carries_key(const json& object, const std::string& key) {
  const json* annotations = api::child(api::child(&object, "metadata"), "annotations");
  return api::string_at(annotations, kCreateIdAnnotation) == key;
}

// Deletes the namespace `made`, only that one (its uid) and only while no Cluster lives
// there: a parallel `kraft create -n NS` may have put its cluster into it meanwhile.
std::function<void()> undo_namespace(const api::Client& client, const std::string& ns,
                                     const json& made) {
  return [client, ns, uid = std::string(api::metadata_string(made, "uid"))] {
    if (!client.list(clusters(), ns)["items"].empty()) return;
    api::DeleteOptions only_ours;
    only_ours.precondition_uid = uid;
    client.remove(api::resources::namespaces(), "", ns, only_ours);
  };
}

}  // namespace

CreateResult ClusterService::create(const ClusterRequest& asked,
                                    const CreateOptions& options) const {
  ClusterRequest request = asked;
  if (request.expose == ExposeMode::kNodePort && request.server_host.empty()) {
    // Users reach NodePorts where they reach the host's API server (K3k's CLI assumes the
    // same): the certificate must name that address for their kubeconfig to verify.
    request.server_host = url_host(client_.config().server);
  }
  CreateResult result;
  result.cluster = build_cluster(request);  // validates first
  result.ref = {result.cluster.namespace_name(), request.name};
  result.warnings = request_warnings(request);
  if (options.dry_run == DryRun::kClient) return result;

  const std::string& ns = result.ref.ns;
  const bool dry_run = options.dry_run == DryRun::kServer;
  require_k3k(client_);
  const bool routed = request.expose == ExposeMode::kTraefik;
  if (routed && !client_.serves(ingress_route_tcps().api_version())) {
    throw NotInstalledError(
        "Traefik",
        "traefik exposure needs Traefik's IngressRouteTCP (traefik.io/v1alpha1), which this "
        "host cluster does not serve; install Traefik or expose the cluster by ingress, "
        "nodeport or loadbalancer");
  }
  if (routed) detail::require_free_host(client_, request.host, result.ref);
  if (request.expose == ExposeMode::kIngress) {
    // K3k's Ingress has a rule for every TLS SAN: each of them is claimed on the ingress.
    for (const auto& host : result.cluster.spec.tls_sans.value_or(std::vector<std::string>{})) {
      detail::require_free_host(client_, host, result.ref);
    }
  }
  if (!request.policy.empty()) require_policy(client_, request.policy);

  Rollback rollback;
  const std::string& key = options.idempotency_key;
  // The namespace is created first and looked at only when that fails (it exists, or this
  // user may not create namespaces): for a new namespace, one request instead of two.
  json labels = {{kManagedByLabel, kManagedByValue}};
  if (!request.policy.empty()) labels[kPolicyLabel] = request.policy;
  json namespace_body = {{"apiVersion", "v1"},
                         {"kind", "Namespace"},
                         {"metadata", {{"name", ns}, {"labels", std::move(labels)}}}};
  if (!key.empty()) namespace_body["metadata"]["annotations"] = {{kCreateIdAnnotation, key}};
  api::WriteOptions namespace_write;
  namespace_write.dry_run = dry_run;
  std::optional<json> made;
  std::optional<json> existing;
  try {
    made = client_.create(api::resources::namespaces(), "", namespace_body, namespace_write);
  } catch (const api::ApiError& e) {
    if (!e.is_already_exists() && !e.is_forbidden()) throw;
    existing = client_.get_opt(api::resources::namespaces(), "", ns);
    // Not there: not ours to create (the 403 says so), or deleted meanwhile (409; retry).
    if (!existing) throw;
  }
  // Also when an earlier attempt of this create rolled it back: the retry waits for it to go.
  if (existing && api::is_terminating(*existing)) {
    throw NamespaceTerminatingError("namespace \"" + ns +
                                        "\" is being deleted; wait until it is gone or choose "
                                        "another namespace",
                                    ExitCode::kError, {"namespaces", "", ns});
  }
  if (existing && !key.empty() && carries_key(*existing, key) && !dry_run) {
    // An earlier attempt of this very create made it (its answer was lost): ours to undo.
    result.namespace_created = true;
    rollback.add(undo_namespace(client_, ns, *existing));
  } else if (existing) {
    const std::string bound(api::label_at(*existing, kPolicyLabel));
    if (!request.policy.empty() && !bound.empty() && bound != request.policy) {
      throw ValidationError("namespace \"" + ns + "\" is bound to policy \"" + bound +
                                "\", not \"" + request.policy +
                                "\"; ask for no policy or for another namespace",
                            {"namespaces", "", ns}, {"policy", "ns"});
    }
    if (!request.policy.empty() && bound.empty()) {
      api::PatchOptions patch_options;
      patch_options.dry_run = dry_run;
      client_.patch(api::resources::namespaces(), "", ns,
                    {{"metadata", {{"labels", {{kPolicyLabel, request.policy}}}}}}, patch_options);
      result.namespace_labelled = true;
      if (!dry_run) {
        rollback.add([this, ns] {
          client_.patch(api::resources::namespaces(), "", ns,
                        {{"metadata", {{"labels", {{kPolicyLabel, nullptr}}}}}});
        });
      }
    }
  } else {
    result.namespace_created = true;
    // Only the namespace this call made, and only while no Cluster lives there: a parallel
    // `kraft create -n NS` may have put its cluster into it meanwhile.
    if (!dry_run) rollback.add(undo_namespace(client_, ns, *made));
  }

  json body = result.cluster.to_json();
  if (!key.empty()) body["metadata"]["annotations"][kCreateIdAnnotation] = key;
  // kube-apiserver refuses any object in a namespace that does not exist, even in a dry run;
  // the schema and CEL rules do not depend on the namespace, so a server dry run for a new
  // namespace checks the Cluster in "default" and reports it where it would be created.
  std::string create_ns = ns;
  if (dry_run && result.namespace_created) {
    create_ns = "default";
    body["metadata"]["namespace"] = create_ns;
  }
  api::WriteOptions write_options;
  write_options.dry_run = dry_run;
  json created;
  try {
    created = client_.create(clusters(), create_ns, body, write_options);
  } catch (const api::ApiError& e) {
    if (!e.is_already_exists()) throw;
    std::optional<json> there;
    if (!key.empty() && !dry_run) there = client_.get_opt(clusters(), create_ns, request.name);
    if (there && carries_key(*there, key)) {
      created = std::move(*there);  // made by an earlier attempt of this create
    } else {
      throw api::AlreadyExistsError("cluster \"" + result.ref.str() +
                                        "\" already exists; see it with: kraft get " +
                                        result.ref.str(),
                                    result.ref.object());
    }
  }
  if (!dry_run) {
    rollback.add([this, ref = result.ref] { client_.remove(clusters(), ref.ns, ref.name); });
  }
  if (create_ns != ns) created["metadata"]["namespace"] = ns;
  result.cluster = Cluster::from_json(created);

  if (routed) {
    json route = traefik_route(result.cluster, request.host);
    route["metadata"]["namespace"] = create_ns;
    result.traefik_route = client_.create(ingress_route_tcps(), create_ns, route, write_options);
  }
  rollback.commit();
  return result;
}

}  // namespace kraft::k3k
