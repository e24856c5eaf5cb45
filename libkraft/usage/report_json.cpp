// The reports as JSON (report_json.h): what is unknown is null, never zero.
#include <kraft/usage/report_json.h>

namespace kraft::usage {

using nlohmann::json;

namespace {

std::string availability_text(Availability a) { return std::string(to_string(a)); }

json optional_resources(const std::optional<Resources>& r) {
  return r ? to_json(*r) : json(nullptr);
}

json quota_json(const QuotaEntry& entry) {
  return {{"resource", entry.resource},
          {"hard", entry.hard.to_string()},
          {"used", entry.used ? json(entry.used->to_string()) : json(nullptr)},
          {"percent", entry.percent ? json(*entry.percent) : json(nullptr)}};
}

const char* container_kind(ContainerUsage::Kind kind) {
  switch (kind) {
    case ContainerUsage::Kind::kInit:
      return "init";
    case ContainerUsage::Kind::kSidecar:
      return "sidecar";
    case ContainerUsage::Kind::kApp:
      break;
  }
  return "app";
}

}  // namespace

json to_json(const Resources& resources) {
  json out = json::object();
  for (const auto& [name, value] : resources) out[name] = value.to_string();
  return out;
}

json to_json(const PodUsage& pod) {
  json containers = json::array();
  for (const auto& c : pod.containers) {
    containers.push_back({{"name", c.name},
                          {"kind", container_kind(c.kind)},
                          {"requests", to_json(c.requests)},
                          {"limits", to_json(c.limits)},
                          {"usage", optional_resources(c.usage)}});
  }
  return {{"namespace", pod.ns},
          {"name", pod.name},
          {"role", std::string(to_string(pod.role))},
          {"virtualNamespace", pod.virtual_ns},
          {"virtualName", pod.virtual_name},
          {"node", pod.node},
          {"phase", pod.phase},
          {"terminal", pod.terminal},
          {"requests", to_json(pod.requests)},
          {"limits", to_json(pod.limits)},
          {"unlimited", pod.unlimited},
          {"usage", optional_resources(pod.usage)},
          {"containers", std::move(containers)}};
}

json to_json(const ClusterUsage& cluster, bool with_pods) {
  const ClusterAvailability& a = cluster.availability;
  const bool pods_known = a.pods == Availability::kAvailable;
  json out = {{"namespace", cluster.cluster.ns},
              {"name", cluster.cluster.name},
              {"mode", cluster.mode},
              {"policy", cluster.policy},
              {"usage", optional_resources(cluster.usage)},
              {"availability",
               {{"pods", availability_text(a.pods)},
                {"metrics", availability_text(a.metrics)},
                {"storage", availability_text(a.storage)},
                {"quota", availability_text(a.quota)}}}};
  const PodPhases& p = cluster.phases;
  out["pods"] =
      pods_known ? json{{"pending", p.pending}, {"running", p.running}, {"succeeded", p.succeeded},
                        {"failed", p.failed},   {"unknown", p.unknown}, {"total", p.total()}}
                 : json(nullptr);
  out["requests"] = pods_known ? to_json(cluster.requests) : json(nullptr);
  out["limits"] = pods_known ? to_json(cluster.limits) : json(nullptr);
  out["unlimited"] = pods_known ? json(cluster.unlimited) : json(nullptr);
  out["storageRequested"] = a.storage == Availability::kAvailable
                                ? json(cluster.storage_requested.to_string())
                                : json(nullptr);
  if (a.quota == Availability::kAvailable) {
    out["quota"] = json::array();
    for (const auto& entry : cluster.quota) out["quota"].push_back(quota_json(entry));
  } else {
    out["quota"] = nullptr;
  }
  out["quotaPeak"] = cluster.quota_peak ? quota_json(*cluster.quota_peak) : json(nullptr);
  if (with_pods) {
    out["podList"] = json::array();
    for (const auto& pod : cluster.pods) out["podList"].push_back(to_json(pod));
  }
  return out;
}

json to_json(const NodeUsage& node) {
  json clusters = json::array();
  for (const auto& c : node.clusters) clusters.push_back({{"namespace", c.ns}, {"name", c.name}});
  return {{"name", node.name},
          {"capacity", to_json(node.capacity)},
          {"allocatable", to_json(node.allocatable)},
          {"pods", node.pods},
          {"requests", to_json(node.requests)},
          {"limits", to_json(node.limits)},
          {"unlimited", node.unlimited},
          {"clusters", std::move(clusters)},
          {"usage", optional_resources(node.usage)}};
}

json to_json(const Note& note) {
  return {{"source", std::string(resource_name(note.source))},
          {"availability", availability_text(note.availability)},
          {"verb", note.verb},
          {"resource", note.resource},
          {"namespace", note.ns},
          {"text", note.text}};
}

json to_json(const UsageReport& report, bool with_pods) {
  json clusters = json::array();
  for (const auto& c : report.clusters) clusters.push_back(to_json(c, with_pods));
  json notes = json::array();
  for (const auto& n : report.notes) notes.push_back(to_json(n));
  return {{"clusters", std::move(clusters)},
          {"unattributedPods", report.unattributed_pods},
          {"notes", std::move(notes)}};
}

json to_json(const NodeReport& report) {
  json nodes = json::array();
  for (const auto& n : report.nodes) {
    json row = to_json(n);
    // Figures from pods are unknown, not zero, when pods could not be listed.
    if (report.pods_availability != Availability::kAvailable) {
      for (const char* key : {"pods", "requests", "limits", "unlimited", "clusters"}) {
        row[key] = nullptr;
      }
    }
    nodes.push_back(std::move(row));
  }
  json notes = json::array();
  for (const auto& n : report.notes) notes.push_back(to_json(n));
  return {{"nodes", std::move(nodes)},
          {"availability",
           {{"nodes", availability_text(report.nodes_availability)},
            {"pods", availability_text(report.pods_availability)},
            {"metrics", availability_text(report.metrics_availability)}}},
          {"notes", std::move(notes)}};
}

}  // namespace kraft::usage
