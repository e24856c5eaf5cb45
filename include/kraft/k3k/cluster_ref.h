#pragma once
// Which cluster a command means: `NS/NAME`, or NAME with -n NS, or NAME alone in K3k's
// default namespace k3k-NAME.
#include <string>
#include <string_view>

#include <kraft/core/error.h>

namespace kraft::k3k {

struct ClusterRef {
  std::string ns;
  std::string name;

  std::string str() const { return ns + "/" + name; }  ///< "NS/NAME"
  /// The cluster as errors name it: {"clusters.k3k.io", ns, name}.
  ObjectRef object() const { return {"clusters.k3k.io", ns, name}; }
  bool operator==(const ClusterRef&) const = default;
};

/// Parses `arg` ("NAME" or "NS/NAME"); `given_ns` is a namespace given separately (kraft's
/// -n; "" when none). Without either namespace the cluster is in k3k-NAME. Throws
/// ValidationError for invalid names, for more than one '/', and when NS/NAME and `given_ns`
/// disagree (its fields() then name "ns").
ClusterRef resolve_cluster_ref(std::string_view arg, std::string_view given_ns);

}  // namespace kraft::k3k
