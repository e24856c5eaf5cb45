// Cluster.status and status.policy (the policy settings the controller applied).
#include "k3k/codec.h"

namespace kraft::k3k {

void decode(const json& v, AppliedPolicy& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "agentAffinity", out.agent_affinity, path);
  read_field(v, "hostUsers", out.host_users, path);
  read_field(v, "name", out.name, path);
  read_field(v, "nodeSelector", out.node_selector, path);
  read_field(v, "podSecurityContext", out.pod_security_context, path);
  read_field(v, "priorityClass", out.priority_class, path);
  read_field(v, "runtimeClassName", out.runtime_class_name, path);
  read_field(v, "securityContext", out.security_context, path);
  read_field(v, "serverAffinity", out.server_affinity, path);
  read_field(v, "sync", out.sync, path);
}

void encode(const AppliedPolicy& v, json& into) {
  ensure_object(into);
  write_field(into, "agentAffinity", v.agent_affinity);
  write_field(into, "hostUsers", v.host_users);
  write_field(into, "name", v.name);
  write_field(into, "nodeSelector", v.node_selector);
  write_field(into, "podSecurityContext", v.pod_security_context);
  write_field(into, "priorityClass", v.priority_class);
  write_field(into, "runtimeClassName", v.runtime_class_name);
  write_field(into, "securityContext", v.security_context);
  write_field(into, "serverAffinity", v.server_affinity);
  write_field(into, "sync", v.sync);
}

void decode(const json& v, ClusterStatus& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "clusterCIDR", out.cluster_cidr, path);
  read_field(v, "clusterDNS", out.cluster_dns, path);
  read_field(v, "conditions", out.conditions, path);
  read_field(v, "hostVersion", out.host_version, path);
  read_field(v, "kubeletPort", out.kubelet_port, path);
  read_field(v, "phase", out.phase, path);
  read_field(v, "policy", out.policy, path);
  read_field(v, "policyName", out.policy_name, path);
  read_field(v, "serviceCIDR", out.service_cidr, path);
  read_field(v, "tlsSANs", out.tls_sans, path);
}

void encode(const ClusterStatus& v, json& into) {
  ensure_object(into);
  write_field(into, "clusterCIDR", v.cluster_cidr);
  write_field(into, "clusterDNS", v.cluster_dns);
  write_field(into, "conditions", v.conditions);
  write_field(into, "hostVersion", v.host_version);
  write_field(into, "kubeletPort", v.kubelet_port);
  write_field(into, "phase", v.phase);
  write_field(into, "policy", v.policy);
  write_field(into, "policyName", v.policy_name);
  write_field(into, "serviceCIDR", v.service_cidr);
  write_field(into, "tlsSANs", v.tls_sans);
}

}  // namespace kraft::k3k
