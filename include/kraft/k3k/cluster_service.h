#pragma once
// ClusterService: the life cycle of K3k virtual clusters on a host cluster, as kraft's
// commands and C++ programs use it. Every operation validates its input before the first
// request, and create undoes what it did when a later step fails, so nothing is left
// half-created. Waiting is built on watches, never on polling.
//
//   kraft::k3k::ClusterService clusters(kraft::api::Client::connect(config));
//   auto created = clusters.create({.name = "demo", .servers = 1});
//   clusters.wait_ready(created.ref, {.timeout = std::chrono::minutes(5)});
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <kraft/api/client.h>
#include <kraft/core/error.h>
#include <kraft/core/executor.h>
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/cluster_request.h>
#include <kraft/k3k/errors.h>

namespace kraft::k3k {

/// Label kraft puts on the namespaces (and Clusters) it creates.
inline constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char* kManagedByValue = "kraft";
/// Label binding a namespace to a VirtualClusterPolicy.
inline constexpr const char* kPolicyLabel = "policy.k3k.io/policy-name";

/// Traefik's IngressRouteTCP (traefik.io/v1alpha1), for --expose traefik.
const api::ResourceInfo& ingress_route_tcps();
/// Name of the IngressRouteTCP kraft creates for a cluster: k3k-NAME-traefik.
std::string traefik_route_name(std::string_view cluster);

enum class DryRun { kNone, kClient, kServer };

/// Annotation carrying CreateOptions::idempotency_key on what create() makes.
inline constexpr const char* kCreateIdAnnotation = "kraft.k3k.io/create-id";

struct CreateOptions {
  /// kClient: validate and build only, no request beyond discovery; kServer: the API server
  /// validates every object (dryRun=All) and stores nothing.
  DryRun dry_run = DryRun::kNone;
  /// When set, the namespace and Cluster create() makes carry it (kCreateIdAnnotation), and
  /// a retried create() that finds them already there with the same key takes them as its
  /// own: a POST that succeeded although its answer was lost is not a failure.
  std::string idempotency_key;
};

/// How create_many() and remove_many() run their items.
struct BatchOptions {
  int parallel = 16;           ///< operations in flight at most
  CancellationToken cancel{};  ///< once cancelled, items not yet started do nothing
  /// Attempts per item when it fails with a transport error, a 5xx or a 429 (create only,
  /// with an idempotency key so a retried create recognises what it made).
  int attempts = 3;
};

struct CreateResult {
  ClusterRef ref;
  Cluster cluster;  ///< as the server returned it (as built, for a client dry run)
  bool namespace_created = false;
  bool namespace_labelled = false;  ///< an existing namespace was bound to the policy
  std::optional<nlohmann::json> traefik_route;  ///< the IngressRouteTCP, for --expose traefik
  std::vector<std::string> warnings;  ///< e.g. agents are ignored in shared mode
};

struct ListQuery {
  std::string ns;              ///< "" lists every namespace
  std::string label_selector;  ///< "k=v,k2!=v2"
  /// Keep metadata.managedFields (kubectl's --show-managed-fields); hidden by default.
  bool show_managed_fields = false;
};

struct ScaleRequest {
  std::optional<int> servers;  ///< >= 1
  std::optional<int> agents;   ///< >= 0
};

struct ScaleResult {
  Cluster cluster;
  std::vector<std::string> warnings;  ///< e.g. agents are ignored in shared mode
};

struct RemoveOptions {
  bool keep_data = false;       ///< leave the server PVCs (cluster=NAME,role=server)
  bool keep_namespace = false;  ///< never delete the namespace
  bool dry_run = false;         ///< dryRun=All on every delete
};

struct RemoveResult {
  ClusterRef ref;
  bool found = true;  ///< false: there was no such cluster (nothing was done)
  std::vector<std::string> deleted_pvcs;
  bool namespace_deleted = false;
  /// Why the namespace stays, when kraft created it but keeps it ("other clusters live
  /// there", "its PVCs stay" with keep_data); empty when it is deleted or kraft did not create it.
  std::string namespace_kept_because;
};

struct WaitOptions {
  std::chrono::milliseconds timeout = std::chrono::minutes(5);
  /// Failed observations tolerated before giving up (K3k's CLI tolerates three). Each change
  /// into Failed is one, and so is each `failed_recheck` the cluster stays Failed.
  int failed_tolerance = 3;
  std::chrono::milliseconds failed_recheck = std::chrono::seconds(10);
  /// Ready only counts once the Ready condition has observed this generation (after a scale
  /// or update); 0 accepts any.
  std::int64_t min_generation = 0;
  /// Called with the cluster each time its phase (or the Ready condition's message) changes.
  std::function<void(const Cluster&)> on_change;
};

/// What `kraft describe` shows besides the Cluster.
struct ClusterDetails {
  Cluster cluster;
  std::optional<nlohmann::json> server_statefulset;  ///< k3k-NAME-server
  std::optional<nlohmann::json> service;             ///< k3k-NAME-service
  std::optional<nlohmann::json> ingress;             ///< k3k-NAME-ingress
  std::optional<nlohmann::json> traefik_route;       ///< k3k-NAME-traefik
  std::vector<nlohmann::json> events;                ///< the namespace's Events, oldest first
};

class ClusterService {
 public:
  explicit ClusterService(api::Client client);

