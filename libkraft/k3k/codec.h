#pragma once
// Reading and writing the typed K3k fields. decode() checks the JSON type and names the field
// on a mismatch; encode() writes a value *over* what is already there, so keys of a nested
// object that kraft does not know are kept (the read-modify-write rule of docs/ARCHITECTURE.md).
// Struct codecs live in kraft::k3k so that the templates below find them by argument-dependent
// lookup, whatever the order of definition.
#include <kraft/core/error.h>
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/policy.h>
#include <kraft/k3k/types.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kraft::k3k {

using nlohmann::json;

/// Throws kraft::Error: "<path>: expected <what>, got <json type>".
[[noreturn]] void type_mismatch(const json& value, const std::string& path, const char* what);
/// Throws unless `value` is an object.
void expect_object(const json& value, const std::string& path);

void decode(const json& v, bool& out, const std::string& path);
void decode(const json& v, std::int32_t& out, const std::string& path);
void decode(const json& v, std::int64_t& out, const std::string& path);
void decode(const json& v, std::string& out, const std::string& path);
void decode(const json& v, IntOrString& out, const std::string& path);
void decode(const json& v, json& out, const std::string& path);

void encode(bool v, json& into);
void encode(std::int32_t v, json& into);
void encode(std::int64_t v, json& into);
void encode(const std::string& v, json& into);
void encode(const IntOrString& v, json& into);
void encode(const json& v, json& into);

template <class T>
void decode(const json& v, std::vector<T>& out, const std::string& path) {
  if (!v.is_array()) type_mismatch(v, path, "a list");
  out.clear();
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    T item{};
    decode(v[i], item, path + "[" + std::to_string(i) + "]");
    out.push_back(std::move(item));
  }
}

template <class T>
void decode(const json& v, std::map<std::string, T>& out, const std::string& path) {
  expect_object(v, path);
  out.clear();
  for (const auto& [key, item] : v.items()) decode(item, out[key], path + "." + key);
}

// Lists and maps are rebuilt from the typed value; an element keeps the unknown keys of the
// element at the same index (list) or key (map) of what was read.
template <class T>
void encode(const std::vector<T>& v, json& into) {
  json out = json::array();
  for (std::size_t i = 0; i < v.size(); ++i) {
    json item = into.is_array() && i < into.size() ? into[i] : json();
    encode(v[i], item);
    out.push_back(std::move(item));
  }
  into = std::move(out);
}

template <class T>
void encode(const std::map<std::string, T>& v, json& into) {
  json out = json::object();
  for (const auto& [key, item] : v) {
    json slot = into.is_object() && into.contains(key) ? into[key] : json();
    encode(item, slot);
    out[key] = std::move(slot);
  }
  into = std::move(out);
}

/// Reads obj[key] into `out` when present and not null; leaves `out` empty otherwise.
template <class T>
void read_field(const json& obj, const char* key, std::optional<T>& out, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return;
  T value{};
  decode(*it, value, path.empty() ? std::string(key) : path + "." + key);
  out = std::move(value);
}

/// Writes `value` over obj[key]; an empty optional removes the key (an explicit null stays).
template <class T>
void write_field(json& obj, const char* key, const std::optional<T>& value) {
  if (!value) {
    auto it = obj.find(key);
    if (it != obj.end() && !it->is_null()) obj.erase(it);
    return;
  }
  encode(*value, obj[key]);
}

/// Makes `into` an object (keeping it if it already is one) for a struct's fields.
inline void ensure_object(json& into) {
  if (!into.is_object()) into = json::object();
}

// Shared structs (types.cpp).
void decode(const json& v, Condition& out, const std::string& path);
void encode(const Condition& v, json& into);
void decode(const json& v, SyncResourceConfig& out, const std::string& path);
void encode(const SyncResourceConfig& v, json& into);
void decode(const json& v, IngressSyncConfig& out, const std::string& path);
void encode(const IngressSyncConfig& v, json& into);
void decode(const json& v, SyncConfig& out, const std::string& path);
void encode(const SyncConfig& v, json& into);
void decode(const json& v, ResourceRequirements& out, const std::string& path);
void encode(const ResourceRequirements& v, json& into);

