#pragma once
// What a pod holds on its node, counted the way the scheduler counts it: Kubernetes'
// component-helpers/resource PodRequests and PodLimits (helpers.go, the KEP-753 sidecar rule),
// with the options kube-scheduler passes (pkg/scheduler/framework/types.go, calculateResource):
// in-place resize taken into account (UseStatusResources, on by default since 1.33) and
// pod-level resources applied (spec.resources, which the API server keeps only when the
// PodLevelResources gate is on). Pod-level resize status and DRA claims (alpha) are not read.
//
//   Resources r = pod_requests(pod);   // {"cpu": 250m, "memory": 64Mi}
//
// A limit missing on a container counts as 0, as PodLimits and `kubectl describe node` do:
// limit sums are a lower bound, and unlimited_resources() says which of them are unbounded.
#include <kraft/core/quantity.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

namespace kraft::usage {

/// Resource name ("cpu", "memory", "ephemeral-storage", ...) to an exact quantity.
using Resources = std::map<std::string, Quantity, std::less<>>;

/// The resource names usage tables show.
inline constexpr std::string_view kCpu = "cpu";
inline constexpr std::string_view kMemory = "memory";

/// `resources[name]`, or zero when absent.
Quantity amount(const Resources& resources, std::string_view name);
/// Adds every entry of `more` to `into` (absent entries start at zero).
void add_resources(Resources& into, const Resources& more);
/// Sets each entry of `into` to the larger of it and the entry of `other` (maxResourceList).
void max_resources(Resources& into, const Resources& other);

/// A ResourceList as the API sends it ({"cpu": "250m", "memory": 1024}); null or absent reads
/// as empty. Throws kraft::DecodeError naming `what` when a value is not a quantity.
Resources read_resources(const nlohmann::json* list, std::string_view what = "resources");

/// status.phase Succeeded or Failed: the pod's containers are done and hold nothing (the
/// scheduler, kubectl describe node and ResourceQuota all leave such pods out).
bool is_terminal(const nlohmann::json& pod);

/// The pod's effective requests (PodRequests): app and sidecar containers summed, the
/// largest init-container step if larger, pod-level requests over that, plus spec.overhead.
Resources pod_requests(const nlohmann::json& pod);
/// The pod's effective limits (PodLimits): the same rule over limits; spec.overhead is added
/// only to limits that are set and non-zero.
Resources pod_limits(const nlohmann::json& pod);

/// Which of cpu and memory have no limit for this pod: some container (app, init or sidecar)
/// sets none and no pod-level limit covers it. Such a pod may use all the node has.
std::set<std::string> unlimited_resources(const nlohmann::json& pod);

}  // namespace kraft::usage
