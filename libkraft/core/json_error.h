#pragma once
// nlohmann::json's exception texts start with "[json.exception.parse_error.101]" and quote
// the input they stopped at ("last read: '...'"), which may be a token or a key from a
// plugin's output. Messages that wrap them use json_error_text: the library's prefix and the
// quote dropped, the rest made one safe line.
#include <nlohmann/json.hpp>
#include <string>

namespace kraft::core {

/// What went wrong, without the library's prefix or quoted input: "parse error at line 1,
/// column 7: syntax error while parsing value - invalid literal", "type must be string, but
/// is number".
std::string json_error_text(const nlohmann::json::exception& e);

}  // namespace kraft::core
