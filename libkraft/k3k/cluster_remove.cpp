// ClusterService::remove: the Cluster, then what K3k leaves behind. Server PVCs are not
// owned by the Cluster (K3k's CLI deletes them by label), and the namespace goes only when
// kraft created it and nothing but this cluster lived there: deleting a namespace deletes
// everything in it, so any doubt keeps it.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/errors.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "k3k/cluster_remove_steps.h"

namespace kraft::k3k {
namespace remove_steps {
namespace {

using nlohmann::json;

api::DeleteOptions delete_options(const RemoveOptions& options) {
  api::DeleteOptions d;
  d.propagation_policy = "Background";
  d.dry_run = options.dry_run;
  return d;
}

// K3k's claims carry the label and the StatefulSet's claim name; a user's claim with the
// same (generic) labels is not ours to delete.
bool is_server_claim(const json& pvc, const ClusterRef& ref) {
  const std::string claim_prefix = "varlibrancherk3s-" + server_statefulset_name(ref.name) + "-";
  return api::label_at(pvc, "cluster") == ref.name && api::label_at(pvc, "role") == "server" &&
         api::metadata_string(pvc, "name").starts_with(claim_prefix);
}

}  // namespace

bool delete_cluster(const api::Client& client, const ClusterRef& ref,
                    const RemoveOptions& options) {
  // No GET first: the DELETE's 404 says the same.
  try {
    client.remove(clusters(), ref.ns, ref.name, delete_options(options));
    return true;
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
  }
  // A 404 from a host without the CRD is not "no such cluster"; a cached discovery answer
  // may predate K3k's removal.
  client.invalidate_discovery();
  require_k3k(client);
  return false;
}

void clean_up(const api::Client& client, const ClusterRef& ref, const RemoveOptions& options,
              const NamespaceContents* shared, RemoveResult& result) {
  // Every claim of the namespace, filtered here by K3k's labels: the namespace check below
  // needs the whole list anyway.
  json own_pvcs;
  std::vector<const json*> pvcs;
  if (shared != nullptr) {
    pvcs = shared->items(api::resources::persistent_volume_claims().plural, ref.ns);
  } else {
    api::ListOptions metadata;
    metadata.metadata_only = true;
    own_pvcs = client.list(api::resources::persistent_volume_claims(), ref.ns, metadata);
    if (auto items = own_pvcs.find("items"); items != own_pvcs.end() && items->is_array()) {
      for (const json& pvc : *items) pvcs.push_back(&pvc);  // pointers into own_pvcs itself
    }
  }
  for (const json* pvc : pvcs) {
    if (!is_server_claim(*pvc, ref)) continue;
    const std::string pvc_name(api::metadata_string(*pvc, "name"));
    if (options.keep_data) {
      result.kept_pvcs.push_back(pvc_name);
      continue;
    }
    try {
      client.remove(api::resources::persistent_volume_claims(), ref.ns, pvc_name,
                    delete_options(options));
    } catch (const api::ApiError& e) {
      if (!e.is_not_found()) throw;  // gone meanwhile: what we wanted
    }
    result.deleted_pvcs.push_back(pvc_name);
  }

  if (options.keep_namespace) return;
  std::optional<json> own_ns;
  const json* ns = nullptr;
  if (shared != nullptr) {
    ns = shared->namespace_object(ref.ns);  // only the namespaces kraft labelled were read
  } else {
    own_ns = client.get_opt(api::resources::namespaces(), "", ref.ns);
    if (own_ns) ns = &*own_ns;
  }
  if (ns == nullptr || api::label_at(*ns, kManagedByLabel) != kManagedByValue ||
      api::is_terminating(*ns)) {
    return;
  }
  if (shared != nullptr) {
    result.namespace_kept_because = shared->keeper(ref, !result.kept_pvcs.empty());
  } else {
    result.namespace_kept_because =
        NamespaceContents::read(client, ref.ns, &own_pvcs).keeper(ref, !result.kept_pvcs.empty());
  }
  if (!result.namespace_kept_because.empty()) return;
  try {
    client.remove(api::resources::namespaces(), "", ref.ns, delete_options(options));
    result.namespace_deleted = true;
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
  }
}

}  // namespace remove_steps

RemoveResult ClusterService::remove(const ClusterRef& ref, const RemoveOptions& options) const {
  RemoveResult result;
  result.ref = ref;
  result.found = remove_steps::delete_cluster(client_, ref, options);
  if (result.found) remove_steps::clean_up(client_, ref, options, nullptr, result);
  return result;
}

}  // namespace kraft::k3k
