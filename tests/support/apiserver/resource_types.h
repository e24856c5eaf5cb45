#pragma once
// The resources the test API server serves: a fixed set of built-in kinds kraft touches, plus
// every installed CRD. Also renders the discovery documents (/api, /apis, /apis/G[/V]).
#include <memory>
#include <string>
#include <vector>

#include "schema/crd.h"
#include "status.h"

namespace kraft::testing {

struct ResourceType {
  std::string group;    ///< "" for the core group
  std::string version;  ///< "v1", "v1beta1"
  std::string kind;
  std::string list_kind;
  std::string plural;
  std::string singular;
  bool namespaced = true;
  std::vector<std::string> short_names;
  bool has_status = false;  ///< status subresource served (status ignored on main writes)
  bool is_crd = false;
  std::shared_ptr<const Schema> schema;  ///< CRDs only

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  ResourceName name() const { return ResourceName{plural, group}; }
  /// "clusters.k3k.io", "namespaces": the key objects are stored under.
  std::string id() const { return name().qualified(); }
  /// "Cluster.k3k.io", as 422 messages name the kind.
  std::string qualified_kind() const { return group.empty() ? kind : kind + "." + group; }
};

class ResourceTypes {
 public:
  /// The built-in kinds: Namespace, Secret, Service, Pod, PVC, Event, ResourceQuota,
  /// LimitRange, Node, ConfigMap, StatefulSet, Deployment, DaemonSet, Ingress.
  ResourceTypes();

  /// Serves the CRD's served versions. Throws std::invalid_argument if its kind is taken.
  void install(const Crd& crd);
  /// Serves metrics.k8s.io/v1beta1 (PodMetrics, NodeMetrics), as metrics-server's APIService
  /// would: read-only, computed from pods and nodes (metrics_api.h).
  void install_metrics_api();

  const ResourceType* find(const std::string& group, const std::string& version,
                           const std::string& plural) const;
  /// By apiVersion ("k3k.io/v1beta1", "v1") and kind, for ownerReferences and apply.
  const ResourceType* find_kind(const std::string& api_version, const std::string& kind) const;
  const std::vector<ResourceType>& all() const { return types_; }

  bool serves_group(const std::string& group) const;
  bool serves_group_version(const std::string& group, const std::string& version) const;

  nlohmann::json api_versions(const std::string& server_address) const;  ///< GET /api
  nlohmann::json api_group_list() const;                                 ///< GET /apis
  nlohmann::json api_group(const std::string& group) const;             ///< GET /apis/G
  nlohmann::json api_resource_list(const std::string& group, const std::string& version) const;

 private:
  std::vector<ResourceType> types_;
  std::vector<std::string> crd_groups_;         ///< in install order
  std::vector<std::string> aggregated_groups_;  ///< served through an APIService (metrics)
};

/// discovery's storageVersionHash: base64(sha256("group/version/kind")[0:8]).
std::string storage_version_hash(const std::string& group, const std::string& version,
                                 const std::string& kind);

}  // namespace kraft::testing
