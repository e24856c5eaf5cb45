#include <gtest/gtest.h>
#include <kraft/version.h>

TEST(Version, RuntimeMatchesHeader) { EXPECT_STREQ(kraft::version(), KRAFT_VERSION_STRING); }
