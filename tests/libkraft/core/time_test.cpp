// parse_rfc3339: the timestamps the API server and credential plugins write.
#include <gtest/gtest.h>
#include <kraft/core/time.h>

#include <chrono>

namespace kraft {
namespace {

using namespace std::chrono;

system_clock::time_point at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  return system_clock::time_point(sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) +
                                  seconds(s));
}

TEST(ParseRfc3339, ReadsMetav1Time) {
  EXPECT_EQ(parse_rfc3339("2024-05-01T10:20:30Z"), at(2024, 5, 1, 10, 20, 30));
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), system_clock::time_point());
}

TEST(ParseRfc3339, ReadsMicroTimeFractions) {
  EXPECT_EQ(parse_rfc3339("2024-05-01T10:20:30.250000Z"),
            at(2024, 5, 1, 10, 20, 30) + milliseconds(250));
  EXPECT_EQ(parse_rfc3339("2024-05-01T10:20:30.123456789123Z"),
            at(2024, 5, 1, 10, 20, 30) + nanoseconds(123456789));
}

TEST(ParseRfc3339, AppliesOffsets) {
  EXPECT_EQ(parse_rfc3339("2001-02-03T04:05:06+01:00"), at(2001, 2, 3, 3, 5, 6));
  EXPECT_EQ(parse_rfc3339("2001-02-03T04:05:06-02:30"), at(2001, 2, 3, 6, 35, 6));
  EXPECT_EQ(parse_rfc3339("2001-02-03t04:05:06z"), at(2001, 2, 3, 4, 5, 6));
}

TEST(ParseRfc3339, RefusesWhatIsNotADateTime) {
  for (const char* bad :
       {"", "2024-05-01", "2024-05-01T10:20:30", "2024-05-01 10:20:30Z", "2024-13-01T10:20:30Z",
        "2023-02-29T10:20:30Z", "2024-05-01T24:00:00Z", "2024-05-01T10:20:30.Z",
        "2024-05-01T10:20:30+0100", "2024-05-01T10:20:30Zjunk", "2O24-05-01T10:20:30Z"}) {
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << bad;
  }
  EXPECT_TRUE(parse_rfc3339("2024-02-29T10:20:30Z")) << "a leap day";
}

TEST(ParseRfc3339, SaturatesBeyondWhatTheClockHolds) {
  EXPECT_EQ(parse_rfc3339("2999-01-01T00:00:00Z"), system_clock::time_point::max());
  EXPECT_EQ(parse_rfc3339("1000-01-01T00:00:00Z"), system_clock::time_point::min());
}

}  // namespace
}  // namespace kraft
