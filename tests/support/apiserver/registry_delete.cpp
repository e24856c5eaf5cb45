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

}  // namespace

ApiResponse Registry::Impl::remove(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  const json* live = find(*r.type, r.ns, r.name);
  if (live == nullptr) return not_found(r.type->name(), r.name);

  json options = json::object();
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
    // The namespace controller empties it first; meanwhile it is Terminating.
    if (already_deleting) return ApiResponse::json(200, object);
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
  enqueue_task(std::chrono::milliseconds(0), [this] { collect_garbage(); });
  return ApiResponse::json(200, stored);
}

void Registry::Impl::finish_deletion(const ResourceType& type, const json& object) {
  commit_erase(type, object);
  // Dependents whose owner is gone are collected in the background.
  enqueue_task(std::chrono::milliseconds(0), [this] { collect_garbage(); });
}

ApiResponse Registry::Impl::remove_collection(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  LabelSelector labels;
  FieldSelector fields;
  if (auto bad = parse_selectors(req, *r.type, labels, fields)) return *bad;
  json options = json::object();
  if (req.has_param("propagationPolicy")) options["propagationPolicy"] = req.param("propagationPolicy");
  std::vector<json> victims;
  for (const json* o : store.list(r.type->id(), r.type->namespaced ? r.ns : "")) {
    if (labels.matches((*o)["metadata"].value("labels", json::object())) && fields.matches(*o)) {
      victims.push_back(*o);
    }
  }
  json items = json::array();
  for (const auto& v : victims) {
    delete_object(*r.type, v, options, dry_run);
    items.push_back(v);
  }
  return ApiResponse::json(200, {{"kind", r.type->list_kind},
                                 {"apiVersion", r.type->api_version()},
                                 {"metadata", {{"resourceVersion", std::to_string(store.current_rv())}}},
                                 {"items", items}});
}

}  // namespace kraft::testing
