#include "cluster_table.h"

#include "age.h"

namespace kraft::cli {
namespace {

template <class T>
std::string or_text(const std::optional<T>& value, const char* fallback) {
  if (!value) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return value->empty() ? fallback : *value;
  } else {
    return std::to_string(*value);
  }
}

std::string status_field(const k3k::Cluster& c,
                         std::optional<std::string> k3k::ClusterStatus::*field,
                         const char* fallback) {
  return c.status ? or_text((*c.status).*field, fallback) : fallback;
}

// What the controller chose (status), else what was asked for (spec).
std::string cidr(const k3k::Cluster& c, std::optional<std::string> k3k::ClusterStatus::*status,
                 const std::optional<std::string>& spec) {
  return status_field(c, status, or_text(spec, "<none>").c_str());
}

std::string creation_timestamp(const k3k::Cluster& c) {
  auto it = c.metadata.find("creationTimestamp");
  return it != c.metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string version_cell(const k3k::Cluster& cluster) {
  if (cluster.spec.version && !cluster.spec.version->empty()) return *cluster.spec.version;
  return status_field(cluster, &k3k::ClusterStatus::host_version, "<default>");
}

std::string expose_cell(const k3k::Cluster& cluster) {
  const auto& expose = cluster.spec.expose;
  if (expose && expose->node_port) return "nodePort";
  if (expose && expose->load_balancer) return "loadBalancer";
  if (expose && expose->ingress) return "ingress";
  return "ClusterIP";
}

Table cluster_table(const std::vector<k3k::Cluster>& clusters, bool wide,
                    std::chrono::system_clock::time_point now) {
  std::vector<std::string> headers = {"NAMESPACE", "NAME",   "MODE",   "SERVERS", "AGENTS",
                                      "VERSION",   "STATUS", "POLICY", "AGE"};
  if (wide) {
    headers.insert(headers.end(),
                   {"EXPOSE", "PERSISTENCE", "CLUSTER-CIDR", "SERVICE-CIDR", "HOST"});
  }
  Table table(std::move(headers));
  for (const auto& c : clusters) {
    const auto& spec = c.spec;
    std::vector<std::string> row = {
        c.namespace_name(),
        c.name(),
        or_text(spec.mode, "shared"),  // the CRD defaults: what K3k runs
        or_text(spec.servers, "1"),
        or_text(spec.agents, "0"),
        version_cell(c),
        std::string(k3k::to_string(c.phase())),
        status_field(c, &k3k::ClusterStatus::policy_name, "<none>"),
        age_since(creation_timestamp(c), now)};
    if (wide) {
      const std::string persistence =
          spec.persistence ? or_text(spec.persistence->type, "dynamic") : "<none>";
      row.insert(row.end(),
                 {expose_cell(c), persistence,
                  cidr(c, &k3k::ClusterStatus::cluster_cidr, spec.cluster_cidr),
                  cidr(c, &k3k::ClusterStatus::service_cidr, spec.service_cidr),
                  spec.tls_sans && !spec.tls_sans->empty() ? spec.tls_sans->front() : "<none>"});
    }
    table.add_row(std::move(row));
  }
  return table;
}

}  // namespace kraft::cli
