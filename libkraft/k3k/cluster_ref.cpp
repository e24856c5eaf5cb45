// Which cluster a command means. K3k puts cluster NAME in namespace k3k-NAME unless told
// otherwise, and kubectl users write either `-n NS NAME` or `NS/NAME`; both are accepted, and
// a contradiction between them is refused rather than silently resolved.
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/names.h>

#include <algorithm>

namespace kraft::k3k {

ClusterRef resolve_cluster_ref(std::string_view arg, std::string_view given_ns) {
  const auto slashes = std::count(arg.begin(), arg.end(), '/');
  if (slashes > 1) {
    throw ValidationError("cluster \"" + std::string(arg) +
                          "\" has more than one '/': write NAME or NAMESPACE/NAME");
  }
  std::string_view ns;
  std::string_view name = arg;
  if (slashes == 1) {
    const auto slash = arg.find('/');
    ns = arg.substr(0, slash);
    name = arg.substr(slash + 1);
    if (ns.empty()) {
      throw ValidationError("cluster \"" + std::string(arg) +
                            "\" has an empty namespace before '/': write NAMESPACE/NAME");
    }
    if (!given_ns.empty() && given_ns != ns) {
      throw ValidationError("cluster \"" + std::string(arg) + "\" is in namespace \"" +
                                std::string(ns) + "\" but the namespace given separately is \"" +
                                std::string(given_ns) + "\": give the namespace once",
                            {}, {"ns"});
    }
  } else {
    ns = given_ns;
  }
  validate_cluster_name(name);
  if (ns.empty()) return ClusterRef{default_namespace(name), std::string(name)};
  validate_namespace_name(ns);
  return ClusterRef{std::string(ns), std::string(name)};
}

}  // namespace kraft::k3k