// Cluster structs (cluster_spec.cpp, cluster_status.cpp).
void decode(const json& v, Addon& out, const std::string& path);
void encode(const Addon& v, json& into);
void decode(const json& v, CredentialSource& out, const std::string& path);
void encode(const CredentialSource& v, json& into);
void decode(const json& v, CredentialSources& out, const std::string& path);
void encode(const CredentialSources& v, json& into);
void decode(const json& v, CustomCAs& out, const std::string& path);
void encode(const CustomCAs& v, json& into);
void decode(const json& v, IngressConfig& out, const std::string& path);
void encode(const IngressConfig& v, json& into);
void decode(const json& v, LoadBalancerConfig& out, const std::string& path);
void encode(const LoadBalancerConfig& v, json& into);
void decode(const json& v, NodePortConfig& out, const std::string& path);
void encode(const NodePortConfig& v, json& into);
void decode(const json& v, ExposeConfig& out, const std::string& path);
void encode(const ExposeConfig& v, json& into);
void decode(const json& v, PersistenceConfig& out, const std::string& path);
void encode(const PersistenceConfig& v, json& into);
void decode(const json& v, SecretMount& out, const std::string& path);
void encode(const SecretMount& v, json& into);
void decode(const json& v, SecretReference& out, const std::string& path);
void encode(const SecretReference& v, json& into);
void decode(const json& v, ClusterSpec& out, const std::string& path);
void encode(const ClusterSpec& v, json& into);
void decode(const json& v, AppliedPolicy& out, const std::string& path);
void encode(const AppliedPolicy& v, json& into);
void decode(const json& v, ClusterStatus& out, const std::string& path);
void encode(const ClusterStatus& v, json& into);

// VirtualClusterPolicy structs (policy.cpp).
void decode(const json& v, LimitRangeItem& out, const std::string& path);
void encode(const LimitRangeItem& v, json& into);
void decode(const json& v, LimitRangeSpec& out, const std::string& path);
void encode(const LimitRangeSpec& v, json& into);
void decode(const json& v, ResourceQuotaSpec& out, const std::string& path);
void encode(const ResourceQuotaSpec& v, json& into);
void decode(const json& v, VirtualClusterPolicySpec& out, const std::string& path);
void encode(const VirtualClusterPolicySpec& v, json& into);
void decode(const json& v, VirtualClusterPolicyStatus& out, const std::string& path);
void encode(const VirtualClusterPolicyStatus& v, json& into);

/// Checks apiVersion/kind of a top-level object; throws kraft::Error naming what it got.
void expect_kind(const json& object, std::string_view kind);
/// "Cluster ns/name" / "VirtualClusterPolicy name" for error messages.
std::string describe(const json& object, std::string_view kind);
/// The object as errors name it: {"clusters.k3k.io", ns, name} for a Cluster.
ObjectRef object_ref(const json& object, std::string_view kind);

/// Reads a top-level K3k object (metadata as is, typed spec and status) into `out`; errors
/// name the object. Shared by Cluster and VirtualClusterPolicy, which differ only in types.
template <class Object>
void decode_object(const json& object, std::string_view kind, Object& out) {
  expect_kind(object, kind);
  try {
    if (auto it = object.find("metadata"); it != object.end() && !it->is_null()) {
      expect_object(*it, "metadata");
      out.metadata = *it;
    }
    if (auto it = object.find("spec"); it != object.end() && !it->is_null()) {
      decode(*it, out.spec, "spec");
    }
    read_field(object, "status", out.status, "");
  } catch (const Error& e) {
    throw DecodeError("cannot read " + describe(object, kind) + ": " + e.what(),
                      object_ref(object, kind));
  }
}

/// Writes a top-level K3k object over the raw JSON it was read from, so fields kraft does not
/// know survive. spec is always sent (the CRDs default or require it).
template <class Object>
json encode_object(const json& raw, std::string_view api_version, std::string_view kind,
                   const Object& object) {
  json out = raw.is_object() ? raw : json::object();
  out["apiVersion"] = std::string(api_version);
  out["kind"] = std::string(kind);
  out["metadata"] = object.metadata.is_object() ? object.metadata : json::object();
  encode(object.spec, out["spec"]);
  write_field(out, "status", object.status);
  return out;
}

}  // namespace kraft::k3k
