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

/// Parses `arg` ("NAME" or "NS/NAME"); `ns_flag` is -n's value ("" when not given). Without
/// either namespace the cluster is in k3k-NAME. Throws ValidationError for invalid names, for
/// more than one '/', and when NS/NAME and -n disagree.
ClusterRef resolve_cluster_ref(std::string_view arg, std::string_view ns_flag);

}  // namespace kraft::k3k
