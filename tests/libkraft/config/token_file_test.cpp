// read_token_file, shared by the resolver, the in-cluster config and the client's auth.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/config/token_file.h>
#include <kraft/core/error.h>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::TempDir;
using ::testing::HasSubstr;

TEST(ReadTokenFile, TrimsTrailingWhitespaceOnly) {
  TempDir dir;
  EXPECT_EQ(read_token_file(dir.write("t", "  abc.def\r\n\t \n")), "  abc.def");
  EXPECT_EQ(read_token_file(dir.write("empty", "\n")), "");
}

TEST(ReadTokenFile, AnUnreadableFileIsAConfigErrorNamingIt) {
  TempDir dir;
  const std::string missing = dir.path() + "/missing";
  try {
    read_token_file(missing);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot read token file " + missing + ": "));
  }
}

}  // namespace
}  // namespace kraft::config
