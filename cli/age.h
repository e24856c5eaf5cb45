#pragma once
// How kubectl shows ages (the AGE and LAST SEEN columns): apimachinery's
// duration.HumanDuration, about two significant figures.
#include <chrono>
#include <string>
#include <string_view>

namespace kraft::cli {

/// kubectl's HumanDuration: "45s", "119s", "2m30s", "9m", "10m", "179m", "3h", "7h59m", "8h",
/// "47h", "2d", "7d23h", "8d", "729d", "2y", "7y364d", "8y"; "0s" for up to 2 seconds in
/// the future (clock skew), "<invalid>" beyond.
std::string human_duration(std::chrono::nanoseconds d);

/// The age of something created at `rfc3339` as seen at `now`; "<unknown>" when the time is
/// missing or unreadable (kubectl's translateTimestampSince).
std::string age_since(std::string_view rfc3339, std::chrono::system_clock::time_point now);

}  // namespace kraft::cli
