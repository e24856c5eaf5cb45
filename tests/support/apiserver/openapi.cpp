#include "openapi.h"

#include <set>

namespace kraft::testing {

using nlohmann::json;

namespace {

std::string gv_path_of(const ResourceType& t) {
  return t.group.empty() ? "api/" + t.version : "apis/" + t.group + "/" + t.version;
}

json gvk_extension(const ResourceType& t) {
  return json::array({{{"group", t.group}, {"version", t.version}, {"kind", t.kind}}});
}

json query_param(const std::string& name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

json write_operation(const ResourceType& t, const std::string& action) {
  return {{"x-kubernetes-group-version-kind", gvk_extension(t)[0]},
          {"x-kubernetes-action", action},
          {"parameters", json::array({query_param("dryRun"), query_param("fieldManager"),
                                      query_param("fieldValidation"), query_param("force")})},
          {"responses", {{"200", {{"description", "OK"}}}}}};
}

std::string schema_name(const ResourceType& t) {
  // io.k8s.api.core.v1.Namespace style for built-ins, reversed group for custom resources.
  if (!t.is_crd) {
    std::string g = t.group.empty() ? "core" : t.group.substr(0, t.group.find('.'));
    return "io.k8s.api." + g + "." + t.version + "." + t.kind;
  }
  std::string reversed;
  std::string g = t.group;
  while (!g.empty()) {
    auto dot = g.rfind('.');
    reversed += (reversed.empty() ? "" : ".") + g.substr(dot == std::string::npos ? 0 : dot + 1);
    if (dot == std::string::npos) break;
    g = g.substr(0, dot);
  }
  return reversed + "." + t.version + "." + t.kind;
}

}  // namespace

json openapi_v3_index(const ResourceTypes& types) {
  json paths = json::object();
  std::set<std::string> seen;
  for (const auto& t : types.all()) {
    std::string p = gv_path_of(t);
    if (!seen.insert(p).second) continue;
    paths[p] = {{"serverRelativeURL", "/openapi/v3/" + p + "?hash=0"}};
  }
  return {{"paths", paths}};
}

std::optional<json> openapi_v3_document(const ResourceTypes& types, const std::string& gv_path) {
  json paths = json::object();
  json schemas = json::object();
  for (const auto& t : types.all()) {
    if (gv_path_of(t) != gv_path) continue;
    std::string base = "/" + gv_path + (t.namespaced ? "/namespaces/{namespace}/" : "/") + t.plural;
    paths[base] = {{"post", write_operation(t, "post")}};
    paths[base + "/{name}"] = {{"patch", write_operation(t, "patch")},
                               {"put", write_operation(t, "put")}};
    json schema = t.schema ? json::object() : json{{"type", "object"}};
    if (t.is_crd && t.schema != nullptr) {
      if (const json* raw = t.schema->raw_at({})) schema = *raw;
    }
    schema["x-kubernetes-group-version-kind"] = gvk_extension(t);
    schemas[schema_name(t)] = schema;
  }
  if (paths.empty()) return std::nullopt;
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "v1.26.4"}}},
              {"paths", paths},
              {"components", {{"schemas", schemas}}}};
}

}  // namespace kraft::testing
