// Cluster.spec and its nested structs, field by field in the CRD's (alphabetical) order.
#include "k3k/codec.h"

namespace kraft::k3k {

void decode(const json& v, Addon& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "secretNamespace", out.secret_namespace, path);
  read_field(v, "secretRef", out.secret_ref, path);
}

void encode(const Addon& v, json& into) {
  ensure_object(into);
  write_field(into, "secretNamespace", v.secret_namespace);
  write_field(into, "secretRef", v.secret_ref);
}

void decode(const json& v, CredentialSource& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "secretName", out.secret_name, path);
}

void encode(const CredentialSource& v, json& into) {
  ensure_object(into);
  write_field(into, "secretName", v.secret_name);
}

void decode(const json& v, CredentialSources& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "clientCA", out.client_ca, path);
  read_field(v, "etcdPeerCA", out.etcd_peer_ca, path);
  read_field(v, "etcdServerCA", out.etcd_server_ca, path);
  read_field(v, "requestHeaderCA", out.request_header_ca, path);
  read_field(v, "serverCA", out.server_ca, path);
  read_field(v, "serviceAccountToken", out.service_account_token, path);
}

void encode(const CredentialSources& v, json& into) {
  ensure_object(into);
  write_field(into, "clientCA", v.client_ca);
  write_field(into, "etcdPeerCA", v.etcd_peer_ca);
  write_field(into, "etcdServerCA", v.etcd_server_ca);
  write_field(into, "requestHeaderCA", v.request_header_ca);
  write_field(into, "serverCA", v.server_ca);
  write_field(into, "serviceAccountToken", v.service_account_token);
}

void decode(const json& v, CustomCAs& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "enabled", out.enabled, path);
  read_field(v, "sources", out.sources, path);
}

void encode(const CustomCAs& v, json& into) {
  ensure_object(into);
  write_field(into, "enabled", v.enabled);
  write_field(into, "sources", v.sources);
}

void decode(const json& v, IngressConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "annotations", out.annotations, path);
  read_field(v, "ingressClassName", out.ingress_class_name, path);
}

void encode(const IngressConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "annotations", v.annotations);
  write_field(into, "ingressClassName", v.ingress_class_name);
}

void decode(const json& v, LoadBalancerConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "etcdPort", out.etcd_port, path);
  read_field(v, "serverPort", out.server_port, path);
}

void encode(const LoadBalancerConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "etcdPort", v.etcd_port);
  write_field(into, "serverPort", v.server_port);
}

void decode(const json& v, NodePortConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "etcdPort", out.etcd_port, path);
  read_field(v, "serverPort", out.server_port, path);
}

void encode(const NodePortConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "etcdPort", v.etcd_port);
  write_field(into, "serverPort", v.server_port);
}

void decode(const json& v, ExposeConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "annotations", out.annotations, path);
  read_field(v, "ingress", out.ingress, path);
  read_field(v, "loadBalancer", out.load_balancer, path);
  read_field(v, "nodePort", out.node_port, path);
}

void encode(const ExposeConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "annotations", v.annotations);
  write_field(into, "ingress", v.ingress);
  write_field(into, "loadBalancer", v.load_balancer);
  write_field(into, "nodePort", v.node_port);
}

void decode(const json& v, PersistenceConfig& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "storageClassName", out.storage_class_name, path);
  read_field(v, "storageRequestSize", out.storage_request_size, path);
  read_field(v, "type", out.type, path);
}

void encode(const PersistenceConfig& v, json& into) {
  ensure_object(into);
  write_field(into, "storageClassName", v.storage_class_name);
  write_field(into, "storageRequestSize", v.storage_request_size);
  write_field(into, "type", v.type);
}

void decode(const json& v, SecretMount& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "defaultMode", out.default_mode, path);
  read_field(v, "items", out.items, path);
  read_field(v, "mountPath", out.mount_path, path);
  read_field(v, "name", out.name, path);
  read_field(v, "optional", out.optional, path);
  read_field(v, "role", out.role, path);
  read_field(v, "secretName", out.secret_name, path);
  read_field(v, "subPath", out.sub_path, path);
}

void encode(const SecretMount& v, json& into) {
  ensure_object(into);
  write_field(into, "defaultMode", v.default_mode);
  write_field(into, "items", v.items);
  write_field(into, "mountPath", v.mount_path);
  write_field(into, "name", v.name);
  write_field(into, "optional", v.optional);
  write_field(into, "role", v.role);
  write_field(into, "secretName", v.secret_name);
  write_field(into, "subPath", v.sub_path);
}

