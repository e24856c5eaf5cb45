#pragma once
// JSON as YAML text, the way kraft writes kubeconfigs: block style, 2-space indent, and
// strings quoted whenever a YAML reader (go-yaml's YAML 1.1 rules included: yes/on/off,
// 0x1F, 0755) would read them back as something other than the same string.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace kraft::config {

/// `value` as a YAML document ending in a newline.
std::string to_yaml_text(const nlohmann::json& value);

}  // namespace kraft::config
