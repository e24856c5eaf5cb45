// URL layout of kube-apiserver (API conventions, "Resources"): the core group lives under
// /api/v1, every other group under /apis/GROUP/VERSION; namespaced resources add
// namespaces/NS unless they are listed or watched across every namespace.
#include <kraft/api/resource.h>

#include "api/url.h"

namespace kraft::api {

std::string resource_path(const ResourceInfo& r, const std::string& ns, const std::string& name,
                          const std::string& subresource) {
  std::string path = r.group.empty() ? "/api/" + r.version : "/apis/" + r.group + "/" + r.version;
  if (r.namespaced && !ns.empty()) path += "/namespaces/" + url_escape(ns);
  path += "/" + r.plural;
  if (!name.empty()) {
    path += "/" + url_escape(name);
    if (!subresource.empty()) path += "/" + subresource;
  }
  return path;
}

namespace resources {

const ResourceInfo& namespaces() {
  static const ResourceInfo info{"", "v1", "Namespace", "namespaces", false};
  return info;
}
const ResourceInfo& secrets() {
  static const ResourceInfo info{"", "v1", "Secret", "secrets", true};
  return info;
}
const ResourceInfo& services() {
  static const ResourceInfo info{"", "v1", "Service", "services", true};
  return info;
}
const ResourceInfo& pods() {
  static const ResourceInfo info{"", "v1", "Pod", "pods", true};
  return info;
}
const ResourceInfo& events() {
  static const ResourceInfo info{"", "v1", "Event", "events", true};
  return info;
}
const ResourceInfo& persistent_volume_claims() {
  static const ResourceInfo info{"", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true};
  return info;
}

}  // namespace resources
}  // namespace kraft::api
