#pragma once
// A set of field paths, the model behind FieldsV1 (structured-merge-diff's fieldpath.Set).
// A path is a list of FieldsV1 keys: "f:spec" (field), "k:{\"name\":\"a\"}" (map-list item),
// "v:\"x\"" (set-list item). A node is a *member* when the path itself is in the set; its
// children are longer paths. FieldsV1 writes a member that also has children as ".": {}.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

using FieldPath = std::vector<std::string>;

class FieldSet {
 public:
  /// Adds `path` (the empty path means "the whole object" and is never tracked, as in SMD).
  void insert(const FieldPath& path);
  bool has(const FieldPath& path) const;
  bool empty() const;

  FieldSet union_with(const FieldSet& other) const;
  /// Removes exactly the members of `other`; children of a removed member stay.
  FieldSet difference(const FieldSet& other) const;
  FieldSet intersection(const FieldSet& other) const;
  /// Removes every member of `other` together with everything below it.
  FieldSet recursive_difference(const FieldSet& other) const;
  /// True when `path` or anything below it is a member.
  bool has_prefix(const FieldPath& path) const;

  /// Visits every member in structured-merge-diff's order: at each level the members first
  /// (sorted), then the deeper paths child by child.
  void for_each(const std::function<void(const FieldPath&)>& visit) const;

  /// The FieldsV1 JSON ({"f:spec": {".": {}, "f:servers": {}}}).
  nlohmann::json to_fields_v1() const;
  /// Parses FieldsV1; throws std::invalid_argument when it is not an object of objects.
  static FieldSet from_fields_v1(const nlohmann::json& fields_v1);

  bool operator==(const FieldSet& other) const = default;

 private:
  void for_each_under(FieldPath& prefix, const std::function<void(const FieldPath&)>& visit) const;
  void prune();

  bool member_ = false;
  std::map<std::string, FieldSet> children_;
};

/// ".spec.servers", ".metadata.finalizers[=\"x\"]", ".spec.ports[name=\"http\"]": the form
/// kube-apiserver uses in apply conflict messages.
std::string path_to_string(const FieldPath& path);

}  // namespace kraft::testing
