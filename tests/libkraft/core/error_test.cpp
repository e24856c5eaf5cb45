#include <gtest/gtest.h>
#include <kraft/core/error.h>

namespace kraft {
namespace {

TEST(Error, CarriesItsExitCode) {
  Error e("cluster \"demo\" not found", ExitCode::kNotFound);
  EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  EXPECT_STREQ(e.what(), "cluster \"demo\" not found");
}

TEST(Error, DefaultsToGenericFailure) {
  EXPECT_EQ(Error("boom").exit_code(), ExitCode::kError);
}

}  // namespace
}  // namespace kraft
