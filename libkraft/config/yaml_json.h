#pragma once
// YAML <-> JSON for the kubeconfig reader and writer and the CLI's -o yaml. Kubeconfigs are read
// by Go through sigs.k8s.io/yaml, i.e. YAML is converted to JSON first; we do the same so unknown
// fields keep their JSON type through a round trip. Reading is libyaml's event parser
// (yaml_read.cpp, the only user of <yaml.h>); writing is our own block emitter (yaml_emit.cpp):
// libyaml's emitter cannot indent sequences under a key as kraft always has, and by itself took
// 14 ms of to_yaml's 15 ms budget for a 2.8 MB kubeconfig (all of to_yaml now takes ~7 ms).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kraft::config::detail {

/// Limits on expanding a YAML node: aliases share nodes, so a small file may stand for a cycle
/// (`&a {x: *a}`) or for billions of nodes ("billion laughs").
inline constexpr int kMaxYamlDepth = 100;
inline constexpr long kMaxYamlNodes = 1'000'000;

/// Where the values of a parsed document came from, for messages that name a line, and the
/// text of plain scalars that did not resolve to strings (`password: 0123` is the int 123 in
/// JSON, but a string field reads the text "0123", as it always has).
///
/// Keyed by the address of each value inside its parent: nlohmann::json keeps objects and
/// arrays on the heap, so moving a json (or a parent) does not move the values inside it. Only
/// values of objects and arrays are recorded (the root's line is kept apart); a value copied
/// out of the document, or expanded from an alias, has no entry.
class YamlSpots {
 public:
  /// 1-based line where `value` starts, or 0 when unknown.
  int line(const nlohmann::json& value) const;
  /// The source text of a plain scalar that resolved to null, a bool or a number.
  const std::string* plain_text(const nlohmann::json& value) const;
  int root_line = 0;

  // Recording, while reading. A value recorded twice (a repeated key) keeps the last entry.
  void add(const nlohmann::json& value, int line) { lines_.push_back({&value, line}); }
  void add_text(const nlohmann::json& value, std::string text) {
    texts_.push_back({&value, std::move(text)});
  }
  void forget_text(const nlohmann::json& value) { texts_.push_back({&value, std::nullopt}); }

 private:
  // Appended while reading (cheap: most documents are never asked), sorted on the first
  // question. Lines are asked for only on errors.
  mutable std::vector<std::pair<const nlohmann::json*, int>> lines_;
  mutable std::vector<std::pair<const nlohmann::json*, std::optional<std::string>>> texts_;
  mutable size_t sorted_lines_ = 0;
  mutable size_t sorted_texts_ = 0;
};

struct YamlDocument {
  nlohmann::json value;  ///< null for an empty stream
  YamlSpots spots;
};

/// Parses the first document of `text` to JSON: plain scalars resolve like YAML 1.2's core
/// schema (null, bool, int, float); quoted and block scalars, and those tagged !!str or `!`,
/// stay strings; aliases are expanded; `<<` is an ordinary key (as in sigs.k8s.io/yaml's JSON).
/// Throws ConfigError naming `source` (the kubeconfig's path, or empty) with the line and
/// column of malformed YAML, when the document nests deeper than kMaxYamlDepth, or when it
/// expands, aliases followed, to more than kMaxYamlNodes nodes.
YamlDocument read_yaml(std::string_view text, const std::string& source);

/// A plain YAML scalar's value under the YAML 1.2 core schema: null, bool, int (int64; larger
/// ones stay text), float, or else the string itself.
nlohmann::json resolve_plain(std::string_view text);

/// Whether a string must be quoted so that both a YAML 1.2 core-schema reader (resolve_plain)
/// and a YAML 1.1 reader (go-yaml v2 behind kubectl: `yes`, `.inf`, `0b1`, `1_0`, `1:20`,
/// dates) read it back as the same string. Errs towards quoting.
bool needs_quotes(std::string_view text);

/// Whether `text` may be written as a plain scalar in block context and read back unchanged
/// (no indicator up front, no `: ` or ` #` inside, printable UTF-8 on one line).
bool plain_is_safe(std::string_view text);

/// Appends `value` as block-style YAML (2-space indent, no trailing newline) to `out`.
void emit_yaml(std::string& out, const nlohmann::json& value);

}  // namespace kraft::config::detail
