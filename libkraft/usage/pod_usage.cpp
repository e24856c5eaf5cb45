// One pod's row: its place in the virtual cluster, what the scheduler reserves for it, each
// container's own figures, and live usage from PodMetrics.
#include <kraft/api/json_view.h>
#include <kraft/usage/aggregate.h>

#include <map>
#include <utility>

namespace kraft::usage {

using api::child;
using api::string_at;
using nlohmann::json;

PodUsage pod_usage(const json& pod) {
  PodUsage row;
  row.ns = std::string(api::metadata_string(pod, "namespace"));
  row.name = std::string(api::metadata_string(pod, "name"));
  if (auto owner = owner_of(pod)) row.role = owner->role;
  if (row.role == PodRole::kWorkload) {
    const json* annotations = child(child(&pod, "metadata"), "annotations");
    row.virtual_ns = std::string(string_at(annotations, kVirtualNamespaceAnnotation));
    row.virtual_name = std::string(string_at(annotations, kVirtualNameAnnotation));
  }
  const json* spec = child(&pod, "spec");
  row.node = std::string(string_at(spec, "nodeName"));
  row.phase = std::string(string_at(child(&pod, "status"), "phase"));
  // The API server creates every pod Pending; an object without a phase has not been stored.
  if (row.phase.empty()) row.phase = "Pending";
  row.terminal = is_terminal(pod);
  row.requests = pod_requests(pod);
  row.limits = pod_limits(pod);
  row.unlimited = unlimited_resources(pod);
  auto add_containers = [&](const char* key, bool init) {
    const json* list = child(spec, key);
    if (list == nullptr || !list->is_array()) return;
    for (const auto& c : *list) {
      ContainerUsage container;
      container.name = std::string(string_at(c, "name"));
      container.kind = !init                                       ? ContainerUsage::Kind::kApp
                       : string_at(c, "restartPolicy") == "Always" ? ContainerUsage::Kind::kSidecar
                                                                   : ContainerUsage::Kind::kInit;
      const json* resources = child(&c, "resources");
      container.requests = read_resources(child(resources, "requests"), "resources.requests");
      container.limits = read_resources(child(resources, "limits"), "resources.limits");
      row.containers.push_back(std::move(container));
    }
  };
  add_containers("containers", false);
  add_containers("initContainers", true);
  return row;
}

void merge_pod_metrics(std::vector<PodUsage>& pods, const json& metrics) {
  if (!metrics.is_array()) return;
  using Key = std::pair<std::string_view, std::string_view>;  // views into `pods`
  std::map<Key, PodUsage*> by_name;
  for (auto& pod : pods) by_name.emplace(Key(pod.ns, pod.name), &pod);
  for (const auto& item : metrics) {
    auto it = by_name.find(
        Key(api::metadata_string(item, "namespace"), api::metadata_string(item, "name")));
    if (it == by_name.end()) continue;
    PodUsage& pod = *it->second;
    Resources total;
    if (const json* containers = child(&item, "containers");
        containers != nullptr && containers->is_array()) {
      for (const auto& c : *containers) {
        Resources used = read_resources(child(&c, "usage"), "containers.usage");
        add_resources(total, used);
        for (auto& container : pod.containers) {
          if (container.name == string_at(c, "name")) container.usage = std::move(used);
        }
      }
    }
    pod.usage = std::move(total);
  }
}

}  // namespace kraft::usage
