#pragma once
// What identifies a resource on the wire: group, version, kind, plural, scope. URL building is
// pure and tested without I/O.
#include <string>

namespace kraft::api {

struct ResourceInfo {
  std::string group;    ///< "" for the core group
  std::string version;
  std::string kind;
  std::string plural;
  bool namespaced = true;

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  /// "clusters.k3k.io" / "namespaces": how kubectl and error messages name it.
  std::string qualified_name() const { return group.empty() ? plural : plural + "." + group; }
};

/// /api/v1/namespaces/NS/PLURAL[/NAME] or /apis/G/V/...; `ns` empty on a namespaced resource
/// means every namespace. Names and namespaces are URL-escaped.
std::string resource_path(const ResourceInfo& r, const std::string& ns,
                          const std::string& name = "", const std::string& subresource = "");

/// Well-known resources kraft uses.
namespace resources {
const ResourceInfo& namespaces();
const ResourceInfo& secrets();
const ResourceInfo& services();
const ResourceInfo& pods();
const ResourceInfo& events();
const ResourceInfo& persistent_volume_claims();
/// apps/v1 StatefulSets (K3k's server pods: k3k-NAME-server).
const ResourceInfo& stateful_sets();
/// networking.k8s.io/v1 Ingresses (K3k's expose.ingress: k3k-NAME-ingress).
const ResourceInfo& ingresses();
}  // namespace resources

}  // namespace kraft::api
