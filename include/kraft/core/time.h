#pragma once
// Times as the Kubernetes API writes them (RFC 3339: metav1.Time "2006-01-02T15:04:05Z",
// MicroTime with a fraction, offsets from other writers), parsed without locale or regex
// so that thousands of timestamps in a list cost microseconds.
#include <chrono>
#include <optional>
#include <string_view>

namespace kraft {

/// The instant `text` names, or nullopt when it is not an RFC 3339 date-time. Times beyond
/// what system_clock can hold saturate to its min()/max().
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace kraft
