// GET and LIST: selectors, limit/continue paging, typed-list shapes.
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

}  // namespace

/// The object as a GET returns it: built-in items are the same; the kind/apiVersion are set.
ApiResponse Registry::Impl::get(const ApiRequest&, const ResourceRequest& r) {
  const json* o = find(*r.type, r.ns, r.name);
  if (o == nullptr) return not_found(r.type->name(), r.name);
  return ApiResponse::json(200, *o);
}

ApiResponse Registry::Impl::list(const ApiRequest& req, const ResourceRequest& r) {
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
  std::string start_after;
  std::string list_rv = std::to_string(store.current_rv());
  if (req.has_param("continue") && !req.param("continue").empty()) {
    auto decoded = base64url_decode(req.param("continue"));
    json token;
    if (decoded) token = json::parse(*decoded, nullptr, false);
    if (!token.is_object() || !token.contains("rv") || !token.contains("start")) {
      return bad_request("continue key is not valid: illegal base64 data at input byte 0");
    }
    long long token_rv = token["rv"].get<long long>();
    if (token_rv <= store.compacted_rv()) {
      return status_response(410, "Expired",
                             "The provided continue parameter is too old to display a consistent "
                             "list result. You can start a new list without the continue "
                             "parameter, or use the continue token in this response to retrieve "
                             "the remainder of the results. Continuing with the provided token "
                             "results in an inconsistent list - objects that were created, "
                             "modified, or deleted between the time the first chunk was returned "
                             "and now may show up in the list.");
    }
    list_rv = std::to_string(token_rv);
    start_after = token["start"].get<std::string>();
  }

  json items = json::array();
  std::string last_key;
  long long remaining = 0;
  bool more = false;
  for (const json* o : store.list(r.type->id(), r.type->namespaced ? r.ns : "")) {
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
  meta["resourceVersion"] = list_rv;
  if (more) {
    json token = {{"v", "meta.k8s.io/v1"}, {"rv", std::stoll(list_rv)}, {"start", last_key}};
    meta["continue"] = base64url_encode(token.dump());
    meta["remainingItemCount"] = remaining;
  } else if (r.type->is_crd) {
    meta["continue"] = "";
  }
  json body = json::object();
  body["kind"] = r.type->list_kind;
  body["apiVersion"] = r.type->api_version();
  body["metadata"] = meta;
  body["items"] = items;
  return ApiResponse::json(200, body);
}

}  // namespace kraft::testing
