#pragma once
// Label key and value rules from k8s.io/apimachinery/pkg/util/validation, with its wording.
#include <string>
#include <vector>

namespace kraft::testing {

/// IsQualifiedName: "[prefix/]name"; returns the problems, empty when valid.
std::vector<std::string> qualified_name_errors(const std::string& key);

/// IsValidLabelValue: empty, or at most 63 alphanumerics with '-', '_', '.' inside.
std::vector<std::string> label_value_errors(const std::string& value);

/// Go's %q for the strings we meet (ASCII; other bytes pass through).
std::string go_quote(const std::string& text);

}  // namespace kraft::testing
