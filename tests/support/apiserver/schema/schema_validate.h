#pragma once
// The validation passes of a custom resource, in the order kube-apiserver runs them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/schema_node.h"

namespace kraft::testing::schema_detail {

/// OpenAPI schema validation, a port of kube-openapi's SchemaValidator with
/// apiextensions-apiserver's conversion of its errors to causes.
std::vector<FieldCause> validate_openapi(const SchemaNode& root, const nlohmann::json& value);

/// x-kubernetes-list-type set/map uniqueness (structurallisttype.ValidateListSetsAndMaps).
std::vector<FieldCause> validate_list_types(const SchemaNode& root, const nlohmann::json& value);

/// x-kubernetes-validations rules over the whole object; `old_value` correlates oldSelf.
std::vector<FieldCause> validate_cel(const SchemaNode& root, const nlohmann::json& value,
                                     const nlohmann::json* old_value);

}  // namespace kraft::testing::schema_detail
