#pragma once
// What a namespace holds, read for ClusterService::remove's question "may kraft delete this
// namespace now that its cluster is gone?". Read for one namespace (one list per kind in it),
// or for a whole batch of removals at once (one list per kind across the host, metadata only)
// so that deleting 200 clusters costs a dozen lists instead of 2,200.
#include <kraft/api/client.h>
#include <kraft/k3k/cluster_ref.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kraft::k3k {

class NamespaceContents {
 public:
  // The index points into the lists: moving keeps the map nodes where they are, copying not.
  NamespaceContents(NamespaceContents&&) = default;
  NamespaceContents(const NamespaceContents&) = delete;
  NamespaceContents& operator=(const NamespaceContents&) = delete;

  /// Lists the kinds that keep a namespace (and the clusters and namespaces themselves) in
  /// `ns`, or in every namespace when `ns` is empty. `pvcs`: a list of ns's claims already
  /// read, to reuse. Throws api::ForbiddenError when a host-wide list is not allowed.
  static NamespaceContents read(const api::Client& client, const std::string& ns,
                                const nlohmann::json* pvcs = nullptr);

  /// The items of a kind (by plural, "pods") in `ns`.
  std::vector<const nlohmann::json*> items(const std::string& plural, const std::string& ns) const;
  /// Why a kind could not be checked ("kraft may not list its secrets to check"), or "".
  std::string unreadable(const std::string& plural) const;
  /// The namespace object, when read and present.
  const nlohmann::json* namespace_object(const std::string& ns) const;

  /// Why namespace ref.ns must stay once cluster `ref` is gone, or "" when it may go: another
  /// cluster lives there, the cluster's claims are kept, or something else not K3k's for a
  /// leaving cluster is in it (deleting a namespace deletes everything in it).
  std::string keeper(const ClusterRef& ref, bool claims_kept) const;

 private:
  NamespaceContents() = default;
  std::map<std::string, nlohmann::json> lists_;  ///< plural -> List
  /// (plural, namespace) -> its items, built once: a batch asks per namespace and kind, and a
  /// scan of the host-wide list for each question would cost namespaces x items.
  std::map<std::pair<std::string, std::string>, std::vector<const nlohmann::json*>> by_ns_;
  std::map<std::string, std::string> unreadable_;
  std::optional<nlohmann::json> namespaces_;  ///< a List, when read host-wide
  std::string scope_;                         ///< the namespace read, "" for every namespace
};

}  // namespace kraft::k3k
