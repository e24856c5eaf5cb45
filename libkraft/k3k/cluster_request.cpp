// ClusterRequest → Cluster. Everything K3k's CRD schema, its CEL rules or its controller would
// refuse is refused here first, in one line naming the field, so `kraft create` never leaves a
// Cluster behind that can only go Pending or fail.
#include <kraft/api/label_selector.h>
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>
#include <kraft/k3k/cluster_request.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>

#include <algorithm>
#include <array>

namespace kraft::k3k {
namespace {

constexpr std::array<std::pair<ExposeMode, std::string_view>, 5> kExposeNames{{
    {ExposeMode::kNone, "none"},
    {ExposeMode::kNodePort, "nodeport"},
    {ExposeMode::kLoadBalancer, "loadbalancer"},
    {ExposeMode::kIngress, "ingress"},
    {ExposeMode::kTraefik, "traefik"},
}};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A DNS-1123 subdomain: dot-separated labels, at most 253 characters.
bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    if (!is_dns1123_label(s.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_ip_literal(std::string_view s) {
  if (s.empty()) return false;
  bool has_colon = false;
  for (char c : s) {
    if (c == ':') has_colon = true;
    if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
          (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return has_colon || s.find_first_not_of("0123456789.") == std::string_view::npos;
}

// A name that can stand in a certificate's SAN and in a URL: a DNS name (wildcards allowed
// in tlsSANs, as k3s accepts them) or an IP address. `field` is the request's member.
void check_host(std::string_view host, const char* what, const char* field) {
  std::string_view name = host;
  if (name.starts_with("*.")) name.remove_prefix(2);
  if (is_dns1123_subdomain(name) || is_ip_literal(host)) return;
  throw ValidationError(std::string(what) + " \"" + std::string(host) +
                            "\" is not a valid DNS name or IP address (lowercase letters, "
                            "digits, '-' and '.', e.g. demo.example.com)",
                        {}, {field});
}

// The k3s image tag: K3k pulls rancher/k3s:VERSION.
void check_version(std::string_view version) {
  bool ok = !version.empty() && version.size() <= 128;
  for (char c : version) ok = ok && (is_alnum(c) || c == '.' || c == '-' || c == '_');
  if (!ok || version.front() == '.' || version.front() == '-') {
    throw ValidationError("version \"" + std::string(version) +
                              "\" is not a k3s version; use a k3s image tag such as v1.31.1-k3s1",
                          {}, {"version"});
  }
}

void check_count(int value, int minimum, const char* what, const char* why) {
  if (value < minimum) {
    throw ValidationError(std::string(what) + " must be at least " + std::to_string(minimum) +
                              ", got " + std::to_string(value) + " (" + why + ")",
                          {}, {what});
  }
}

}  // namespace

ExposeMode parse_expose_mode(std::string_view text) {
  for (const auto& [mode, name] : kExposeNames) {
    if (name == text) return mode;
  }
  throw ValidationError("unknown expose mode \"" + std::string(text) +
                            "\": use nodeport, loadbalancer, ingress, traefik or none",
                        {}, {"expose"});
}

std::string_view to_string(ExposeMode mode) {
  for (const auto& [value, name] : kExposeNames) {
    if (value == mode) return name;
  }
  return "none";
}

void validate_label(std::string_view key, std::string_view value) {
  // The API server's rules (IsQualifiedName, IsValidLabelValue), shared with label selectors.
  if (const std::string problem = api::label_key_problem(key); !problem.empty()) {
    throw ValidationError("label key \"" + std::string(key) + "\" is invalid: " + problem +
                          " (e.g. team=dev)");
  }
  if (const std::string problem = api::label_value_problem(value); !problem.empty()) {
    throw ValidationError("label value \"" + std::string(value) + "\" of \"" + std::string(key) +
                          "\" is invalid: " + problem);
  }
}

std::string request_namespace(const ClusterRequest& request) {
  return request.ns.empty() ? default_namespace(request.name) : request.ns;
}

void validate(const ClusterRequest& r) {
  validate_cluster_name(r.name);
  if (!r.ns.empty()) validate_namespace_name(r.ns);
  check_count(r.servers, 1, "servers", "a cluster needs at least one server");
  check_count(r.agents, 0, "agents", "use 0 for none");
  if (r.mode != "shared" && r.mode != "virtual") {
    throw ValidationError("unknown mode \"" + r.mode + "\": use shared or virtual", {}, {"mode"});
  }
  if (!r.version.empty()) check_version(r.version);
  if (r.persistence != "dynamic" && r.persistence != "ephemeral") {
    throw ValidationError("unknown persistence \"" + r.persistence +
                              "\": use dynamic (a PVC per server) or ephemeral (an emptyDir)",
                          {}, {"persistence"});
  }
  if (r.persistence == "ephemeral" && (!r.storage_class.empty() || !r.storage_size.empty())) {
    throw ValidationError(
        "a storage class or size needs persistence dynamic; ephemeral servers keep no volume", {},
        {r.storage_class.empty() ? "storage_size" : "storage_class", "persistence"});
  }
  if (!r.storage_class.empty() && !is_dns1123_subdomain(r.storage_class)) {
    throw ValidationError("storage class \"" + r.storage_class +
                              "\" is not a valid StorageClass name (e.g. local-path)",
                          {}, {"storage_class"});
  }
  if (const auto size = Quantity::try_parse(r.storage_size);
      !r.storage_size.empty() && (!size || size->sign() <= 0)) {
    throw ValidationError(
        "storage size \"" + r.storage_size + "\" is not a positive quantity; use e.g. 5Gi or 500Mi",
        {}, {"storage_size"});
  }
  if (!r.ingress_class.empty() && r.expose != ExposeMode::kIngress) {
    throw ValidationError("an ingress class only applies to ingress exposure", {},
                          {"ingress_class", "expose"});
  }
  if (!r.ingress_class.empty() && !is_dns1123_subdomain(r.ingress_class)) {
    throw ValidationError("ingress class \"" + r.ingress_class + "\" is not a valid name", {},
                          {"ingress_class"});
  }
  if ((r.expose == ExposeMode::kIngress || r.expose == ExposeMode::kTraefik) && r.host.empty()) {
    throw ValidationError(std::string(to_string(r.expose)) +
                              " exposure needs the host name users will dial, e.g. "
                              "demo.example.com",
                          {}, {"host"});
  }
  if (!r.host.empty()) {
    if (r.host.starts_with("*.")) {
      throw ValidationError("host \"" + r.host + "\" is a wildcard; give the exact name to dial",
                            {}, {"host"});
    }
    check_host(r.host, "host", "host");
  }
  for (const auto& san : r.tls_sans) check_host(san, "TLS SAN", "tls_sans");
  if (!r.server_host.empty()) {
    if (r.expose != ExposeMode::kNodePort) {
      throw ValidationError(
          "a server host is where NodePorts are reached; it applies only to "
          "NodePort exposure, not " +
              std::string(to_string(r.expose)),
          {}, {"server_host", "expose"});
    }
    if (r.server_host.starts_with("*.")) {
      throw ValidationError("server host \"" + r.server_host +
                                "\" is a wildcard; give the "
                                "exact name or address to dial",
                            {}, {"server_host"});
    }
    check_host(r.server_host, "server host", "server_host");
  }
  // An ingress routes by host name: TLS SNI never carries an IP, and K3k makes one Ingress
  // rule per TLS SAN, which must each be a DNS name.
  const bool routed = r.expose == ExposeMode::kIngress || r.expose == ExposeMode::kTraefik;
  if (routed && is_ip_literal(r.host)) {
    throw ValidationError(std::string(to_string(r.expose)) +
                              " exposure routes by host name, so the host must be a DNS name, "
                              "not \"" +
                              r.host + "\"; for an IP use nodeport or loadbalancer exposure",
                          {}, {"host", "expose"});
  }
  if (r.expose == ExposeMode::kIngress) {
    for (const auto& san : r.tls_sans) {
      if (is_ip_literal(san) || san.starts_with("*.")) {
        throw ValidationError("TLS SAN \"" + san +
                                  "\" cannot be an Ingress host (K3k makes "
                                  "one Ingress rule per TLS SAN); use DNS names with ingress "
                                  "exposure",
                              {}, {"tls_sans", "expose"});
      }
    }
  }
  for (const auto& [key, value] : r.labels) validate_label(key, value);
  if (!r.policy.empty()) validate_policy_name(r.policy);
}

std::vector<std::string> request_warnings(const ClusterRequest& r) {
  std::vector<std::string> warnings;
  if (r.mode == "shared" && r.agents > 0) {
    warnings.push_back("agents are ignored in shared mode (" + std::to_string(r.agents) +
                       " requested); use virtual mode for agent nodes");
  }
  if (r.mode == "shared" && !r.agent_args.empty()) {
    warnings.push_back("agent arguments are ignored in shared mode");
  }
  return warnings;
}

Cluster build_cluster(const ClusterRequest& r) {
  validate(r);
  Cluster cluster(request_namespace(r), r.name);
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [key, value] : r.labels) labels[key] = value;
  labels.emplace(kManagedByLabel, kManagedByValue);
  cluster.metadata["labels"] = std::move(labels);

  ClusterSpec& spec = cluster.spec;
  spec.servers = r.servers;
  spec.agents = r.agents;
  spec.mode = r.mode;
  if (!r.version.empty()) spec.version = r.version;
  PersistenceConfig persistence;
  persistence.type = r.persistence;
  if (!r.storage_class.empty()) persistence.storage_class_name = r.storage_class;
  if (!r.storage_size.empty()) persistence.storage_request_size = IntOrString(r.storage_size);
  spec.persistence = std::move(persistence);

  switch (r.expose) {
    case ExposeMode::kNodePort:
      spec.expose.emplace().node_port.emplace();
      break;
    case ExposeMode::kLoadBalancer:
      spec.expose.emplace().load_balancer.emplace();
      break;
    case ExposeMode::kIngress: {
      IngressConfig ingress;
      if (!r.ingress_class.empty()) ingress.ingress_class_name = r.ingress_class;
      spec.expose.emplace().ingress = std::move(ingress);
      break;
    }
    case ExposeMode::kTraefik:  // the route is a separate object; the service stays ClusterIP
    case ExposeMode::kNone:
      break;
  }

  // The host users dial goes first: K3k's kubeconfig logic and its ingress use tlsSANs[0].
  // Then the address NodePorts are reached on, so the certificate names it (K3k's CLI puts the
  // host API server's hostname first for the same reason).
  std::vector<std::string> sans;
  const auto add = [&sans](const std::string& san) {
    if (!san.empty() && std::find(sans.begin(), sans.end(), san) == sans.end()) {
      sans.push_back(san);
    }
  };
  add(r.host);
  if (r.expose == ExposeMode::kNodePort) add(r.server_host);
  for (const auto& san : r.tls_sans) add(san);
  if (!sans.empty()) spec.tls_sans = std::move(sans);
  if (!r.server_args.empty()) spec.server_args = r.server_args;
  if (!r.agent_args.empty()) spec.agent_args = r.agent_args;
  return cluster;
}

}  // namespace kraft::k3k
