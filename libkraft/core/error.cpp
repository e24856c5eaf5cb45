// ObjectRef's text, as messages and kubectl name an object: "clusters.k3k.io ns/demo".
#include <kraft/core/error.h>

namespace kraft {

std::string ObjectRef::str() const {
  std::string object = !ns.empty() && !name.empty() ? ns + "/" + name : name;
  if (object.empty() && !ns.empty()) object = "in namespace " + ns;
  if (resource.empty()) return object;
  return object.empty() ? resource : resource + " " + object;
}

}  // namespace kraft
