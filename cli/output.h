#pragma once
// stdout is data: JSON and YAML renderings of API objects (YAML by libkraft's emitter, which
// quotes what YAML 1.1 readers such as kubectl would retype).
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace kraft::cli {

/// Pretty JSON (2-space indent) with a trailing newline, stable key order.
std::string to_json_text(const nlohmann::json& value);
/// YAML output is kraft::config::to_yaml_text (<kraft/config/yaml_text.h>).

/// Checks -o/--output against the formats a command supports; throws ValidationError listing
/// them ("unknown output format \"xml\": use one of json, yaml").
void require_output_format(const std::string& format, std::initializer_list<const char*> allowed);

}  // namespace kraft::cli
