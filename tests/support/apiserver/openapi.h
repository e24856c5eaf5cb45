#pragma once
// OpenAPI v3 discovery (/openapi/v3 and /openapi/v3/<group-version>), enough for kubectl:
// its field-validation check looks for a PATCH operation of the kind that accepts the
// `fieldValidation` query parameter, and `kubectl explain` reads the schemas.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "resource_types.h"

namespace kraft::testing {

/// GET /openapi/v3: the index of group-version documents.
nlohmann::json openapi_v3_index(const ResourceTypes& types);

/// GET /openapi/v3/api/v1 or /openapi/v3/apis/G/V (`gv_path` without the prefix), or nullopt.
std::optional<nlohmann::json> openapi_v3_document(const ResourceTypes& types,
                                                  const std::string& gv_path);

}  // namespace kraft::testing
