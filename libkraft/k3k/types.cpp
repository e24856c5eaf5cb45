// Shared K3k value types: IntOrString, conditions, sync settings, resource requirements.
#include <kraft/k3k/types.h>

#include "k3k/codec.h"

namespace kraft::k3k {

std::string IntOrString::str() const {
  if (is_int()) return std::to_string(std::get<std::int64_t>(value));
  return std::get<std::string>(value);
}

std::optional<Condition> find_condition(const std::vector<Condition>& conditions,
                                        const std::string& type) {
  for (const auto& c : conditions) {
    if (c.type == type) return c;
  }
  return std::nullopt;
}

// Condition: type, status, reason, message and lastTransitionTime are required by the CRD
// (metav1.Condition), so they are plain strings and always written.
void decode(const json& v, Condition& out, const std::string& path) {
  expect_object(v, path);
  auto required = [&](const char* key, std::string& field) {
    std::optional<std::string> value;
    read_field(v, key, value, path);
    field = value.value_or("");
  };
  required("type", out.type);
  required("status", out.status);
  required("reason", out.reason);
  required("message", out.message);
  required("lastTransitionTime", out.last_transition_time);
  read_field(v, "observedGeneration", out.observed_generation, path);
}

void encode(const Condition& v, json& into) {
  ensure_object(into);
  into["type"] = v.type;
  into["status"] = v.status;
  into["reason"] = v.reason;
  into["message"] = v.message;
  into["lastTransitionTime"] = v.last_transition_time;
  write_field(into, "observedGeneration", v.observed_generation);
}

void decode(const json& v, SyncResourceConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "enabled", out.enabled, path);
  read_field(v, "selector", out.selector, path);
}

void encode(const SyncResourceConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "enabled", v.enabled);
  write_field(into, "selector", v.selector);
}

void decode(const json& v, IngressSyncConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "enabled", out.enabled, path);
  read_field(v, "selector", out.selector, path);
  read_field(v, "disableTLSSecretTranslation", out.disable_tls_secret_translation, path);
}

void encode(const IngressSyncConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "enabled", v.enabled);
  write_field(into, "selector", v.selector);
  write_field(into, "disableTLSSecretTranslation", v.disable_tls_secret_translation);
}

void decode(const json& v, SyncConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "configMaps", out.config_maps, path);
  read_field(v, "ingresses", out.ingresses, path);
  read_field(v, "persistentVolumeClaims", out.persistent_volume_claims, path);
  read_field(v, "priorityClasses", out.priority_classes, path);
  read_field(v, "secrets", out.secrets, path);
  read_field(v, "services", out.services, path);
  read_field(v, "storageClasses", out.storage_classes, path);
}

void encode(const SyncConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "configMaps", v.config_maps);
  write_field(into, "ingresses", v.ingresses);
  write_field(into, "persistentVolumeClaims", v.persistent_volume_claims);
  write_field(into, "priorityClasses", v.priority_classes);
  write_field(into, "secrets", v.secrets);
  write_field(into, "services", v.services);
  write_field(into, "storageClasses", v.storage_classes);
}

void decode(const json& v, ResourceRequirements& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "claims", out.claims, path);
  read_field(v, "limits", out.limits, path);
  read_field(v, "requests", out.requests, path);
}

void encode(const ResourceRequirements& v, json& into) {
  ensure_object(into);
  write_field(into, "claims", v.claims);
  write_field(into, "limits", v.limits);
  write_field(into, "requests", v.requests);
}

}  // namespace kraft::k3k