  const api::Client& client() const { return client_; }

  /// Creates the namespace if missing (labelled managed-by=kraft, and bound to
  /// request.policy), checks the policy and the Traefik CRDs and host collisions first,
  /// creates the Cluster (fieldValidation=Strict) and, for --expose traefik, its
  /// IngressRouteTCP (owned by the Cluster). On failure, what was created is deleted.
  CreateResult create(const ClusterRequest& request, const CreateOptions& options = {}) const;

  /// The cluster; ApiError 404 whose message suggests close names (in the namespace or,
  /// for the same name, in other namespaces).
  Cluster get(const ClusterRef& ref) const;
  std::optional<Cluster> get_opt(const ClusterRef& ref) const;
  /// Every matching cluster, sorted by namespace then name. Throws (before any request)
  /// when K3k is not installed, so an empty list means "none", not "no CRD".
  std::vector<Cluster> list(const ListQuery& query = {}) const;

  /// Patches spec.servers/spec.agents; refuses values K3k refuses (servers < 1, agents < 0,
  /// nothing to change).
  ScaleResult scale(const ClusterRef& ref, const ScaleRequest& request,
                    bool dry_run = false) const;

  /// Read-modify-write of the whole object (PUT with resourceVersion), retried on conflict.
  Cluster update(const ClusterRef& ref, const std::function<void(Cluster&)>& mutate) const;

  /// Deletes the cluster, its server PVCs unless keep_data, and its namespace when kraft
  /// created it (managed-by=kraft) and nothing else lives there. found=false when there is
  /// no such cluster.
  RemoveResult remove(const ClusterRef& ref, const RemoveOptions& options = {}) const;

  /// Waits until the cluster is Ready (and, when the spec asks for N servers, the server
  /// StatefulSet has N ready replicas). Throws ClusterRejectedError on Pending,
  /// ClusterFailedError past failed_tolerance, ClusterDeletingError when it is being deleted,
  /// WaitTimeoutError on timeout, api::NotFoundError if the cluster is deleted meanwhile.
  Cluster wait_ready(const ClusterRef& ref, const WaitOptions& options = {}) const;
  /// Waits until the cluster object is gone (its finalizer done). WaitTimeoutError on timeout.
  void wait_deleted(const ClusterRef& ref, const WaitOptions& options = {}) const;

  /// Creates every request, options.parallel at a time, each as create() does (and undone
  /// the same way when it fails). An idempotency key is made when `create` has none. One
  /// outcome per request, in order; `on_done` (optional) runs as each one ends.
  std::vector<Outcome<CreateResult>> create_many(
      const std::vector<ClusterRequest>& requests, const CreateOptions& create,
      const BatchOptions& batch,
      const std::function<void(std::size_t, const Outcome<CreateResult>&)>& on_done = {}) const;
  /// Removes every cluster, batch.parallel at a time, as remove() does.
  std::vector<Outcome<RemoveResult>> remove_many(
      const std::vector<ClusterRef>& refs, const RemoveOptions& options, const BatchOptions& batch,
      const std::function<void(std::size_t, const Outcome<RemoveResult>&)>& on_done = {}) const;

  /// wait_ready for many clusters at once, on one shared list and watch: one namespace's when
  /// they all live in one, else a cluster-wide one (per namespace when that is forbidden).
  /// One outcome per ref, in order: the Ready cluster, or the error wait_ready(ref) throws.
  /// on_change runs for every cluster, one call at a time.
  std::vector<Outcome<Cluster>> wait_ready(const std::vector<ClusterRef>& refs,
                                           const WaitOptions& options = {}) const;
  /// wait_deleted for many clusters at once, on one shared list and watch.
  std::vector<Outcome<ClusterRef>> wait_deleted(const std::vector<ClusterRef>& refs,
                                                const WaitOptions& options = {}) const;

  /// The cluster plus the objects K3k made for it and the namespace's recent events.
  ClusterDetails describe(const ClusterRef& ref) const;

 private:
  api::Client client_;
};

}  // namespace kraft::k3k
