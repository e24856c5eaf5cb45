// URL layout of kube-apiserver (API conventions, "Resources"): the core group lives under
// /api/v1, every other group under /apis/GROUP/VERSION; namespaced resources add
// namespaces/NS unless they are listed or watched across every namespace.
#include <kraft/api/resource.h>

#include <kraft/core/error.h>

#include "api/url.h"

namespace kraft::api {

namespace {

// client-go refuses these too (rest.Request.Name, IsValidPathSegmentName): an empty name would
// address the collection (a DELETE would remove everything), and "." or ".." are removed from
// the URL by libcurl, addressing a parent path.
void require_path_segment(const std::string& value, const char* what, const ResourceInfo& r) {
  if (value.empty() || value == "." || value == ".." ||
      value.find_first_of("/%") != std::string::npos) {
    throw ValidationError("invalid " + std::string(what) + " \"" + value + "\" for " +
                          r.qualified_name() +
                          ": names must be non-empty and may not be \".\", \"..\" or contain "
                          "'/' or '%'");
  }
}

}  // namespace

std::string resource_path(const ResourceInfo& r, const std::string& ns, const std::string& name,
                          const std::string& subresource) {
  std::string path = r.group.empty() ? "/api/" + r.version : "/apis/" + r.group + "/" + r.version;
  if (r.namespaced && !ns.empty()) {
    require_path_segment(ns, "namespace", r);
    path += "/namespaces/" + url_escape(ns);
  }
  path += "/" + r.plural;
  if (!name.empty()) {
    require_path_segment(name, "name", r);
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
const ResourceInfo& stateful_sets() {
  static const ResourceInfo info{"apps", "v1", "StatefulSet", "statefulsets", true};
  return info;
}
const ResourceInfo& ingresses() {
  static const ResourceInfo info{"networking.k8s.io", "v1", "Ingress", "ingresses", true};
  return info;
}

}  // namespace resources
}  // namespace kraft::api
