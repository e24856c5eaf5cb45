#pragma once
// YAML <-> JSON for the kubeconfig reader and writer (the only users of yaml-cpp in libkraft).
// Kubeconfigs are read by Go through sigs.k8s.io/yaml, i.e. YAML is converted to JSON first; we
// do the same so unknown fields keep their JSON type through a round trip.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>

namespace kraft::config::detail {

/// Limits on expanding a YAML node: aliases share nodes, so a small file may stand for a cycle
/// (`&a {x: *a}`) or for billions of nodes ("billion laughs").
inline constexpr int kMaxYamlDepth = 100;
inline constexpr long kMaxYamlNodes = 1'000'000;

/// A YAML node as JSON: plain scalars resolve like YAML 1.2's core schema (null, bool, int,
/// float), quoted scalars stay strings. Throws ConfigError naming `source` (the kubeconfig's
/// path, or empty) when the node nests deeper than kMaxYamlDepth or expands, aliases
/// followed, to more than kMaxYamlNodes nodes.
nlohmann::json yaml_to_json(const YAML::Node& node, const std::string& source);

/// Whether a string must be quoted so that a YAML reader (including go-yaml's YAML 1.1 rules,
/// where `yes`/`on` are booleans) reads it back as the same string.
bool needs_quotes(const std::string& text);

/// Emits JSON as block-style YAML.
void emit_json(YAML::Emitter& out, const nlohmann::json& value);

/// 1-based line of a node, or 0 when yaml-cpp has no position for it.
int line_of(const YAML::Node& node);

}  // namespace kraft::config::detail
