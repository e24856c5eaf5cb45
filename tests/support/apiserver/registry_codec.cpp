// Decoding request bodies the way kube-apiserver's serializer reports problems.
#include <openssl/rand.h>

#include <ctime>

#include "registry_impl.h"
#include "schema/crd.h"
#include "status.h"
#include "text_codec.h"

namespace kraft::testing {


std::string new_uid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                b[14], b[15]);
  return out;
}

namespace {

// k8s.io/apimachinery's summarizeData: at most 30 bytes of the body in messages.
std::string summarize(const std::string& body) {
  if (body.empty()) return "<empty>";
  if (body.size() > 30) return body.substr(0, 30) + " ...";
  return body;
}

// Go's encoding/json wording for the common syntax errors.
std::string go_json_error(const std::string& body, const nlohmann::json::parse_error& e) {
  if (e.byte >= body.size()) return "unexpected end of JSON input";
  char c = body[e.byte > 0 ? e.byte - 1 : 0];
  return std::string("invalid character '") + c + "' looking for beginning of value";
}

}  // namespace

std::string media_type(const std::string& content_type) {
  std::string mt = content_type.substr(0, content_type.find(';'));
  while (!mt.empty() && mt.back() == ' ') mt.pop_back();
  return mt;
}

std::optional<ApiResponse> parse_body(const ApiRequest& request, const ResourceType& type,
                                      json& out) {
  const std::string mt = media_type(request.header("content-type"));
  const std::string unrecognized =
      "the object provided is unrecognized (must be of type " + type.kind + "): ";
  if (mt == "application/yaml") {
    try {
      out = yaml_to_json(request.body);
    } catch (const std::exception& e) {
      return bad_request(unrecognized + "couldn't get version/kind; yaml parse error: " +
                         e.what() + " (" + summarize(request.body) + ")");
    }
  } else if (mt == "application/json" || mt.empty()) {
    try {
      out = json::parse(request.body);
    } catch (const nlohmann::json::parse_error& e) {
      return bad_request(unrecognized + "couldn't get version/kind; json parse error: " +
                         go_json_error(request.body, e) + " (" + summarize(request.body) + ")");
    }
  } else {
    return unsupported_media_type(
        "application/json, application/yaml, application/vnd.kubernetes.protobuf");
  }
  if (!out.is_object()) {
    return bad_request(unrecognized + "couldn't get version/kind; json parse error: json: "
                       "cannot unmarshal " + std::string(out.type_name()) +
                       " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,"
                       "omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" } (" +
                       summarize(request.body) + ")");
  }
  if (!out.contains("kind") || !out["kind"].is_string() || out["kind"].get<std::string>().empty()) {
    return bad_request(unrecognized + "Object 'Kind' is missing in '" + request.body + "' (" +
                       summarize(request.body) + ")");
  }
  if (!out.contains("apiVersion") || !out["apiVersion"].is_string() ||
      out["apiVersion"].get<std::string>().empty()) {
    return bad_request(unrecognized + "Object 'apiVersion' is missing in '" + request.body +
                       "' (" + summarize(request.body) + ")");
  }
  return std::nullopt;
}

std::optional<ApiResponse> check_object_identity(const json& object, const ResourceType& type,
                                                 const std::string& url_namespace) {
  const std::string api_version = object["apiVersion"].get<std::string>();
  if (api_version != type.api_version()) {
    return bad_request("the API version in the data (" + api_version +
                       ") does not match the expected API version (" + type.api_version() + ")");
  }
  const std::string kind = object["kind"].get<std::string>();
  const json& meta = object.contains("metadata") && object["metadata"].is_object()
                         ? object["metadata"]
                         : json::object();
  if (kind != type.kind) {
    std::string group = type.group;
    return invalid(group.empty() ? kind : kind + "." + group, kind, group,
                   meta.value("name", ""),
                   {{"FieldValueInvalid", "Invalid value: \"" + kind + "\": must be " + type.kind,
                     "kind"}});
  }
  if (meta.contains("namespace") && meta["namespace"].is_string()) {
    std::string ns = meta["namespace"].get<std::string>();
    if (!ns.empty() && type.namespaced && ns != url_namespace) {
      return bad_request(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
  }
  return std::nullopt;
}

std::optional<ApiResponse> decode_object(const ApiRequest& request, const ResourceRequest& target,
                                         json& out) {
  if (auto error = parse_body(request, *target.type, out)) return error;
  if (auto error = check_object_identity(out, *target.type, target.ns)) return error;
  if (!out.contains("metadata") || !out["metadata"].is_object()) out["metadata"] = json::object();
  return std::nullopt;
}

std::optional<ApiResponse> parse_selectors(const ApiRequest& request, const ResourceType& type,
                                           LabelSelector& labels, FieldSelector& fields) {
  try {
    labels = LabelSelector::parse(request.param("labelSelector"));
    std::vector<std::string> supported = {"metadata.name"};
    if (type.namespaced) supported.push_back("metadata.namespace");
    for (const auto& f : selectable_fields(type)) supported.push_back(f);
    fields = FieldSelector::parse(request.param("fieldSelector"), supported);
  } catch (const SelectorError& e) {
    return bad_request(e.what());
  }
  return std::nullopt;
}

std::string manager_for(const ApiRequest& request) {
  if (request.has_param("fieldManager")) return request.param("fieldManager");
  return manager_from_user_agent(request.header("user-agent"));
}

FieldManager field_manager(const ApiRequest& request, const ResourceRequest& target,
                           const std::string& operation, const std::string& time) {
  FieldManager who;
  who.manager = manager_for(request);
  who.operation = operation;
  who.api_version = target.type->api_version();
  who.subresource = target.subresource;
  who.time = time;
  who.reset_fields = reset_fields_for(target.type->has_status, target.subresource);
  return who;
}

bool is_dry_run(const ApiRequest& request, std::optional<ApiResponse>& error) {
  if (!request.has_param("dryRun")) return false;
  std::string v = request.param("dryRun");
  if (v == "All") return true;
  error = invalid("", "", "", "",
                  {{"FieldValueNotSupported",
                    "Unsupported value: \"" + v + "\": supported values: \"All\"", "dryRun"}});
  return false;
}

}  // namespace kraft::testing
