#pragma once
// stdout is data: JSON and YAML renderings of API objects. The only place (with the
// kubeconfig reader) that uses yaml-cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace kraft::cli {

/// Pretty JSON (2-space indent) with a trailing newline, stable key order.
std::string to_json_text(const nlohmann::json& value);
/// Block-style YAML with a trailing newline; strings that YAML would retype are quoted.
std::string to_yaml_text(const nlohmann::json& value);

/// Checks -o/--output against the formats a command supports; throws ValidationError listing
/// them ("unknown output format \"xml\": use one of json, yaml").
void require_output_format(const std::string& format, std::initializer_list<const char*> allowed);

}  // namespace kraft::cli
