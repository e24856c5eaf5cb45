#pragma once
// metav1.Status bodies exactly as kube-apiserver words them (see tests/data/kube-transcripts).
// `details.kind` is the lower-case plural for NotFound/AlreadyExists/Conflict/Forbidden and the
// Kind for schema 422s: callers pass whichever the real server uses.
#include <string>
#include <vector>

#include "api_types.h"
#include "schema/schema.h"

namespace kraft::testing {

/// Identifies the resource in messages: "clusters.k3k.io" / "namespaces" (group may be empty).
struct ResourceName {
  std::string plural;
  std::string group;
  std::string qualified() const { return group.empty() ? plural : plural + "." + group; }
};

/// The generic Status body; `details` may be null for none.
nlohmann::json status_body(int code, const std::string& reason, const std::string& message,
                           const nlohmann::json& details);

ApiResponse status_response(int code, const std::string& reason, const std::string& message,
                            const nlohmann::json& details = nlohmann::json());

ApiResponse not_found(const ResourceName& r, const std::string& name);
ApiResponse already_exists(const ResourceName& r, const std::string& name);
/// 409 for a stale resourceVersion on update.
ApiResponse update_conflict(const ResourceName& r, const std::string& name);
ApiResponse forbidden_resource(const UserInfo& user, const std::string& verb,
                               const ResourceName& r, const std::string& name,
                               const std::string& namespace_name);
ApiResponse forbidden_path(const UserInfo& user, const std::string& verb, const std::string& path);
ApiResponse unauthorized();
ApiResponse bad_request(const std::string& message);
/// 422 Invalid. `kind` is what details.kind shows ("Cluster" or "clusters"); `qualified_kind`
/// starts the message ("Cluster.k3k.io" or "clusters.k3k.io").
ApiResponse invalid(const std::string& qualified_kind, const std::string& kind,
                    const std::string& group, const std::string& name,
                    const std::vector<FieldCause>& causes);
ApiResponse unsupported_media_type(const std::string& accepted);
ApiResponse method_not_supported(const std::string& verb, const ResourceName& r);
/// go-restful's 405 for a path it routes but not with this method (HEAD, OPTIONS, DELETE on a
/// collection without deletecollection...), through kube-apiserver's serviceErrorHandler:
/// NewGenericServerResponse, whose empty details still show as `"details":{}`.
ApiResponse method_not_allowed();
/// The mux's plain-text 404 for paths no API group serves.
ApiResponse page_not_found();
/// JSON 404 for an unknown resource inside a served built-in group version.
ApiResponse resource_not_found();
ApiResponse too_many_requests(int retry_after_seconds);
ApiResponse internal_error(const std::string& message);
ApiResponse service_unavailable(const std::string& message);

}  // namespace kraft::testing
