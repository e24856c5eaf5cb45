#include <gtest/gtest.h>
#include <kraft/core/secret.h>

#include <sstream>

namespace kraft {
namespace {

TEST(Secret, PrintsRedactedNeverItsValue) {
  Secret s("hunter2-token");
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "<redacted>");
  EXPECT_EQ(s.reveal(), "hunter2-token");
}

TEST(Secret, DefaultIsEmpty) { EXPECT_TRUE(Secret().empty()); }

}  // namespace
}  // namespace kraft
