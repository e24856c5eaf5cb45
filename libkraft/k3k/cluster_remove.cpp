// ClusterService::remove: the Cluster, then what K3k leaves behind. Server PVCs are not
// owned by the Cluster (K3k's CLI deletes them by label), and the namespace goes only when
// kraft created it and nothing but this cluster lived there: deleting a namespace deletes
// everything in it, so any doubt keeps it.
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>
#include <set>

namespace kraft::k3k {
namespace {

using nlohmann::json;

std::string label(const json& object, const std::string& key) {
  const json labels = object.value("metadata", json::object()).value("labels", json::object());
  auto it = labels.find(key);
  return it != labels.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool terminating(const json& object) {
  return object.value("metadata", json::object()).contains("deletionTimestamp");
}

// Whether a pod or claim belongs to one of `leaving` (the cluster being deleted and those
// already Terminating): their servers, agents, claims, or (shared mode) the workloads they
// sync to the host. K3k may still be creating some of them while a cluster is deleted.
bool belongs_to(const json& object, const std::set<std::string>& leaving) {
  return leaving.count(label(object, "cluster")) || leaving.count(label(object, "k3k.io/clusterName"));
}

// Why namespace `ns` must stay after cluster `name` is gone, or "" when it may go.
std::string namespace_keeper(const api::Client& client, const ClusterRef& ref,
                             const std::vector<std::string>& kept_pvcs) {
  // Each list is named: a range-for over a member of a temporary would dangle.
  const json others = client.list(clusters(), ref.ns);
  std::set<std::string> leaving{ref.name};
  for (const json& other : others["items"]) {
    const std::string name = other["metadata"].value("name", "");
    if (terminating(other)) {
      leaving.insert(name);
    } else if (name != ref.name) {
      return "cluster \"" + name + "\" also lives there";
    }
  }
  if (!kept_pvcs.empty()) return "--keep-data: its PersistentVolumeClaims stay";
  const json pods = client.list(api::resources::pods(), ref.ns);
  for (const json& pod : pods["items"]) {
    if (!belongs_to(pod, leaving) && !terminating(pod)) {
      return "pod \"" + pod["metadata"].value("name", "") + "\" does not belong to the cluster";
    }
  }
  const json pvcs = client.list(api::resources::persistent_volume_claims(), ref.ns);
  for (const json& pvc : pvcs["items"]) {
    if (!belongs_to(pvc, leaving) && !terminating(pvc)) {
      return "PersistentVolumeClaim \"" + pvc["metadata"].value("name", "") +
             "\" does not belong to the cluster";
    }
  }
  return "";
}

}  // namespace

RemoveResult ClusterService::remove(const ClusterRef& ref, const RemoveOptions& options) const {
  RemoveResult result;
  result.ref = ref;
  if (!get_opt(ref)) {
    result.found = false;
    return result;
  }
  api::DeleteOptions delete_options;
  delete_options.propagation_policy = "Background";
  delete_options.dry_run = options.dry_run;
  client_.remove(clusters(), ref.ns, ref.name, delete_options);

  std::vector<std::string> kept_pvcs;
  api::ListOptions server_pvcs;
  server_pvcs.label_selector = server_selector(ref.name);
  const json pvcs = client_.list(api::resources::persistent_volume_claims(), ref.ns, server_pvcs);
  for (const json& pvc : pvcs["items"]) {
    const std::string pvc_name = pvc["metadata"].value("name", "");
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
  if (!ns || label(*ns, kManagedByLabel) != kManagedByValue || terminating(*ns)) return result;
  result.namespace_kept_because = namespace_keeper(client_, ref, kept_pvcs);
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
