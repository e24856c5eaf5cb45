#pragma once
// field.Error of k8s.io/apimachinery as kube-apiserver prints it: the cause reasons, the
// "Invalid value: <v>: detail" bodies, and Go's %v / %q spelling of the bad value.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace kraft::testing::schema_detail {

/// Go's strconv.Quote (the %q verb) for a UTF-8 string.
std::string go_quote(std::string_view s);

/// Go's %v for a float64 (strconv 'g', shortest): exponent form when the decimal exponent
/// is below -4 or at least 6, e.g. 1e+06, 0.5, 1.5e-05.
std::string go_float(double v);

/// How field.Error prints a bad value: strings quoted, numbers and bools bare, null as "null",
/// objects and arrays as Go's %#v of map[string]interface {} / []interface {}.
std::string go_value(const nlohmann::json& v);

/// Field path as field.Path prints it; an empty path is "<nil>".
inline std::string field_string(const std::string& path) { return path.empty() ? "<nil>" : path; }

FieldCause invalid(const std::string& path, const nlohmann::json& value, const std::string& detail);
FieldCause type_invalid(const std::string& path, const nlohmann::json& value,
                        const std::string& detail);
FieldCause required(const std::string& path);
FieldCause not_supported(const std::string& path, const nlohmann::json& value,
                         const std::vector<std::string>& supported);
FieldCause too_long(const std::string& path, int64_t max_length);
FieldCause too_many(const std::string& path, int64_t actual, int64_t max_items);

}  // namespace kraft::testing::schema_detail
