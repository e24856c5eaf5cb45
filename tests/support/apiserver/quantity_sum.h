#pragma once
// ResourceQuota usage as kube-controller-manager computes it for the keys kraft's tests use:
// object counts (count/<resource>[.<group>], pods, secrets, ...) and pod requests/limits.
#include <string>

#include "object_store.h"

namespace kraft::testing {

/// The `status.used` value for one `spec.hard` key in namespace `ns` ("0", "3", "500m", "4Gi").
std::string quota_usage(const ObjectStore& store, const std::string& ns, const std::string& key);

/// Parses a Kubernetes quantity ("500m", "2", "4Gi", "1e3", "128974848") into base units.
/// Returns false when the text is not a quantity.
bool parse_quantity(const std::string& text, long double& value);

/// Formats base units back as the controller does: "0", "2", "500m", "4Gi", "1500M".
std::string format_quantity(long double value, bool binary);

}  // namespace kraft::testing
