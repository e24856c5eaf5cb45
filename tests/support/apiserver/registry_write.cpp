// POST, PUT and PATCH: decode, prune, default, validate, track managed fields, store.
#include <openssl/rand.h>

#include <regex>

#include "fields/patch.h"
#include "registry_impl.h"
#include "schema/crd.h"
#include "status.h"

namespace kraft::testing {

namespace {

// k8s.io/apiserver's generateName suffix alphabet (no vowels, no confusable characters).
std::string random_suffix() {
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  unsigned char b[5];
  RAND_bytes(b, sizeof b);
  std::string out;
  for (unsigned char c : b) out.push_back(kAlphabet[c % (sizeof kAlphabet - 1)]);
  return out;
}

const std::regex& dns1123_subdomain() {
  static const std::regex re(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
  return re;
}
const std::regex& dns1123_label() {
  static const std::regex re(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
  return re;
}

std::vector<FieldCause> validate_name(const ResourceType& type, const json& meta) {
  std::string name = meta.value("name", "");
  if (name.empty()) {
    return {{"FieldValueRequired", "Required value: name or generateName is required",
             "metadata.name"}};
  }
  bool label = type.kind == "Namespace" || type.kind == "Service";
  if (label) {
    if (name.size() > 63 || !std::regex_match(name, dns1123_label())) {
      return {{"FieldValueInvalid",
               "Invalid value: \"" + name +
                   "\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
                   "characters or '-', and must start and end with an alphanumeric character "
                   "(e.g. 'my-name',  or '123-abc', regex used for validation is "
                   "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
               "metadata.name"}};
    }
  } else if (name.size() > 253 || !std::regex_match(name, dns1123_subdomain())) {
    return {{"FieldValueInvalid",
             "Invalid value: \"" + name +
                 "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                 "characters, '-' or '.', and must start and end with an alphanumeric character "
                 "(e.g. 'example.com', regex used for validation is "
                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
             "metadata.name"}};
  }
  return {};
}

/// Everything but metadata and status: a change here bumps metadata.generation.
json spec_part(const json& object) {
  json out = object;
  out.erase("metadata");
  out.erase("status");
  return out;
}

/// What a create of a built-in kind is compared against for managedFields: Go's zero value,
/// in which struct-typed fields (spec, status) are present but empty. So the creator owns
/// f:spec's children but not f:spec itself ("f:spec": {"f:hard": ...}, no "."), whereas a
/// custom resource starts from nothing and its creator owns "f:spec": {".": {}, ...}
/// (resourcequota-status.json).
json builtin_zero_object(const json& object) {
  json zero = json::object();
  for (const char* field : {"metadata", "spec", "status"}) {
    if (object.contains(field) && object[field].is_object()) zero[field] = json::object();
  }
  return zero;
}

ApiResponse invalid_for(const ResourceType& type, const std::string& name,
                        const std::vector<FieldCause>& causes) {
  return invalid(type.qualified_kind(), type.kind, type.group, name, causes);
}

}  // namespace

ApiResponse Registry::Impl::create(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  json object;
  if ((error = decode_object(req, r, object))) return *error;
  json& meta = object["metadata"];
  if (meta.value("name", "").empty() && !meta.value("generateName", "").empty()) {
    meta["name"] = meta["generateName"].get<std::string>() + random_suffix();
  }
  std::string name = meta.value("name", "");
  if (auto causes = validate_name(*r.type, meta); !causes.empty()) {
    return invalid_for(*r.type, name, causes);
  }
  if ((error = check_namespace_accepts(*r.type, r.ns, name))) return *error;
  if (find(*r.type, r.ns, name) != nullptr) return already_exists(r.type->name(), name);
  return admit_and_store(req, r, std::move(object), nullptr, true,
                         field_manager(req, r, "Update", now()), false, dry_run);
}

/// ValidateNamespaceFinalizeUpdate's finalizer names: qualified names, and a name without a
/// "/" must be a standard one (kubernetes, orphan, foregroundDeletion).
std::optional<ApiResponse> validate_namespace_finalizers(const json& ns) {
  std::vector<FieldCause> causes;
  json finalizers = ns.contains("spec") && ns["spec"].is_object()
                        ? ns["spec"].value("finalizers", json::array())
                        : json::array();
  for (size_t i = 0; i < finalizers.size(); ++i) {
    if (!finalizers[i].is_string()) continue;
    const std::string name = finalizers[i];
    if (name.find('/') == std::string::npos && name != "kubernetes" && name != "orphan" &&
        name != "foregroundDeletion") {
      causes.push_back({"FieldValueInvalid",
                        "Invalid value: \"" + name +
                            "\": name is neither a standard finalizer name nor is it fully "
                            "qualified",
                        "spec.finalizers[" + std::to_string(i) + "]"});
    }
  }
  if (causes.empty()) return std::nullopt;
  return invalid("Namespace", "Namespace", "", ns["metadata"].value("name", ""), causes);
}

ApiResponse Registry::Impl::update(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  json object;
  if ((error = decode_object(req, r, object))) return *error;
  std::string body_name = object["metadata"].value("name", "");
  if (body_name != r.name) {
    return bad_request("the name of the object (" + body_name +
                       ") does not match the name on the URL (" + r.name + ")");
  }
  const json* live = find(*r.type, r.ns, r.name);
  if (live == nullptr) return not_found(r.type->name(), r.name);
  if (r.subresource == "finalize") {
    if (auto bad = validate_namespace_finalizers(object)) return *bad;
  }
  std::string rv = object["metadata"].value("resourceVersion", "");
  if (rv.empty() && r.type->is_crd) {
    // Custom resources refuse unconditional updates (built-in kinds mostly allow them).
    return invalid(r.type->id(), r.type->plural, r.type->group, r.name,
                   {{"FieldValueInvalid", "Invalid value: 0x0: must be specified for an update",
                     "metadata.resourceVersion"}});
  }
  if (!rv.empty() && rv != (*live)["metadata"]["resourceVersion"].get<std::string>()) {
    return update_conflict(r.type->name(), r.name);
  }
  json old = *live;
  return admit_and_store(req, r, std::move(object), &old, false,
                         field_manager(req, r, "Update", now()), false, dry_run);
}

ApiResponse Registry::Impl::patch(const ApiRequest& req, const ResourceRequest& r) {
  std::optional<ApiResponse> error;
  bool dry_run = is_dry_run(req, error);
  if (error) return *error;
  const std::string mt = media_type(req.header("content-type"));
  const bool apply = mt == "application/apply-patch+yaml";
  const bool strategic = mt == "application/strategic-merge-patch+json";
  if (!apply && mt != "application/merge-patch+json" && mt != "application/json-patch+json" &&
      !(strategic && !r.type->is_crd)) {
    return unsupported_media_type(
        r.type->is_crd ? "application/json-patch+json, application/merge-patch+json, "
                         "application/apply-patch+yaml"
                       : "application/json-patch+json, application/merge-patch+json, "
                         "application/strategic-merge-patch+json, application/apply-patch+yaml");
  }
  if (apply && req.param("fieldManager").empty()) {
    return status_response(
        422, "Invalid",
        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for "
        "apply patch",
        {{"group", "meta.k8s.io"},
         {"kind", "PatchOptions"},
         {"causes", json::array({{{"reason", "FieldValueRequired"},
                                  {"message", "Required value: is required for apply patch"},
                                  {"field", "fieldManager"}}})}});
  }
  json patch_doc;
  try {
    patch_doc = apply ? yaml_to_json(req.body) : json::parse(req.body);
  } catch (const std::exception& e) {
    return bad_request(std::string("error decoding patch: ") + e.what());
  }
  const json* live = find(*r.type, r.ns, r.name);
  FieldManager who = field_manager(req, r, apply ? "Apply" : "Update", now());

  if (apply) {
    if (!patch_doc.is_object()) return bad_request("error decoding YAML: not an object");
    json probe = patch_doc;
    if (!probe.contains("apiVersion") || !probe.contains("kind")) {
      return bad_request("invalid object type: /, Kind=");
    }
    if ((error = check_object_identity(probe, *r.type, r.ns))) return *error;
    if (live == nullptr) {
      if (!r.subresource.empty()) return not_found(r.type->name(), r.name);
      if ((error = check_namespace_accepts(*r.type, r.ns, r.name))) return *error;
    }
    ApplyResult result =
        server_side_apply(live, patch_doc, who, req.param("force") == "true",
                          r.type->schema.get());
    if (!result.conflicts.empty()) {
      json causes = json::array();
      for (const auto& c : result.conflicts) {
        causes.push_back(
            {{"reason", "FieldManagerConflict"}, {"message", c.message}, {"field", c.field}});
      }
      return status_response(409, "Conflict", apply_conflict_message(result.conflicts),
                             {{"causes", causes}});
    }
    if (live != nullptr && !result.changed) return ApiResponse::json(200, *live);
    json object = std::move(result.object);
    object["metadata"]["name"] = r.name;
    if (r.type->namespaced) object["metadata"]["namespace"] = r.ns;
    if (live == nullptr) {
      return admit_and_store(req, r, std::move(object), nullptr, true, who, true, dry_run);
    }
    json old = *live;
    return admit_and_store(req, r, std::move(object), &old, false, who, true, dry_run);
  }

  if (live == nullptr) return not_found(r.type->name(), r.name);
  json old = *live;
  json object;
  try {
    object = mt == "application/json-patch+json" ? apply_json_patch(old, patch_doc)
                                                  : apply_merge_patch(old, patch_doc);
  } catch (const PatchError& e) {
    return e.code() == 422 ? status_response(422, "Invalid", e.what())
                           : bad_request(e.what());
  }
  if (!object.is_object() || !object.contains("metadata") || !object["metadata"].is_object()) {
    return bad_request("the patched object is not a Kubernetes object");
  }
  std::string rv = object["metadata"].value("resourceVersion", "");
  if (!rv.empty() && rv != old["metadata"]["resourceVersion"].get<std::string>()) {
    return update_conflict(r.type->name(), r.name);
  }
  object["metadata"]["name"] = r.name;
  if (r.type->namespaced) object["metadata"]["namespace"] = r.ns;
  return admit_and_store(req, r, std::move(object), &old, false, who, false, dry_run);
}

ApiResponse Registry::Impl::admit_and_store(const ApiRequest& req, const ResourceRequest& r,
                                            json object, const json* old, bool created,
                                            const FieldManager& who, bool is_apply,
                                            bool dry_run) {
  const ResourceType& type = *r.type;
  std::vector<std::string> warnings;

  // Unknown fields: pruned silently but for a Warning, or refused under Strict.
  if (type.schema) {
    std::vector<std::string> unknown = type.schema->prune(object);
    std::string validation = req.param("fieldValidation");
    if (validation == "Strict" && !unknown.empty()) {
      std::string list;
      for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + ("unknown field \"" + u + "\"");
      return bad_request(type.kind + " in version \"" + type.version +
                         "\" cannot be handled as a " + type.kind +
                         ": strict decoding error: " + list);
    }
    if (validation != "Ignore") {
      for (const auto& u : unknown) warnings.push_back("299 - \"unknown field \\\"" + u + "\\\"\"");
    }
  }

  // The status subresource and the main resource each ignore the other's part.
  if (type.has_status) {
    if (r.subresource == "status") {
      json merged = *old;
      if (object.contains("status")) {
        merged["status"] = object["status"];
      } else {
        merged.erase("status");
      }
      merged["metadata"]["managedFields"] = object["metadata"].value("managedFields", json());
      if (merged["metadata"]["managedFields"].is_null()) merged["metadata"].erase("managedFields");
      object = std::move(merged);
    } else if (old != nullptr && old->contains("status")) {
      object["status"] = (*old)["status"];
    } else {
      object.erase("status");
    }
  }

  if (type.kind == "Namespace" && old != nullptr && r.subresource != "finalize") {
    // namespaceStrategy.PrepareForUpdate: spec.finalizers change only through /finalize
    // (whose strategy keeps the status instead, as above).
    json kept = (*old).contains("spec") ? (*old)["spec"].value("finalizers", json()) : json();
    if (kept.is_null()) {
      if (object.contains("spec") && object["spec"].is_object()) object["spec"].erase("finalizers");
    } else {
      object["spec"]["finalizers"] = kept;
    }
  }

  if (type.schema) type.schema->apply_defaults(object);
  if (!type.is_crd) apply_builtin_defaults(type, object);

  json& meta = object["metadata"];
  if (created) {
    meta["uid"] = new_uid();
    meta["creationTimestamp"] = now();
    if (has_generation(type)) meta["generation"] = 1;
    if (type.namespaced) {
      meta["namespace"] = r.ns;
    } else {
      meta.erase("namespace");
    }
    meta.erase("resourceVersion");
    meta.erase("deletionTimestamp");
    meta.erase("deletionGracePeriodSeconds");
    meta.erase("selfLink");
  } else {
    const json& om = (*old)["metadata"];
    for (const char* k : {"uid", "creationTimestamp", "deletionTimestamp",
                          "deletionGracePeriodSeconds", "generation", "namespace", "name"}) {
      if (om.contains(k)) {
        meta[k] = om[k];
      } else {
        meta.erase(k);
      }
    }
    meta["resourceVersion"] = om["resourceVersion"];
    if (meta.contains("generation") && spec_part(object) != spec_part(*old)) {
      meta["generation"] = meta["generation"].get<long long>() + 1;
    }
  }

  std::vector<FieldCause> causes = validate_name(type, meta);
  if (type.schema) {
    auto schema_causes = type.schema->validate(object, old);
    causes.insert(causes.end(), schema_causes.begin(), schema_causes.end());
  }
  if (!causes.empty()) return invalid_for(type, meta.value("name", ""), causes);

  if (!is_apply) {
    json zero;
    const json* before = old;
    if (created && !type.is_crd) {
      zero = builtin_zero_object(object);
      before = &zero;
    }
    record_update(before, object, who, type.schema.get());
  }
  if (created && !type.is_crd) prepare_builtin_for_create(type, object);
  if (object["metadata"].contains("managedFields") &&
      object["metadata"]["managedFields"].empty()) {
    object["metadata"].erase("managedFields");
  }

  ApiResponse response;
  response.warnings = warnings;
  if (!created && object == *old) {
    // Nothing changed: no new resourceVersion, no event.
    response.status = 200;
    response.body = old->dump();
    return response;
  }
  // ShouldDeleteDuringUpdate: a deleted object whose last finalizer goes; for a namespace
  // (ShouldDeleteNamespaceDuringUpdate) spec.finalizers must be empty too.
  bool finished = !created && object["metadata"].contains("deletionTimestamp") &&
                  object["metadata"].value("finalizers", json::array()).empty() &&
                  (type.kind != "Namespace" || !object.contains("spec") ||
                   object["spec"].value("finalizers", json::array()).empty());
  if (finished) object["metadata"].erase("finalizers");
  if (dry_run) {
    response.status = created ? 201 : 200;
    response.body = object.dump();
    return response;
  }
  if (finished) {
    // The last finalizer is gone: the object disappears; the answer is its final state. For a
    // namespace the DELETED event carries it as stored before this update (the etcd delete's
    // previous value).
    finish_deletion(type, type.kind == "Namespace" ? *old : object);
    response.status = 200;
    response.body = object.dump();
    return response;
  }
  json stored = commit_put(type, std::move(object), created);
  response.status = created ? 201 : 200;
  response.body = stored.dump();
  return response;
}

}  // namespace kraft::testing
