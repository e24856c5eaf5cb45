// ClusterService::remove: the Cluster, then what K3k leaves behind. Server PVCs are not
// owned by the Cluster (K3k's CLI deletes them by label), and the namespace goes only when
// kraft created it and nothing but this cluster lived there: deleting a namespace deletes
// everything in it, so any doubt keeps it.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace kraft::k3k {
namespace {

using nlohmann::json;

using api::is_terminating;
using api::label_at;

std::string name_of(const json& object) {
  return std::string(api::metadata_string(object, "name"));
}

// Whether an object belongs to one of `leaving` (the cluster being deleted and those already
// Terminating): its pods and claims by K3k's labels (servers, agents, and in shared mode the
// workloads synced to the host), everything else by K3k's name prefix k3k-NAME-.
bool belongs_to(const json& object, const std::set<std::string>& leaving) {
  const std::string name = name_of(object);
  for (const auto& cluster : leaving) {
    if (label_at(object, "cluster") == cluster ||
        label_at(object, "k3k.io/clusterName") == cluster ||
        name.starts_with(k3k_name(cluster) + "-") || name == k3k_name(cluster)) {
      return true;
    }
  }
  return false;
}

struct Kind {
  api::ResourceInfo info;
  const char* label;
  std::set<std::string> always_there;  ///< what Kubernetes itself puts in every namespace
};

// The kinds people put in a namespace. Anything of these that is not K3k's for a leaving
// cluster keeps the namespace: deleting a namespace deletes everything in it.
const std::vector<Kind>& kinds_that_keep_a_namespace() {
  static const std::vector<Kind> kinds = {
      {api::resources::pods(), "pod", {}},
      {api::resources::persistent_volume_claims(), "PersistentVolumeClaim", {}},
      {api::resources::services(), "service", {}},
      {api::resources::secrets(), "secret", {}},
      {{"", "v1", "ConfigMap", "configmaps", true}, "configmap", {"kube-root-ca.crt"}},
      {api::resources::stateful_sets(), "statefulset", {}},
      {{"apps", "v1", "Deployment", "deployments", true}, "deployment", {}},
      {{"apps", "v1", "DaemonSet", "daemonsets", true}, "daemonset", {}},
      {{"batch", "v1", "Job", "jobs", true}, "job", {}},
      {{"batch", "v1", "CronJob", "cronjobs", true}, "cronjob", {}},
  };
  return kinds;
}

// Why namespace `ns` must stay after cluster `name` is gone, or "" when it may go. `pvcs` is
// the namespace's PVC list remove() already has (one request fewer).
std::string namespace_keeper(const api::Client& client, const ClusterRef& ref,
                             const std::vector<std::string>& kept_pvcs, const json& pvcs) {
  // Each list is named: a range-for over a member of a temporary would dangle.
  const json others = client.list(clusters(), ref.ns);
  std::set<std::string> leaving{ref.name};
  for (const json& other : others.value("items", json::array())) {
    const std::string name = name_of(other);
    if (is_terminating(other)) {
      leaving.insert(name);
    } else if (name != ref.name) {
      return "cluster \"" + name + "\" also lives there";
    }
  }
  if (!kept_pvcs.empty()) return "its PersistentVolumeClaims stay, as asked";
  for (const Kind& kind : kinds_that_keep_a_namespace()) {
    json list;
    try {
      list = kind.info.plural == api::resources::persistent_volume_claims().plural
                 ? pvcs
                 : client.list(kind.info, ref.ns);
    } catch (const api::ApiError& e) {
      if (e.is_not_found()) continue;  // a kind this server does not serve
      if (e.is_forbidden()) return "kraft may not list its " + kind.info.plural + " to check";
      throw;
    }
    for (const json& object : list.value("items", json::array())) {
      if (!is_terminating(object) && !belongs_to(object, leaving) &&
          !kind.always_there.count(name_of(object))) {
        return std::string(kind.label) + " \"" + name_of(object) +
               "\" does not belong to the cluster";
      }
    }
  }
  return "";
}

}  // namespace

RemoveResult ClusterService::remove(const ClusterRef& ref, const RemoveOptions& options) const {
  RemoveResult result;
  result.ref = ref;
  api::DeleteOptions delete_options;
  delete_options.propagation_policy = "Background";
  delete_options.dry_run = options.dry_run;
  // No GET first: the DELETE's 404 says the same.
  try {
    client_.remove(clusters(), ref.ns, ref.name, delete_options);
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
    // A 404 from a host without the CRD is not "no such cluster"; a cached discovery answer
    // may predate K3k's removal.
    client_.invalidate_discovery();
    require_k3k(client_);
    result.found = false;
    return result;
  }

  std::vector<std::string> kept_pvcs;
  // Every claim of the namespace, filtered here by K3k's labels (server_selector): the
  // namespace check below needs the whole list anyway.
  const json pvcs = client_.list(api::resources::persistent_volume_claims(), ref.ns);
  // K3k's claims carry the label and the StatefulSet's claim name; a user's claim with the
  // same (generic) labels is not ours to delete.
  const std::string claim_prefix = "varlibrancherk3s-" + server_statefulset_name(ref.name) + "-";
  for (const json& pvc : pvcs.value("items", json::array())) {
    const std::string pvc_name = name_of(pvc);
    if (label_at(pvc, "cluster") != ref.name || label_at(pvc, "role") != "server" ||
        !pvc_name.starts_with(claim_prefix)) {
      continue;
    }
    if (options.keep_data) {
      kept_pvcs.push_back(pvc_name);
      continue;
    }
    try {
      client_.remove(api::resources::persistent_volume_claims(), ref.ns, pvc_name, delete_options);
    } catch (const api::ApiError& e) {
      if (!e.is_not_found()) throw;  // gone meanwhile: what we wanted
    }
    result.deleted_pvcs.push_back(pvc_name);
  }

  if (options.keep_namespace) return result;
  std::optional<json> ns = client_.get_opt(api::resources::namespaces(), "", ref.ns);
  if (!ns || label_at(*ns, kManagedByLabel) != kManagedByValue || is_terminating(*ns)) {
    return result;
  }
  result.namespace_kept_because = namespace_keeper(client_, ref, kept_pvcs, pvcs);
  if (!result.namespace_kept_because.empty()) return result;
  try {
    client_.remove(api::resources::namespaces(), "", ref.ns, delete_options);
    result.namespace_deleted = true;
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
  }
  return result;
}

}  // namespace kraft::k3k
