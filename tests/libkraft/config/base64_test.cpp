// The base64 helper behind the kubeconfig *-data fields (core/base64, OpenSSL EVP).
#include "core/base64.h"

#include <gtest/gtest.h>

#include <vector>

namespace kraft::core {
namespace {

TEST(Base64, RoundTripsEveryPaddingLength) {
  const std::vector<std::string> inputs = {"",    "a",    "ab",
                                           "abc", "abcd", std::string("\0\xff\x10", 3)};
  for (const std::string& s : inputs) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("abcd"), "YWJjZA==");
}

TEST(Base64, IgnoresLineBreaksInWrappedData) { EXPECT_EQ(base64_decode("YWJj\nZA==\n"), "abcd"); }

TEST(Base64, RejectsGarbage) {
  EXPECT_EQ(base64_decode("abc"), std::nullopt);
  EXPECT_EQ(base64_decode("ab*d"), std::nullopt);
  EXPECT_EQ(base64_decode("a=bc"), std::nullopt);
  EXPECT_EQ(base64_decode("===="), std::nullopt);
}

}  // namespace
}  // namespace kraft::core
