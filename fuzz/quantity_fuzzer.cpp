// k3k::is_quantity (the --storage-size check) on any bytes, against the pattern it implements:
// the same answer as std::regex with K3k's CRD pattern for inputs short enough for libstdc++'s
// recursive regex engine, and no crash on longer ones (the regex itself overflowed the stack on
// ~100,000 digits; libkraft/k3k/quantity.cpp).
#include <kraft/k3k/cluster_request.h>

#include <cstddef>
#include <cstdint>
#include <regex>
#include <string_view>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const bool answer = kraft::k3k::is_quantity(s);
  constexpr std::size_t kRegexLimit = 512;
  if (size <= kRegexLimit) {
    static const std::regex kCrdPattern(
        R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)");
    if (answer != std::regex_match(s.begin(), s.end(), kCrdPattern)) {
      kraft::fuzz::fail(answer ? "is_quantity accepts what the CRD pattern refuses"
                               : "is_quantity refuses what the CRD pattern accepts",
                        s);
    }
  }
  return 0;
}
