// VirtualClusterPolicy: its spec and status codecs, reading and writing over the raw object.
#include <kraft/core/error.h>
#include <kraft/k3k/policy.h>

#include "k3k/codec.h"

namespace kraft::k3k {

void decode(const json& v, LimitRangeItem& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "default", out.default_, path);
  read_field(v, "defaultRequest", out.default_request, path);
  read_field(v, "max", out.max, path);
  read_field(v, "maxLimitRequestRatio", out.max_limit_request_ratio, path);
  read_field(v, "min", out.min, path);
  read_field(v, "type", out.type, path);
}

void encode(const LimitRangeItem& v, json& into) {
  ensure_object(into);
  write_field(into, "default", v.default_);
  write_field(into, "defaultRequest", v.default_request);
  write_field(into, "max", v.max);
  write_field(into, "maxLimitRequestRatio", v.max_limit_request_ratio);
  write_field(into, "min", v.min);
  write_field(into, "type", v.type);
}

void decode(const json& v, LimitRangeSpec& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "limits", out.limits, path);
}

void encode(const LimitRangeSpec& v, json& into) {
  ensure_object(into);
  write_field(into, "limits", v.limits);
}

void decode(const json& v, ResourceQuotaSpec& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "hard", out.hard, path);
  read_field(v, "scopeSelector", out.scope_selector, path);
  read_field(v, "scopes", out.scopes, path);
}

void encode(const ResourceQuotaSpec& v, json& into) {
  ensure_object(into);
  write_field(into, "hard", v.hard);
  write_field(into, "scopeSelector", v.scope_selector);
  write_field(into, "scopes", v.scopes);
}

void decode(const json& v, VirtualClusterPolicySpec& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "allowedMode", out.allowed_mode, path);
  read_field(v, "defaultAgentAffinity", out.default_agent_affinity, path);
  read_field(v, "defaultNodeSelector", out.default_node_selector, path);
  read_field(v, "defaultPriorityClass", out.default_priority_class, path);
  read_field(v, "defaultServerAffinity", out.default_server_affinity, path);
  read_field(v, "disableNetworkPolicy", out.disable_network_policy, path);
  read_field(v, "hostUsers", out.host_users, path);
  read_field(v, "limit", out.limit, path);
  read_field(v, "podSecurityAdmissionLevel", out.pod_security_admission_level, path);
  read_field(v, "quota", out.quota, path);
  read_field(v, "runtimeClassName", out.runtime_class_name, path);
  read_field(v, "securityContext", out.security_context, path);
  read_field(v, "sync", out.sync, path);
}

void encode(const VirtualClusterPolicySpec& v, json& into) {
  ensure_object(into);
  write_field(into, "allowedMode", v.allowed_mode);
  write_field(into, "defaultAgentAffinity", v.default_agent_affinity);
  write_field(into, "defaultNodeSelector", v.default_node_selector);
  write_field(into, "defaultPriorityClass", v.default_priority_class);
  write_field(into, "defaultServerAffinity", v.default_server_affinity);
  write_field(into, "disableNetworkPolicy", v.disable_network_policy);
  write_field(into, "hostUsers", v.host_users);
  write_field(into, "limit", v.limit);
  write_field(into, "podSecurityAdmissionLevel", v.pod_security_admission_level);
  write_field(into, "quota", v.quota);
  write_field(into, "runtimeClassName", v.runtime_class_name);
  write_field(into, "securityContext", v.security_context);
  write_field(into, "sync", v.sync);
}

void decode(const json& v, VirtualClusterPolicyStatus& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "conditions", out.conditions, path);
  read_field(v, "lastUpdateTime", out.last_update_time, path);
  read_field(v, "observedGeneration", out.observed_generation, path);
  read_field(v, "summary", out.summary, path);
}

void encode(const VirtualClusterPolicyStatus& v, json& into) {
  ensure_object(into);
  write_field(into, "conditions", v.conditions);
  write_field(into, "lastUpdateTime", v.last_update_time);
  write_field(into, "observedGeneration", v.observed_generation);
  write_field(into, "summary", v.summary);
}

VirtualClusterPolicy::VirtualClusterPolicy(const std::string& name) { metadata["name"] = name; }

VirtualClusterPolicy VirtualClusterPolicy::from_json(const json& object) {
  VirtualClusterPolicy policy;
  decode_object(object, kKind, policy);
  policy.raw_ = object;
  return policy;
}

json VirtualClusterPolicy::to_json() const { return encode_object(raw_, kApiVersion, kKind, *this); }

std::string VirtualClusterPolicy::name() const {
  auto it = metadata.find("name");
  return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool VirtualClusterPolicy::is_terminating() const {
  auto it = metadata.find("deletionTimestamp");
  return it != metadata.end() && !it->is_null();
}

std::optional<Condition> VirtualClusterPolicy::ready_condition() const {
  if (!status || !status->conditions) return std::nullopt;
  return find_condition(*status->conditions, "Ready");
}

}  // namespace kraft::k3k
