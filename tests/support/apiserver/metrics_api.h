#pragma once
// metrics.k8s.io/v1beta1 as metrics-server serves it (pkg/api/pod.go, node.go), computed from
// the stored pods and nodes instead of scraped from kubelets, so tests can predict every
// number:
// - a container uses the quantity in the pod's annotation `kraft.test/usage-cpu.CONTAINER`
//   (or `kraft.test/usage-memory.CONTAINER`), else `kraft.test/usage-cpu` (every container),
//   else half its request, else half its limit, else 1m CPU and 8Mi memory (an idle process);
// - a node uses its own `kraft.test/usage-cpu`/`-memory` annotations, else 100m CPU and
//   512Mi memory plus what its Running pods use;
// - only Running pods have metrics (metrics-server watches pods with status.phase=Running);
// - CPU is printed as resource.NewScaledQuantity(nanocores, -9) and memory as
//   resource.NewQuantity(bytes, BinarySI), canonically: "250m", "62500u", "64Mi", "66048Ki".
// Only get and list are served (405 for the other verbs, watch included), with labelSelector
// and fieldSelector (metadata.name, metadata.namespace) as metrics-server filters.
#include <nlohmann/json.hpp>
#include <string>

#include "api_types.h"
#include "object_store.h"
#include "quantity.h"
#include "registry.h"

namespace kraft::testing {

/// The group metrics-server's APIService registers.
inline constexpr const char* kMetricsGroup = "metrics.k8s.io";

/// The answer to a get or list of PodMetrics or NodeMetrics; `now` stamps timestamps.
ApiResponse serve_metrics(const ObjectStore& store, const ApiRequest& request,
                          const ResourceRequest& target, const std::string& now);

/// What container `container` (an entry of spec.containers) of `pod` uses: {cpu, memory}.
std::pair<Quantity, Quantity> container_usage(const nlohmann::json& pod,
                                              const nlohmann::json& container);

}  // namespace kraft::testing
