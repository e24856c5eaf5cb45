// The scheduler's pod resource rule, after Kubernetes'
// staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests, PodLimits,
// AggregateContainerRequests/Limits, aggregateContainerResourcesByFn) with the options
// kube-scheduler uses: UseStatusResources on, pod-level resources on, everything else off.
#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/usage/pod_resources.h>

#include <functional>

namespace kraft::usage {

using api::child;
using api::string_at;
using nlohmann::json;

Quantity amount(const Resources& resources, std::string_view name) {
  auto it = resources.find(name);
  return it == resources.end() ? Quantity() : it->second;
}

void add_resources(Resources& into, const Resources& more) {
  for (const auto& [name, value] : more) into[name] += value;
}

void max_resources(Resources& into, const Resources& other) {
  for (const auto& [name, value] : other) {
    auto it = into.find(name);
    if (it == into.end()) {
      into.emplace(name, value);
    } else if (value > it->second) {
      it->second = value;
    }
  }
}

Resources read_resources(const json* list, std::string_view what) {
  Resources out;
  if (list == nullptr || !list->is_object()) return out;
  for (const auto& [name, value] : list->items()) {
    std::optional<Quantity> q;
    if (value.is_string()) {
      q = Quantity::try_parse(value.get_ref<const std::string&>());
    } else if (value.is_number_integer() && !value.is_number_unsigned()) {
      q = Quantity(value.get<std::int64_t>());
    } else if (value.is_number()) {
      q = Quantity::try_parse(value.dump());
    }
    if (!q) {
      throw DecodeError(std::string(what) + "." + name + " is not a quantity: " + value.dump());
    }
    out.emplace(name, std::move(*q));
  }
  return out;
}

bool is_terminal(const json& pod) {
  const std::string_view phase = string_at(child(&pod, "status"), "phase");
  return phase == "Succeeded" || phase == "Failed";
}

namespace {

// Whether `list` is a JSON object: Go's non-nil map (an absent key decodes to nil).
bool is_go_map(const json* list) { return list != nullptr && list->is_object(); }

// A container's resources as one of the helpers' getters sees them: nullopt is Go's nil list.
using Getter = std::function<std::optional<Resources>(const json& container, const json* status,
                                                      bool infeasible)>;

// The container's status of that name: containerStatuses first, then initContainerStatuses
// (findContainerStatus).
const json* container_status(const json& pod, std::string_view name) {
  const json* status = child(&pod, "status");
  for (const char* key : {"containerStatuses", "initContainerStatuses"}) {
    if (const json* list = child(status, key); list != nullptr && list->is_array()) {
      for (const auto& cs : *list) {
        if (string_at(cs, "name") == name) return &cs;
      }
    }
  }
  return nullptr;
}

// IsPodResizeInfeasible: the kubelet said the resize in spec cannot be done.
bool resize_infeasible(const json& pod) {
  if (const json* conditions = child(child(&pod, "status"), "conditions");
      conditions != nullptr && conditions->is_array()) {
    for (const auto& c : *conditions) {
      if (string_at(c, "type") == "PodResizePending") return string_at(c, "reason") == "Infeasible";
    }
  }
  return false;
}

// A container with restartPolicy Always among the init containers is a sidecar.
bool is_sidecar(const json& container) { return string_at(container, "restartPolicy") == "Always"; }

// aggregateContainerResourcesByFn: app containers and sidecars add up; each init step needs the
// sidecars started before it plus itself (a sidecar's step: the sidecars so far, itself
// included); the pod needs the larger of the sum and the largest step.
Resources aggregate(const json& pod, const Getter& get) {
  const bool infeasible = resize_infeasible(pod);
  const json* spec = child(&pod, "spec");
  Resources result;
  auto resources_of = [&](const json& container) {
    const json* status = container_status(pod, string_at(container, "name"));
    return get(container, status, infeasible).value_or(Resources());
  };
  if (const json* containers = child(spec, "containers"); containers && containers->is_array()) {
    for (const auto& c : *containers) add_resources(result, resources_of(c));
  }
  Resources sidecars;
  Resources init_peak;
  if (const json* inits = child(spec, "initContainers"); inits && inits->is_array()) {
    for (const auto& c : *inits) {
      Resources own = resources_of(c);
      if (is_sidecar(c)) {
        add_resources(result, own);
        add_resources(sidecars, own);
        max_resources(init_peak, sidecars);
      } else {
        add_resources(own, sidecars);
        max_resources(init_peak, own);
      }
    }
  }
  max_resources(result, init_peak);
  return result;
}

std::optional<Resources> resources_at(const json& container, const char* key) {
  const json* list = child(child(&container, "resources"), key);
  if (!is_go_map(list)) return std::nullopt;
  return read_resources(list, std::string("resources.") + key);
}

// containerSpecRequests / containerAllocatedRequests / containerActuatedRequests.
std::optional<Resources> spec_requests(const json& c, const json*, bool) {
  return resources_at(c, "requests");
}
std::optional<Resources> allocated_requests(const json& c, const json* status, bool infeasible) {
  if (const json* allocated = child(status, "allocatedResources"); is_go_map(allocated)) {
    return read_resources(allocated, "allocatedResources");
  }
  if (infeasible) return std::nullopt;
  return resources_at(c, "requests");
}
std::optional<Resources> actuated_requests(const json& c, const json* status, bool infeasible) {
  if (const json* actual = child(child(status, "resources"), "requests"); is_go_map(actual)) {
    return read_resources(actual, "status.resources.requests");
  }
  return allocated_requests(c, status, infeasible);
}

// containerSpecLimits / containerActuatedLimits.
std::optional<Resources> spec_limits(const json& c, const json*, bool) {
  return resources_at(c, "limits");
}
std::optional<Resources> actuated_limits(const json& c, const json* status, bool infeasible) {
  if (const json* actual = child(child(status, "resources"), "limits"); is_go_map(actual)) {
    return read_resources(actual, "status.resources.limits");
  }
  if (infeasible) return std::nullopt;
  return resources_at(c, "limits");
}

// IsSupportedPodLevelResource: cpu, memory and hugepages-*.
bool pod_level_supported(std::string_view name) {
  return name == kCpu || name == kMemory || name.starts_with("hugepages-");
}

bool any_supported(const json* list) {
  if (!is_go_map(list)) return false;
  for (const auto& [name, value] : list->items()) {
    if (pod_level_supported(name)) return true;
  }
  return false;
}

// applyPodLevelResources: pod-level values replace the containers' sums.
void apply_pod_level(Resources& result, const json* list, std::string_view what) {
  for (auto& [name, value] : read_resources(list, what)) {
    if (pod_level_supported(name)) result[name] = value;
  }
}

const json* pod_level(const json& pod, const char* key) {
  return child(child(child(&pod, "spec"), "resources"), key);
}

}  // namespace

Resources pod_requests(const json& pod) {
  // AggregateContainerRequests with UseStatusResources: the larger of what the spec asks and
  // what the kubelet allocated and actuated, unless the resize is infeasible.
  Resources allocated = aggregate(pod, allocated_requests);
  Resources actuated = aggregate(pod, actuated_requests);
  Resources result;
  if (!resize_infeasible(pod)) result = aggregate(pod, spec_requests);
  max_resources(result, actuated);
  max_resources(result, allocated);
  if (any_supported(pod_level(pod, "requests"))) {
    apply_pod_level(result, pod_level(pod, "requests"), "spec.resources.requests");
  }
  add_resources(result, read_resources(child(child(&pod, "spec"), "overhead"), "spec.overhead"));
  return result;
}

Resources pod_limits(const json& pod) {
  Resources actuated = aggregate(pod, actuated_limits);
  Resources result;
  if (!resize_infeasible(pod)) result = aggregate(pod, spec_limits);
  max_resources(result, actuated);
  if (any_supported(pod_level(pod, "requests")) || any_supported(pod_level(pod, "limits"))) {
    apply_pod_level(result, pod_level(pod, "limits"), "spec.resources.limits");
  }
  for (const auto& [name, extra] :
       read_resources(child(child(&pod, "spec"), "overhead"), "spec.overhead")) {
    if (auto it = result.find(name); it != result.end() && !it->second.is_zero()) {
      it->second += extra;
    }
  }
  return result;
}

std::set<std::string> unlimited_resources(const json& pod) {
  std::set<std::string> out;
  const json* spec = child(&pod, "spec");
  const Resources pod_limits_set = read_resources(pod_level(pod, "limits"), "spec.resources");
  for (std::string_view name : {kCpu, kMemory}) {
    if (pod_limits_set.contains(name)) continue;
    for (const char* key : {"containers", "initContainers"}) {
      const json* list = child(spec, key);
      if (list == nullptr || !list->is_array()) continue;
      for (const auto& c : *list) {
        if (child(child(child(&c, "resources"), "limits"), std::string(name).c_str()) == nullptr) {
          out.emplace(name);
        }
      }
    }
  }
  return out;
}

}  // namespace kraft::usage
