#pragma once
// The structured-merge-diff walks server-side apply is built from: the field set of an applied
// configuration, the comparison of two objects, the merge of a configuration into a live
// object, and the removal of fields. All follow the node kinds of FieldShape.
#include <nlohmann/json.hpp>

#include "fields/field_set.h"
#include "fields/field_shape.h"

namespace kraft::testing {

/// Every leaf and list item mentioned in `object` (SMD's TypedValue.ToFieldSet). Maps are not
/// members themselves, which is why an applier's entry has no ".".
FieldSet applied_field_set(const nlohmann::json& object, const FieldShape& shape);

/// What changed from `before` to `after` (SMD's Compare): leaves whose values differ are
/// modified; leaves, maps and list items that appear or vanish are added or removed.
struct FieldComparison {
  FieldSet added;
  FieldSet modified;
  FieldSet removed;
};
FieldComparison compare_objects(const nlohmann::json& before, const nlohmann::json& after,
                                const FieldShape& shape);

/// `live` with `config` merged in: maps recursively, map/set lists item by item (keeping SMD's
/// item order), leaves and atomic lists replaced.
nlohmann::json merge_objects(const nlohmann::json& live, const nlohmann::json& config,
                             const FieldShape& shape);

/// Removes the field or list item at `path` from `object`; false when it is not there.
bool remove_field(nlohmann::json& object, const FieldPath& path);

}  // namespace kraft::testing
