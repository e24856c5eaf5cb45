// Per virtual cluster: its pods (by K3k's labels), their phases and the scheduler's sums,
// live usage, storage requested and the policy's quota.
#include <kraft/api/json_view.h>
#include <kraft/k3k/names.h>
#include <kraft/usage/aggregate.h>

#include <algorithm>
#include <map>
#include <utility>

namespace kraft::usage {

using nlohmann::json;

namespace {

using ClusterKey = std::pair<std::string, std::string>;  // namespace, name

void count_phase(PodPhases& phases, std::string_view phase) {
  if (phase == "Pending") {
    ++phases.pending;
  } else if (phase == "Running") {
    ++phases.running;
  } else if (phase == "Succeeded") {
    ++phases.succeeded;
  } else if (phase == "Failed") {
    ++phases.failed;
  } else {
    ++phases.unknown;
  }
}

// The most used quota entry; the first of equals, so the order is stable.
std::optional<QuotaEntry> peak_of(const std::vector<QuotaEntry>& entries) {
  const QuotaEntry* best = nullptr;
  for (const auto& entry : entries) {
    if (!entry.percent) continue;
    if (best == nullptr || *entry.percent > *best->percent) best = &entry;
  }
  return best == nullptr ? std::nullopt : std::optional<QuotaEntry>(*best);
}

const json* find_quota(const json& quotas, std::string_view ns, std::string_view name) {
  if (!quotas.is_array()) return nullptr;
  for (const auto& quota : quotas) {
    if (api::metadata_string(quota, "namespace") == ns &&
        api::metadata_string(quota, "name") == name) {
      return &quota;
    }
  }
  return nullptr;
}

}  // namespace

UsageReport aggregate_clusters(const std::vector<k3k::Cluster>& clusters,
                               const HostObjects& objects) {
  UsageReport report;
  std::map<ClusterKey, std::size_t> index;
  report.clusters.reserve(clusters.size());
  for (const auto& cluster : clusters) {
    ClusterUsage row;
    row.cluster = {cluster.namespace_name(), cluster.name()};
    row.mode = cluster.spec.mode.value_or("shared");
    if (cluster.status && cluster.status->policy_name) row.policy = *cluster.status->policy_name;
    if (objects.pod_metrics) {
      row.usage = Resources();
    } else {
      row.availability.metrics = Availability::kNotServed;
    }
    index.emplace(ClusterKey{row.cluster.ns, row.cluster.name}, report.clusters.size());
    report.clusters.push_back(std::move(row));
  }
  auto cluster_of = [&](const json& object) -> ClusterUsage* {
    auto owner = owner_of(object);
    if (!owner) return nullptr;
    auto it = index.find({owner->cluster.ns, owner->cluster.name});
    return it == index.end() ? nullptr : &report.clusters[it->second];
  };

  if (objects.pods.is_array()) {
    for (const auto& pod : objects.pods) {
      ClusterUsage* row = cluster_of(pod);
      if (row == nullptr) {
        if (owner_of(pod)) ++report.unattributed_pods;
        continue;
      }
      row->pods.push_back(pod_usage(pod));
    }
  }
  for (auto& row : report.clusters) {
    std::sort(row.pods.begin(), row.pods.end(), [](const PodUsage& a, const PodUsage& b) {
      return std::tie(a.ns, a.name) < std::tie(b.ns, b.name);
    });
    if (objects.pod_metrics) merge_pod_metrics(row.pods, *objects.pod_metrics);
    for (const auto& pod : row.pods) {
      count_phase(row.phases, pod.phase);
      if (pod.usage && row.usage) add_resources(*row.usage, *pod.usage);
      if (pod.terminal) continue;  // its containers are done: nothing is reserved for it
      add_resources(row.requests, pod.requests);
      add_resources(row.limits, pod.limits);
      row.unlimited.insert(pod.unlimited.begin(), pod.unlimited.end());
    }
  }

  if (objects.claims.is_array()) {
    for (const auto& claim : objects.claims) {
      if (ClusterUsage* row = cluster_of(claim)) {
        const json* requests =
            api::child(api::child(api::child(&claim, "spec"), "resources"), "requests");
        row->storage_requested +=
            amount(read_resources(requests, "spec.resources.requests"), "storage");
      }
    }
  }

  for (auto& row : report.clusters) {
    if (row.policy.empty()) continue;
    const json* quota =
        find_quota(objects.quotas, row.cluster.ns, k3k::policy_object_name(row.policy));
    if (quota == nullptr) continue;
    row.quota = quota_entries(*quota);
    row.quota_peak = peak_of(row.quota);
  }
  return report;
}

}  // namespace kraft::usage