void decode(const json& v, SecretReference& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "name", out.name, path);
  read_field(v, "namespace", out.namespace_, path);
}

void encode(const SecretReference& v, json& into) {
  ensure_object(into);
  write_field(into, "name", v.name);
  write_field(into, "namespace", v.namespace_);
}

void decode(const json& v, ClusterSpec& out, const std::string& path) {
  expect_object(v, path);
  read_field(v, "addons", out.addons, path);
  read_field(v, "agentAffinity", out.agent_affinity, path);
  read_field(v, "agentArgs", out.agent_args, path);
  read_field(v, "agentEnvs", out.agent_envs, path);
  read_field(v, "agents", out.agents, path);
  read_field(v, "clusterCIDR", out.cluster_cidr, path);
  read_field(v, "clusterDNS", out.cluster_dns, path);
  read_field(v, "customCAs", out.custom_cas, path);
  read_field(v, "expose", out.expose, path);
  read_field(v, "hostUsers", out.host_users, path);
  read_field(v, "mirrorHostNodes", out.mirror_host_nodes, path);
  read_field(v, "mode", out.mode, path);
  read_field(v, "nodeSelector", out.node_selector, path);
  read_field(v, "persistence", out.persistence, path);
  read_field(v, "podSecurityContext", out.pod_security_context, path);
  read_field(v, "priorityClass", out.priority_class, path);
  read_field(v, "runtimeClassName", out.runtime_class_name, path);
  read_field(v, "secretMounts", out.secret_mounts, path);
  read_field(v, "securityContext", out.security_context, path);
  read_field(v, "serverAffinity", out.server_affinity, path);
  read_field(v, "serverArgs", out.server_args, path);
  read_field(v, "serverEnvs", out.server_envs, path);
  read_field(v, "serverLimit", out.server_limit, path);
  read_field(v, "serverResources", out.server_resources, path);
  read_field(v, "servers", out.servers, path);
  read_field(v, "serviceCIDR", out.service_cidr, path);
  read_field(v, "sync", out.sync, path);
  read_field(v, "tlsSANs", out.tls_sans, path);
  read_field(v, "tokenSecretRef", out.token_secret_ref, path);
  read_field(v, "version", out.version, path);
  read_field(v, "workerLimit", out.worker_limit, path);
  read_field(v, "workerResources", out.worker_resources, path);
}

void encode(const ClusterSpec& v, json& into) {
  ensure_object(into);
  write_field(into, "addons", v.addons);
  write_field(into, "agentAffinity", v.agent_affinity);
  write_field(into, "agentArgs", v.agent_args);
  write_field(into, "agentEnvs", v.agent_envs);
  write_field(into, "agents", v.agents);
  write_field(into, "clusterCIDR", v.cluster_cidr);
  write_field(into, "clusterDNS", v.cluster_dns);
  write_field(into, "customCAs", v.custom_cas);
  write_field(into, "expose", v.expose);
  write_field(into, "hostUsers", v.host_users);
  write_field(into, "mirrorHostNodes", v.mirror_host_nodes);
  write_field(into, "mode", v.mode);
  write_field(into, "nodeSelector", v.node_selector);
  write_field(into, "persistence", v.persistence);
  write_field(into, "podSecurityContext", v.pod_security_context);
  write_field(into, "priorityClass", v.priority_class);
  write_field(into, "runtimeClassName", v.runtime_class_name);
  write_field(into, "secretMounts", v.secret_mounts);
  write_field(into, "securityContext", v.security_context);
  write_field(into, "serverAffinity", v.server_affinity);
  write_field(into, "serverArgs", v.server_args);
  write_field(into, "serverEnvs", v.server_envs);
  write_field(into, "serverLimit", v.server_limit);
  write_field(into, "serverResources", v.server_resources);
  write_field(into, "servers", v.servers);
  write_field(into, "serviceCIDR", v.service_cidr);
  write_field(into, "sync", v.sync);
  write_field(into, "tlsSANs", v.tls_sans);
  write_field(into, "tokenSecretRef", v.token_secret_ref);
  write_field(into, "version", v.version);
  write_field(into, "workerLimit", v.worker_limit);
  write_field(into, "workerResources", v.worker_resources);
}

}  // namespace kraft::k3k
