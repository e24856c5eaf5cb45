// GET and LIST: selectors, limit/continue paging, typed-list shapes, and where a list reads
// from by resourceVersion/resourceVersionMatch (watch cache or etcd, kube-apiserver 1.26).
#include "fields/selectors.h"
#include "registry_impl.h"
#include "status.h"
#include "text_codec.h"

namespace kraft::testing {

namespace {

std::string storage_key(const json& object) {
  const json& m = object["metadata"];
  std::string ns = m.value("namespace", "");
  return ns.empty() ? m.value("name", "") : ns + "/" + m.value("name", "");
}

/// storage.NewTooLargeResourceVersionError: 504 Timeout with a ResourceVersionTooLarge cause;
/// the watch cache asks to retry after 1 s (and the handler sets Retry-After), etcd after 0.
ApiResponse too_large_resource_version(int64_t asked, int64_t current, int retry_after) {
  json details = {{"causes", json::array({{{"reason", "ResourceVersionTooLarge"},
                                           {"message", "Too large resource version"}}})}};
  if (retry_after > 0) details["retryAfterSeconds"] = retry_after;
  ApiResponse response =
      status_response(504, "Timeout",
                      "Timeout: Too large resource version: " + std::to_string(asked) +
                          ", current: " + std::to_string(current),
                      details);
  if (retry_after > 0) response.headers["Retry-After"] = std::to_string(retry_after);
  return response;
}

}  // namespace

std::optional<ApiResponse> validate_list_options(const ApiRequest& req) {
  const std::string match = req.param("resourceVersionMatch");
  if (match.empty()) return std::nullopt;
  const std::string rv = req.param("resourceVersion");
  std::vector<FieldCause> causes;
  auto forbidden = [&](const std::string& why) {
    causes.push_back({"FieldValueForbidden", "Forbidden: " + why, "resourceVersionMatch"});
  };
  if (rv.empty()) forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided");
  if (!req.param("continue").empty()) {
    forbidden("resourceVersionMatch is forbidden when continue is provided");
  }
  if (match != "Exact" && match != "NotOlderThan") {
    causes.push_back({"FieldValueNotSupported",
                      "Unsupported value: \"" + match +
                          "\": supported values: \"Exact\", \"NotOlderThan\", \"\"",
                      "resourceVersionMatch"});
  }
  if (match == "Exact" && rv == "0") {
    forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
  }
  if (causes.empty()) return std::nullopt;
  return invalid("ListOptions.meta.k8s.io", "ListOptions", "meta.k8s.io", "", causes);
}

/// The object as a GET returns it: built-in items are the same; the kind/apiVersion are set.
ApiResponse Registry::Impl::get(const ApiRequest&, const ResourceRequest& r) {
  const json* o = find(*r.type, r.ns, r.name);
  if (o == nullptr) return not_found(r.type->name(), r.name);
  return ApiResponse::json(200, *o);
}

namespace {

// Whether the first media type of `accept` the server can produce is the metadata-only list
// (kube-apiserver's negotiation: the first acceptable entry wins). Other `as=` conversions
// (Table) are not served here; a client offering them lists plain JSON as a fallback.
bool wants_metadata_list(const std::string& accept) {
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t end = accept.find(',', start);
    if (end == std::string::npos) end = accept.size();
    std::string entry = accept.substr(start, end - start);
    std::erase(entry, ' ');
    const bool json_type = entry.starts_with("application/json") || entry.starts_with("*/*");
    if (json_type && entry.find("as=") == std::string::npos) return false;
    if (json_type && entry.find("as=PartialObjectMetadataList") != std::string::npos &&
        entry.find("g=meta.k8s.io") != std::string::npos &&
        entry.find("v=v1") != std::string::npos && entry.find("v=v1beta1") == std::string::npos) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

ApiResponse Registry::Impl::list(const ApiRequest& req, const ResourceRequest& r,
                                 std::unique_lock<std::mutex>* lock) {
  if (auto error = validate_list_options(req)) return *error;
  LabelSelector labels;
  FieldSelector fields;
  if (auto error = parse_selectors(req, *r.type, labels, fields)) return *error;

  long long limit = 0;
  if (req.has_param("limit")) {
    try {
      limit = std::stoll(req.param("limit"));
    } catch (const std::exception&) {
      return bad_request("invalid limit: " + req.param("limit"));
    }
  }
  const std::string ns = r.type->namespaced ? r.ns : "";
  std::string start_after;
  int64_t list_rv = store.current_rv();
  std::optional<int64_t> read_at;  // a past version to read (etcd range at a revision)

  const std::string rv_param = req.param("resourceVersion");
  const std::string match = req.param("resourceVersionMatch");
  if (req.has_param("continue") && !req.param("continue").empty()) {
    auto decoded = base64url_decode(req.param("continue"));
    json token;
    if (decoded) token = json::parse(*decoded, nullptr, false);
    if (!token.is_object() || !token.contains("rv") || !token.contains("start")) {
      return bad_request("continue key is not valid: illegal base64 data at input byte 0");
    }
    long long token_rv = token["rv"].get<long long>();
    if (token_rv < store.compacted_rv()) {
      return status_response(410, "Expired",
                             "The provided continue parameter is too old to display a consistent "
                             "list result. You can start a new list without the continue "
                             "parameter, or use the continue token in this response to retrieve "
                             "the remainder of the results. Continuing with the provided token "
                             "results in an inconsistent list - objects that were created, "
                             "modified, or deleted between the time the first chunk was returned "
                             "and now may show up in the list.");
    }
    // Later pages read the snapshot the first page was read at.
    list_rv = token_rv;
    read_at = token_rv;
    start_after = token["start"].get<std::string>();
  } else if (!rv_param.empty()) {
    // Where the list is served from follows the cacher's shouldDelegateList (1.26): the watch
    // cache for resourceVersion="0", or for any other version without limit unless Exact;
    // etcd otherwise.
    const bool from_cache = match != "Exact" && (limit <= 0 || rv_param == "0");
    const bool numeric = rv_param.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric) {
      std::string error = "resourceVersion: Invalid value: \"" + rv_param +
                          "\": strconv.ParseUint: parsing \"" + rv_param + "\": invalid syntax";
      // The cacher returns the storage's InvalidError, which no layer turns into a Status.
      if (from_cache) return status_response(500, "", error);
      return bad_request("invalid resource version: " + error);
    }
    const int64_t rv = std::stoll(rv_param);
    if (from_cache) {
      // The watch cache ignores limit, and waits (3 s) for its version of the resource to
      // reach the one asked for; it only moves with this resource's own writes.
      limit = 0;
      if (rv > 0 && store.type_rv(r.type->id()) < rv && lock != nullptr) {
        changed.wait_for(*lock, options.too_large_resource_version_wait,
                         [&] { return store.type_rv(r.type->id()) >= rv; });
      }
      list_rv = store.type_rv(r.type->id());
      if (list_rv < rv) return too_large_resource_version(rv, list_rv, 1);
    } else if (match == "NotOlderThan") {
      // etcd reads the newest state, then checks it is recent enough: no waiting.
      if (rv > store.current_rv()) return too_large_resource_version(rv, store.current_rv(), 0);
    } else {
      // Exact, and the legacy resourceVersion with a limit: etcd reads at that revision.
      if (rv < store.compacted_rv()) {
        return status_response(410, "Expired",
                               "The resourceVersion for the provided list is too old.");
      }
      if (rv > store.current_rv()) {
        // etcd's ErrFutureRev, which 1.26's interpretListError does not translate.
        return status_response(500, "", "etcdserver: mvcc: required revision is a future revision");
      }
      list_rv = rv;
      read_at = rv;
    }
  }

  std::vector<json> snapshot;
  std::vector<const json*> objects;
  if (read_at && *read_at < store.current_rv()) {
    snapshot = store.list_at(r.type->id(), ns, *read_at);
    for (const json& o : snapshot) objects.push_back(&o);
  } else {
    objects = store.list(r.type->id(), ns);
  }

  json items = json::array();
  std::string last_key;
  long long remaining = 0;
  bool more = false;
  for (const json* o : objects) {
    std::string key = storage_key(*o);
    if (!start_after.empty() && key <= start_after) continue;
    if (!labels.matches((*o)["metadata"].value("labels", json::object()))) continue;
    if (!fields.matches(*o)) continue;
    if (limit > 0 && static_cast<long long>(items.size()) >= limit) {
      more = true;
      ++remaining;
      continue;
    }
    json item = *o;
    if (!r.type->is_crd) {
      // Typed lists of built-in kinds leave kind/apiVersion out of their items.
      item.erase("kind");
      item.erase("apiVersion");
    }
    items.push_back(std::move(item));
    last_key = key;
  }

  json meta = json::object();
  meta["resourceVersion"] = std::to_string(list_rv);
  if (more) {
    json token = {{"v", "meta.k8s.io/v1"}, {"rv", list_rv}, {"start", last_key}};
    meta["continue"] = base64url_encode(token.dump());
    meta["remainingItemCount"] = remaining;
  } else if (r.type->is_crd) {
    meta["continue"] = "";
  }
  json body = json::object();
  body["kind"] = r.type->list_kind;
  body["apiVersion"] = r.type->api_version();
  if (wants_metadata_list(req.header("accept"))) {
    // What client-go's metadata client asks for: each item reduced to its ObjectMeta.
    body["kind"] = "PartialObjectMetadataList";
    body["apiVersion"] = "meta.k8s.io/v1";
    for (json& item : items) {
      item = json{{"kind", "PartialObjectMetadata"},
                  {"apiVersion", "meta.k8s.io/v1"},
                  {"metadata", std::move(item["metadata"])}};
    }
  }
  body["metadata"] = meta;
  body["items"] = items;
  return ApiResponse::json(200, body);
}

}  // namespace kraft::testing
