#pragma once
// Header lookups the client needs (case-insensitive, as HTTP names are), and the Warning
// header's format. Kept here so the api layer needs nothing from the transport's sources.
#include <kraft/http/request.h>

#include <string>
#include <string_view>
#include <vector>

namespace kraft::api {

/// The first value of a header, case-insensitively; "" when absent.
std::string header_value(const http::Headers& headers, std::string_view name);
/// Every value of a header, in the order received.
std::vector<std::string> header_values(const http::Headers& headers, std::string_view name);

/// The text of a Warning header (RFC 7234 5.5: `299 - "text"` with an optional date); a value
/// that does not follow the format is returned as it is.
std::string warning_text(std::string_view value);

}  // namespace kraft::api
