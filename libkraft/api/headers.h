#pragma once
// The Warning header's format (case-insensitive lookups are http::header_value/header_values).
#include <kraft/http/request.h>

#include <string>
#include <string_view>
#include <vector>

namespace kraft::api {

using http::header_value;
using http::header_values;

/// The text of a Warning header (RFC 7234 5.5: `299 - "text"` with an optional date); a value
/// that does not follow the format is returned as it is.
std::string warning_text(std::string_view value);

}  // namespace kraft::api
