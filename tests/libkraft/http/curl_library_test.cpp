// The checks made on the dlopen'ed libcurl: its version, and the options whose silent
// absence would change what kraft trusts or presents.
#include "http/curl_library.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>

namespace kraft::http::detail {
namespace {

using ::testing::HasSubstr;

std::string error_of(void (*check)()) {
  try {
    check();
  } catch (const TransportError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CurlLibraryVersion, OlderThan7_77IsRefusedByName) {
  EXPECT_EQ(error_of([] { check_curl_version(0x074C01, "7.76.1"); }),
            "libcurl.so.4 is version 7.76.1; kraft needs libcurl 7.77.0 or newer (install a "
            "newer libcurl4)");
  EXPECT_NO_THROW(check_curl_version(0x074D00, "7.77.0"));
  EXPECT_NO_THROW(check_curl_version(0x080500, "8.5.0"));
}

TEST(CurlLibraryVersion, TheLoadedLibraryPasses) {
  const curl_version_info_data* info = curl().version_info(CURLVERSION_NOW);
  ASSERT_NE(info, nullptr);
  EXPECT_GE(info->version_num, kMinCurlVersion);
}

TEST(CurlSetopt, ARejectedOptionIsAnErrorNamingIt) {
  EXPECT_THAT(error_of([] { check_setopt(CURLE_UNKNOWN_OPTION, "CURLOPT_CAINFO_BLOB"); }),
              HasSubstr("libcurl rejected CURLOPT_CAINFO_BLOB (error 48)"));
  EXPECT_NO_THROW(check_setopt(CURLE_OK, "CURLOPT_CAINFO_BLOB"));
}

}  // namespace
}  // namespace kraft::http::detail
