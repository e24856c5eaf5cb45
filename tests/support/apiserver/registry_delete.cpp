// DELETE and DELETE-collection: preconditions, finalizers, propagation policies.
#include "fields/selectors.h"
#include "registry_impl.h"
#include "status.h"

namespace kraft::testing {

namespace {

bool contains(const json& list, const std::string& value) {
  if (!list.is_array()) return false;
  for (const auto& v : list) {
    if (v == value) return true;
  }
  return false;
}

json success_status(const ResourceType& type, const json& object) {
  json details = json::object();
  details["name"] = object["metadata"].value("name", "");
  if (!type.group.empty()) details["group"] = type.group;
  details["kind"] = type.plural;
  details["uid"] = object["metadata"].value("uid", "");
  return json{{"kind", "Status"},
              {"apiVersion", "v1"},
              {"metadata", json::object()},
              {"status", "Success"},
              {"details", details}};
}

/// DeleteOptions from the body and the query (propagationPolicy, dryRun); an error response
/// for a body that is not JSON or an unknown policy.
std::optional<ApiResponse> delete_options(const ApiRequest& req, json& options, bool& dry_run) {
  options = json::object();
  if (!req.body.empty()) {
    options = json::parse(req.body, nullptr, false);
    if (!options.is_object()) return bad_request("the DeleteOptions body is not valid JSON");
  }
  if (req.has_param("propagationPolicy")) options["propagationPolicy"] = req.param("propagationPolicy");
  if (options.contains("dryRun") && options["dryRun"] == json::array({"All"})) dry_run = true;
  std::string policy = options.value("propagationPolicy", "");
  if (!policy.empty() && policy != "Foreground" && policy != "Background" && policy != "Orphan") {
    return bad_request("propagationPolicy: Unsupported value: \"" + policy +
                       "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
  }
  return std::nullopt;
}

}  // namespace

ApiResponse Registry::Impl::remove(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  const json* live = find(*r.type, r.ns, r.name);
  if (live == nullptr) return not_found(r.type->name(), r.name);

  json options;
  if (auto bad = delete_options(req, options, dry_run)) return *bad;

  const json& meta = (*live)["metadata"];
  if (options.contains("preconditions") && options["preconditions"].is_object()) {
    const json& pre = options["preconditions"];
    auto conflict = [&](const std::string& message) {
      json details = {{"name", r.name}, {"group", r.type->group}, {"kind", r.type->kind}};
      if (r.type->group.empty()) details.erase("group");
      return status_response(409, "Conflict",
                             "Operation cannot be fulfilled on " + r.type->qualified_kind() +
                                 " \"" + r.name + "\": " + message,
                             details);
    };
    if (pre.contains("uid") && pre["uid"].is_string() && pre["uid"] != meta["uid"]) {
      return conflict("the UID in the precondition (" + pre["uid"].get<std::string>() +
                      ") does not match the UID in record (" + meta["uid"].get<std::string>() +
                      "). The object might have been deleted and then recreated");
    }
    if (pre.contains("resourceVersion") && pre["resourceVersion"].is_string() &&
        pre["resourceVersion"] != meta["resourceVersion"]) {
      return conflict("the ResourceVersion in the precondition (" +
                      pre["resourceVersion"].get<std::string>() +
                      ") does not match the ResourceVersion in record (" +
                      meta["resourceVersion"].get<std::string>() +
                      "). The object might have been modified");
    }
  }
  json copy = *live;
  return delete_object(*r.type, copy, options, dry_run);
}

ApiResponse Registry::Impl::delete_object(const ResourceType& type, const json& live,
                                          const json& delete_options, bool dry_run) {
  json object = live;
  json& meta = object["metadata"];
  const bool already_deleting = meta.contains("deletionTimestamp");

  if (type.kind == "Namespace") {
    // The namespace controller empties it first; meanwhile it is Terminating. A later DELETE
    // removes it only once nothing is left in spec.finalizers (namespace REST.Delete).
    if (already_deleting) {
      if (!object["spec"].value("finalizers", json::array()).empty() ||
          !meta.value("finalizers", json::array()).empty()) {
        return ApiResponse::json(200, object);
      }
      if (!dry_run) finish_deletion(type, live);
      return ApiResponse::json(200, success_status(type, live));
    }
    meta["deletionTimestamp"] = now();
    object["status"]["phase"] = "Terminating";
    if (dry_run) return ApiResponse::json(200, object);
    json stored = commit_put(type, std::move(object), false);
    std::string name = stored["metadata"]["name"];
    enqueue_task(options.namespace_finalize_delay, [this, name] { finalize_namespace(name); });
    return ApiResponse::json(200, stored);
  }

  json finalizers = meta.value("finalizers", json::array());
  std::string policy = delete_options.value("propagationPolicy", "");
  bool added = false;
  if (policy == "Foreground" && !contains(finalizers, "foregroundDeletion")) {
    finalizers.push_back("foregroundDeletion");
    added = true;
  } else if (policy == "Orphan" && !contains(finalizers, "orphan")) {
    finalizers.push_back("orphan");
    added = true;
  }
  if (finalizers.empty()) {
    if (!dry_run) finish_deletion(type, live);
    return ApiResponse::json(200, success_status(type, live));
  }
  if (already_deleting && !added) {
    // A repeated DELETE while finalizers hold the object returns it unchanged.
    return ApiResponse::json(200, live);
  }
  meta["finalizers"] = finalizers;
  if (!already_deleting) {
    meta["deletionTimestamp"] = now();
    meta["deletionGracePeriodSeconds"] = 0;
    if (meta.contains("generation")) meta["generation"] = meta["generation"].get<long long>() + 1;
  }
  if (dry_run) return ApiResponse::json(200, object);
  json stored = commit_put(type, std::move(object), false);
  schedule_garbage_collection();
  return ApiResponse::json(200, stored);
}

void Registry::Impl::finish_deletion(const ResourceType& type, const json& object) {
  commit_erase(type, object);
  // Dependents whose owner is gone are collected in the background.
  schedule_garbage_collection();
}

ApiResponse Registry::Impl::remove_collection(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  json options;
  if (auto bad = delete_options(req, options, dry_run)) return *bad;
  // genericregistry.Store.DeleteCollection: list with the request's ListOptions (selectors,
  // limit, resourceVersion: the same rules and errors as a list), delete each item as a
  // DELETE would (finalizers and propagation policy included), and answer with that list:
  // the objects as they were before, in a List of the kind's list type.
  ApiResponse listed = list(req, r);
  if (listed.status != 200) return listed;
  json body = json::parse(listed.body);
  if (r.type->namespaced && r.ns.empty() && !body["items"].empty()) {
    // Only custom resources route a cluster-wide DELETE; each item's storage key then needs
    // a namespace that the request does not have (NamespaceKeyFunc).
    return bad_request("Namespace parameter required.");
  }
  for (const json& item : body["items"]) {
    const json* live = find(*r.type, r.ns, item["metadata"].value("name", ""));
    if (live == nullptr) continue;  // gone meanwhile: NotFound is ignored
    json copy = *live;
    delete_object(*r.type, copy, options, dry_run);
  }
  return listed;
}

}  // namespace kraft::testing
