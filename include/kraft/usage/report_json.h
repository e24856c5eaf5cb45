#pragma once
// The usage reports as JSON, for `-o json|yaml` and other programs: exact quantities in
// Kubernetes' canonical form ("750m", "1536Mi"), camelCase keys like the API's, and `null`
// for every figure that could not be read (its "availability" entry says why), never a 0.
//
//   {"namespace": "team", "name": "a", "mode": "shared", "policy": "gold",
//    "pods": {"pending": 0, "running": 3, "succeeded": 1, "failed": 0, "unknown": 0, "total": 4},
//    "requests": {"cpu": "750m", "memory": "1Gi"}, "limits": {...}, "unlimited": ["cpu"],
//    "usage": null, "storageRequested": "2G",
//    "quota": [{"resource": "requests.cpu", "hard": "4", "used": "750m", "percent": 18.75}],
//    "quotaPeak": {...}, "availability": {"pods": "available", "metrics": "not served", ...},
//    "podList": [...]}
#include <kraft/usage/report.h>

#include <nlohmann/json.hpp>

namespace kraft::usage {

/// {"cpu": "250m", "memory": "64Mi"}: canonical quantities.
nlohmann::json to_json(const Resources& resources);
/// One pod: host and virtual names, role, node, phase, sums, containers, usage.
nlohmann::json to_json(const PodUsage& pod);
/// One cluster; `with_pods` adds "podList" (every pod's to_json).
nlohmann::json to_json(const ClusterUsage& cluster, bool with_pods = true);
/// One node.
nlohmann::json to_json(const NodeUsage& node);
/// {"source", "availability", "verb", "resource", "namespace", "text"}.
nlohmann::json to_json(const Note& note);
/// {"clusters": [...], "unattributedPods": N, "notes": [...]}.
nlohmann::json to_json(const UsageReport& report, bool with_pods = true);
/// {"nodes": [...], "availability": {...}, "notes": [...]}.
nlohmann::json to_json(const NodeReport& report);

}  // namespace kraft::usage
