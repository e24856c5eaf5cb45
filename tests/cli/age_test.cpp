// AGE as kubectl prints it: apimachinery's duration.HumanDuration, threshold by threshold.
#include "age.h"

#include <gtest/gtest.h>

#include <chrono>

namespace kraft::cli {
namespace {

using namespace std::chrono;

TEST(HumanDuration, MatchesKubectlAtEveryThreshold) {
  const struct {
    nanoseconds d;
    const char* want;
  } cases[] = {
      {seconds(0), "0s"},
      {seconds(1), "1s"},
      {seconds(45), "45s"},
      {seconds(119) + milliseconds(999), "119s"},
      {seconds(120), "2m"},
      {seconds(190), "3m10s"},
      {minutes(9) + seconds(59), "9m59s"},
      {minutes(10), "10m"},
      {minutes(10) + seconds(30), "10m"},
      {minutes(179), "179m"},
      {hours(3), "3h"},
      {hours(3) + minutes(20), "3h20m"},
      {hours(7) + minutes(59), "7h59m"},
      {hours(8) + minutes(30), "8h"},
      {hours(47), "47h"},
      {hours(48), "2d"},
      {hours(49), "2d1h"},
      {hours(24 * 7 + 23), "7d23h"},
      {hours(24 * 8), "8d"},
      {hours(24 * 8 + 2), "8d"},
      {hours(24 * 367), "367d"},
      {hours(24 * 729), "729d"},
      {hours(24 * 730), "2y"},
      {hours(24 * 731 + 1), "2y1d"},
      {hours(24 * (365 * 8 - 1)), "7y364d"},
      {hours(24 * 365 * 8 + 2), "8y"},
      {hours(24 * 365 * 200), "200y"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(human_duration(c.d), c.want) << duration_cast<seconds>(c.d).count() << "s";
  }
}

TEST(HumanDuration, ToleratesTwoSecondsOfClockSkew) {
  EXPECT_EQ(human_duration(milliseconds(-500)), "0s");
  EXPECT_EQ(human_duration(milliseconds(-1999)), "0s");
  EXPECT_EQ(human_duration(seconds(-2)), "<invalid>");
}

TEST(AgeSince, CountsFromTheTimestampToNow) {
  const auto now = sys_days(year(2024) / 5 / 3) + hours(12);
  EXPECT_EQ(age_since("2024-05-01T12:00:00Z", now), "2d");
  EXPECT_EQ(age_since("2024-05-03T11:59:15Z", now), "45s");
  EXPECT_EQ(age_since("2024-05-03T12:00:01Z", now), "0s");
  EXPECT_EQ(age_since("2024-05-03T12:01:00Z", now), "<invalid>");
}

TEST(AgeSince, UnreadableOrMissingTimesAreUnknown) {
  const auto now = system_clock::now();
  EXPECT_EQ(age_since("", now), "<unknown>");
  EXPECT_EQ(age_since("yesterday", now), "<unknown>");
}

TEST(AgeSince, TimesBeyondTheClocksRangeDoNotOverflow) {
  const auto now = sys_days(year(2024) / 5 / 3);
  EXPECT_EQ(age_since("1700-01-01T00:00:00Z", now), "292y");
  EXPECT_EQ(age_since("2500-01-01T00:00:00Z", now), "<invalid>");
}

}  // namespace
}  // namespace kraft::cli
