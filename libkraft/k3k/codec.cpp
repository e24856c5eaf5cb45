// Primitive codecs and the checks every K3k object shares.
#include "k3k/codec.h"

#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <limits>

namespace kraft::k3k {

void type_mismatch(const json& value, const std::string& path, const char* what) {
  // The value is the server's (or a file's): shown short, on one safe line.
  throw DecodeError(path + ": expected " + what + ", got " + value.type_name() + " " +
                    sanitize_text(value.dump(-1, ' ', false, json::error_handler_t::replace), 60));
}

void expect_object(const json& value, const std::string& path) {
  if (!value.is_object()) type_mismatch(value, path, "an object");
}

void decode(const json& v, bool& out, const std::string& path) {
  if (!v.is_boolean()) type_mismatch(v, path, "a boolean");
  out = v.get<bool>();
}

void decode(const json& v, std::int64_t& out, const std::string& path) {
  if (!v.is_number_integer()) type_mismatch(v, path, "an integer");
  if (v.is_number_unsigned() &&
      v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    type_mismatch(v, path, "a 64-bit integer");
  out = v.get<std::int64_t>();
}

void decode(const json& v, std::int32_t& out, const std::string& path) {
  std::int64_t wide = 0;
  decode(v, wide, path);
  if (wide < std::numeric_limits<std::int32_t>::min() ||
      wide > std::numeric_limits<std::int32_t>::max())
    type_mismatch(v, path, "a 32-bit integer");
  out = static_cast<std::int32_t>(wide);
}

void decode(const json& v, std::string& out, const std::string& path) {
  if (!v.is_string()) type_mismatch(v, path, "a string");
  out = v.get<std::string>();
}

void decode(const json& v, IntOrString& out, const std::string& path) {
  if (v.is_string()) {
    out.value = v.get<std::string>();
    return;
  }
  std::int64_t number = 0;
  if (!v.is_number_integer()) type_mismatch(v, path, "an integer or a string");
  decode(v, number, path);
  out.value = number;
}

void decode(const json& v, json& out, const std::string& /*path*/) { out = v; }

void encode(bool v, json& into) { into = v; }
void encode(std::int32_t v, json& into) { into = v; }
void encode(std::int64_t v, json& into) { into = v; }
void encode(const std::string& v, json& into) { into = v; }
void encode(const json& v, json& into) { into = v; }

void encode(const IntOrString& v, json& into) {
  if (v.is_int()) {
    into = std::get<std::int64_t>(v.value);
  } else {
    into = std::get<std::string>(v.value);
  }
}

ObjectRef object_ref(const json& object, std::string_view kind) {
  ObjectRef ref;
  ref.resource = kind == "Cluster"                ? "clusters.k3k.io"
                 : kind == "VirtualClusterPolicy" ? "virtualclusterpolicies.k3k.io"
                                                  : std::string(kind);
  const json* meta = object.is_object() ? api::child(&object, "metadata") : nullptr;
  ref.ns = api::string_at(meta, "namespace");
  ref.name = api::string_at(meta, "name");
  return ref;
}

std::string describe(const json& object, std::string_view kind) {
  std::string out(kind);
  const json* meta =
      object.is_object() && object.contains("metadata") ? &object["metadata"] : nullptr;
  if (meta && meta->is_object()) {
    auto ns = meta->find("namespace");
    auto name = meta->find("name");
    std::string id;
    if (ns != meta->end() && ns->is_string()) id = ns->get<std::string>() + "/";
    if (name != meta->end() && name->is_string()) id += name->get<std::string>();
    if (!id.empty()) out += " " + id;
  }
  return out;
}

void expect_kind(const json& object, std::string_view kind) {
  if (!object.is_object()) {
    throw DecodeError("expected a " + std::string(kind) + " object, got " + object.type_name());
  }
  auto api_version = object.find("apiVersion");
  if (api_version != object.end() && *api_version != "k3k.io/v1beta1") {
    throw DecodeError(describe(object, kind) + ": apiVersion is " + api_version->dump() +
                          ", expected \"k3k.io/v1beta1\"",
                      object_ref(object, kind));
  }
  auto k = object.find("kind");
  if (k != object.end() && *k != std::string(kind)) {
    throw DecodeError("expected a " + std::string(kind) + ", got kind " + k->dump(),
                      object_ref(object, kind));
  }
}

}  // namespace kraft::k3k
