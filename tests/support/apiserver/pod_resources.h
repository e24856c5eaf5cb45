#pragma once
// A pod's resources as Kubernetes reads them (k8s.io/kubernetes/pkg/api/v1/resource, v1.26):
// the pod's effective requests and limits, its QoS class, whether it has ended, and the
// API server's defaulting of requests from limits. Used by the quota controller, the
// scheduler and the metrics API of the test server.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "quantity.h"

namespace kraft::testing {

using ResourceList = std::map<std::string, Quantity>;

/// spec.containers (or spec.initContainers with `init`): the entries that are objects, so a
/// malformed pod never throws on the controller thread.
nlohmann::json pod_containers(const nlohmann::json& pod, bool init = false);

/// A container's `resources.requests` or `resources.limits` ("requests"/"limits"); entries
/// that are not quantities are skipped.
ResourceList container_resources(const nlohmann::json& container, const std::string& section);

/// PodRequests: the sum over app containers, raised to any init container's larger request
/// (init containers run one at a time, before the app containers), plus spec.overhead.
ResourceList pod_requests(const nlohmann::json& pod);
/// PodLimits: likewise for limits; the overhead is added only to resources that have a limit.
ResourceList pod_limits(const nlohmann::json& pod);

/// Whether the pod has ended (status.phase Succeeded or Failed): quota stops charging it.
bool pod_is_terminal(const nlohmann::json& pod);

/// SetDefaults_Pod: a container's request for a resource defaults to its limit.
void default_requests_from_limits(nlohmann::json& pod);
/// GetPodQOS: "Guaranteed", "Burstable" or "BestEffort" (cpu and memory only).
std::string pod_qos_class(const nlohmann::json& pod);

}  // namespace kraft::testing
