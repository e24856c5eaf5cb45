// Ported from k8s.io/apimachinery/pkg/util/duration (Apache-2.0): the same thresholds and
// integer truncation as Go's int(d.Seconds()) and d / time.Minute.
#include "age.h"

#include <fmt/format.h>
#include <kraft/core/time.h>

namespace kraft::cli {

std::string human_duration(std::chrono::nanoseconds d) {
  using std::chrono::duration_cast;
  const long long seconds = duration_cast<std::chrono::seconds>(d).count();
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return fmt::format("{}s", seconds);
  const long long minutes = duration_cast<std::chrono::minutes>(d).count();
  if (minutes < 10) {
    const long long s = seconds % 60;
    return s == 0 ? fmt::format("{}m", minutes) : fmt::format("{}m{}s", minutes, s);
  }
  if (minutes < 60 * 3) return fmt::format("{}m", minutes);
  const long long hours = duration_cast<std::chrono::hours>(d).count();
  if (hours < 8) {
    const long long m = minutes % 60;
    return m == 0 ? fmt::format("{}h", hours) : fmt::format("{}h{}m", hours, m);
  }
  if (hours < 48) return fmt::format("{}h", hours);
  if (hours < 24 * 8) {
    const long long h = hours % 24;
    return h == 0 ? fmt::format("{}d", hours / 24) : fmt::format("{}d{}h", hours / 24, h);
  }
  if (hours < 24 * 365 * 2) return fmt::format("{}d", hours / 24);
  if (hours < 24 * 365 * 8) {
    const long long dy = (hours / 24) % 365;
    return dy == 0 ? fmt::format("{}y", hours / 24 / 365)
                   : fmt::format("{}y{}d", hours / 24 / 365, dy);
  }
  return fmt::format("{}y", hours / 24 / 365);
}

std::string age_since(std::string_view rfc3339, std::chrono::system_clock::time_point now) {
  const auto created = parse_rfc3339(rfc3339);
  if (!created) return "<unknown>";
  // Nanoseconds span ±292 years: compare in seconds first so that a timestamp from 1700 or
  // 2500 cannot overflow the subtraction.
  using std::chrono::duration_cast;
  const auto apart = duration_cast<std::chrono::seconds>(now.time_since_epoch()) -
                     duration_cast<std::chrono::seconds>(created->time_since_epoch());
  constexpr auto kLimit = duration_cast<std::chrono::seconds>(std::chrono::nanoseconds::max());
  if (apart >= kLimit) return human_duration(std::chrono::nanoseconds::max());
  if (apart <= -kLimit) return "<invalid>";
  return human_duration(std::chrono::duration_cast<std::chrono::nanoseconds>(now - *created));
}

}  // namespace kraft::cli
