#pragma once
// What the quantity tests share: seeded random quantity texts in every notation Kubernetes
// reads (signs, leading zeros, fractions, "1." and ".5", every suffix, exponents with signs and
// leading zeros), so each run checks the same thousands of cases; and a GoogleTest printer.
#include <kraft/core/quantity.h>

#include <cstdint>
#include <ostream>
#include <random>
#include <string>

namespace kraft {

/// Failure messages show a quantity's canonical form, cut short when long.
void PrintTo(const Quantity& q, std::ostream* os);

}  // namespace kraft

namespace kraft::testing {

/// The generator every quantity property test starts from, so that failures reproduce.
inline std::mt19937_64 quantity_rng(std::uint64_t salt = 0) {
  return std::mt19937_64(0x6b72616674u + salt);  // "kraft"
}

/// A random text in Kubernetes' quantity grammar: [+-]? digits with an optional fraction, and
/// a suffix (none, n u m k M G T P E, Ki..Ei, or e/E with an exponent of up to `max_exponent`
/// in magnitude). `max_digits` bounds the whole and the fractional part each.
std::string random_quantity_text(std::mt19937_64& rng, int max_digits = 24, int max_exponent = 40);

/// `digits` (a natural number) divided by 10^`point`, written exactly as a decimal ("12345",
/// 2 -> "123.45"; 3 -> "12.345"; 7 -> "0.0012345"); `point` may be negative ("12", -2 -> "1200").
std::string shift_decimal_point(const std::string& digits, int point);

}  // namespace kraft::testing
