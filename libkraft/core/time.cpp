// RFC 3339 section 5.6 date-time: full-date "T" full-time, where time-offset is "Z" or
// +hh:mm / -hh:mm and time-secfrac is optional ("T" and "Z" may be lowercase).
#include <kraft/core/time.h>

#include <cstdint>

namespace kraft {
namespace {

using Clock = std::chrono::system_clock;

// Reads `count` digits at `pos`; -1 when one of them is not a digit (or the text is short).
int digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<Clock::time_point> parse_rfc3339(std::string_view text) {
  // 2006-01-02T15:04:05
  const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  // Second 60 is a leap second, which RFC 3339 allows and Go folds into the next minute.
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;

  std::size_t pos = 19;
  std::int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t end = ++pos;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == pos) return std::nullopt;
    std::int64_t scale = 100'000'000;
    for (std::size_t i = pos; i < end && scale > 0; ++i, scale /= 10)
      nanos += (text[i] - '0') * scale;
    pos = end;
  }
  std::int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || text[pos + 3] != ':' || oh > 23 || om > 59) return std::nullopt;
    offset_seconds = (text[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  const std::int64_t seconds = std::chrono::sys_days(date).time_since_epoch().count() * 86400 +
                               hour * 3600 + minute * 60 + second - offset_seconds;
  // system_clock counts nanoseconds in 64 bits (about ±292 years around 1970): a far-future
  // expiry saturates instead of wrapping into the past.
  constexpr std::int64_t kMaxSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max()).count() - 1;
  if (seconds >= kMaxSeconds) return Clock::time_point::max();
  if (seconds <= -kMaxSeconds) return Clock::time_point::min();
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
      std::chrono::seconds(seconds) + std::chrono::nanoseconds(nanos)));
}

}  // namespace kraft
