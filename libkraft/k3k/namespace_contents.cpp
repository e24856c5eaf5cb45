// NamespaceContents: the lists behind "may this namespace go?" (see namespace_contents.h).
#include "k3k/namespace_contents.h"

#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/api/resource.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <set>

namespace kraft::k3k {
namespace {

using nlohmann::json;

struct Kind {
  api::ResourceInfo info;
  const char* label;
  std::set<std::string> always_there;  ///< what Kubernetes itself puts in every namespace
};

// The kinds people put in a namespace. Anything of these that is not K3k's for a leaving
// cluster keeps the namespace.
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

std::string name_of(const json& object) {
  return std::string(api::metadata_string(object, "name"));
}

// Whether an object belongs to one of `leaving` (the cluster being deleted and those already
// Terminating): its pods and claims by K3k's labels (servers, agents, and in shared mode the
// workloads synced to the host), everything else by K3k's name prefix k3k-NAME-.
bool belongs_to(const json& object, const std::set<std::string>& leaving) {
  const std::string name = name_of(object);
  for (const auto& cluster : leaving) {
    if (api::label_at(object, "cluster") == cluster ||
        api::label_at(object, "k3k.io/clusterName") == cluster ||
        name.starts_with(k3k_name(cluster) + "-") || name == k3k_name(cluster)) {
      return true;
    }
  }
  return false;
}

}  // namespace

NamespaceContents NamespaceContents::read(const api::Client& client, const std::string& ns,
                                          const json* pvcs) {
  NamespaceContents contents;
  contents.scope_ = ns;
  api::ListOptions options;
  options.metadata_only = true;  // names, labels and deletion marks are all the check reads
  contents.lists_["clusters"] = client.list(clusters(), ns, options);
  if (ns.empty()) {
    api::ListOptions managed = options;
    managed.label_selector = std::string(kManagedByLabel) + "=" + kManagedByValue;
    contents.namespaces_ = client.list(api::resources::namespaces(), "", managed);
  }
  for (const Kind& kind : kinds_that_keep_a_namespace()) {
    const std::string& plural = kind.info.plural;
    if (pvcs != nullptr && plural == api::resources::persistent_volume_claims().plural) {
      contents.lists_[plural] = *pvcs;
      continue;
    }
    try {
      contents.lists_[plural] = client.list(kind.info, ns, options);
    } catch (const api::ApiError& e) {
      if (e.is_not_found()) continue;  // a kind this server does not serve
      // Host-wide, the caller falls back to one namespace at a time, where it may be allowed.
      if (e.is_forbidden() && !ns.empty()) {
        contents.unreadable_[plural] = "kraft may not list its " + plural + " to check";
        continue;
      }
      throw;
    }
  }
  for (const auto& [plural, list] : contents.lists_) {
    auto items = list.find("items");
    if (items == list.end() || !items->is_array()) continue;
    for (const json& item : *items) {
      // A namespace's own lists: every item is in it, whatever its metadata says.
      const std::string item_ns = ns.empty() ? std::string(api::metadata_string(item, "namespace")) : ns;
      contents.by_ns_[{plural, item_ns}].push_back(&item);
    }
  }
  return contents;
}

std::vector<const json*> NamespaceContents::items(const std::string& plural,
                                                  const std::string& ns) const {
  auto it = by_ns_.find({plural, scope_.empty() ? ns : scope_});
  return it == by_ns_.end() ? std::vector<const json*>{} : it->second;
}

std::string NamespaceContents::unreadable(const std::string& plural) const {
  auto it = unreadable_.find(plural);
  return it == unreadable_.end() ? "" : it->second;
}

const json* NamespaceContents::namespace_object(const std::string& ns) const {
  if (!namespaces_) return nullptr;
  auto items = namespaces_->find("items");  // not value(): that returns a copy
  if (items == namespaces_->end() || !items->is_array()) return nullptr;
  for (const json& item : *items) {
    if (name_of(item) == ns) return &item;
  }
  return nullptr;
}

std::string NamespaceContents::keeper(const ClusterRef& ref, bool claims_kept) const {
  std::set<std::string> leaving{ref.name};
  for (const json* other : items("clusters", ref.ns)) {
    const std::string name = name_of(*other);
    if (api::is_terminating(*other)) {
      leaving.insert(name);
    } else if (name != ref.name) {
      return "cluster \"" + name + "\" also lives there";
    }
  }
  if (claims_kept) return "its PersistentVolumeClaims are kept";
  for (const Kind& kind : kinds_that_keep_a_namespace()) {
    if (std::string why = unreadable(kind.info.plural); !why.empty()) return why;
    for (const json* object : items(kind.info.plural, ref.ns)) {
      if (!api::is_terminating(*object) && !belongs_to(*object, leaving) &&
          !kind.always_there.count(name_of(*object))) {
        return std::string(kind.label) + " \"" + name_of(*object) +
               "\" does not belong to the cluster";
      }
    }
  }
  return "";
}

}  // namespace kraft::k3k
