// kraft::Quantity (and k3k::is_quantity, the --storage-size check, which is its parser) on any
// bytes: never a crash; a refusal is a ValidationError of one printable line; what it reads,
// to_string() writes in a form that reads back as the same value and is written the same way
// again, and exact arithmetic on it holds (q - q == 0, q + q - q == q). Against K3k's CRD
// pattern (std::regex, for inputs short enough for libstdc++'s recursive engine; the regex
// itself overflowed the stack on ~100,000 digits, libkraft/k3k/quantity.cpp): the parser accepts
// nothing the pattern refuses, and refuses what it accepts only for an exponent with a fraction
// or beyond 32 bits, which Kubernetes' ParseQuantity refuses too.
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>
#include <kraft/k3k/cluster_request.h>

#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>

#include "fuzz_check.h"

namespace {

using kraft::Quantity;
using kraft::fuzz::fail;

// Whether the pattern's exponent in `s` (which the pattern accepts) has a fraction or lies
// outside [-2^31, 2^31 - 1].
bool exponent_beyond_parse_quantity(std::string_view s) {
  const std::size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return false;
  std::string_view exponent = s.substr(e + 1);
  if (exponent.find('.') != std::string_view::npos) return true;
  const bool negative = !exponent.empty() && exponent[0] == '-';
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.remove_prefix(1);
  const std::string_view limit = negative ? "2147483648" : "2147483647";
  return exponent.size() > limit.size() || (exponent.size() == limit.size() && exponent > limit);
}

void check_against_crd_pattern(std::string_view s, bool parsed) {
  constexpr std::size_t kRegexLimit = 512;
  if (s.size() > kRegexLimit) return;
  static const std::regex kCrdPattern(
      R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)");
  const bool matches = std::regex_match(s.begin(), s.end(), kCrdPattern);
  if (parsed && !matches) fail("the parser accepts what the CRD pattern refuses", s);
  if (!parsed && matches && !exponent_beyond_parse_quantity(s)) {
    fail("the parser refuses what the CRD pattern accepts", s);
  }
}

void check_arithmetic(const Quantity& q, std::string_view s) {
  if (!(q - q).is_zero()) fail("q - q is not zero", s);
  if (q + q - q != q) fail("q + q - q is not q", s);
  if (-(-q) != q || (-q).sign() != -q.sign()) fail("negation", s);
  try {
    const Quantity one(1);
    if ((q + one <=> q) != (one <=> Quantity())) fail("q + 1 does not order after q", s);
  } catch (const kraft::ValidationError&) {
    // far apart: more digits than kMaxDigits
  }
  (void)q.value();
  (void)q.milli_value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const auto q = Quantity::try_parse(s);
  if (kraft::k3k::is_quantity(s) != q.has_value()) fail("is_quantity and try_parse disagree", s);
  check_against_crd_pattern(s, q.has_value());
  if (!q) {
    try {
      (void)Quantity::parse(s);
      fail("parse accepts what try_parse refuses", s);
    } catch (const kraft::ValidationError& e) {
      kraft::fuzz::check_message(e.what(), "parse's refusal");
    }
    return 0;
  }
  const std::string text = q->to_string();
  const auto again = Quantity::try_parse(text);
  if (!again) fail("to_string() writes what parse refuses", text);
  if (*again != *q) fail("to_string() reads back as another value", text);
  if (again->to_string() != text) fail("to_string() is not a fixed point", text);
  check_arithmetic(*q, s);
  return 0;
}
