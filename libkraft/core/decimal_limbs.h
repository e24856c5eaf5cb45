#pragma once
// Unsigned integers of any size in base 10^9 limbs (least significant first), the magnitude of
// kraft::Quantity. Base 10^9 rather than 2^32 because quantities are decimal: reading and
// writing digits, scaling by powers of ten and rounding at a decimal place are all linear in
// the number of digits, so a quantity of a million digits costs nothing special.
// Invariant of every function here: no most-significant zero limbs; zero is the empty vector.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::detail {

using Limbs = std::vector<std::uint32_t>;

/// The number written by `digits` (ASCII '0'-'9' only; leading zeros allowed, "" is zero).
Limbs limbs_from_digits(std::string_view digits);
Limbs limbs_from_u64(std::uint64_t value);
/// The value when it fits in 64 bits.
std::optional<std::uint64_t> limbs_to_u64(const Limbs& a);
/// Decimal digits without leading zeros; "0" for zero.
std::string limbs_to_digits(const Limbs& a);

/// How many decimal digits `a` has (0 for zero).
std::int64_t limbs_digit_count(const Limbs& a);
/// How many times 10 divides `a` (0 for zero).
std::int64_t limbs_trailing_zeros(const Limbs& a);

/// -1, 0 or 1 as a <, ==, > b.
int limbs_compare(const Limbs& a, const Limbs& b);
void limbs_add(Limbs& a, const Limbs& b);
/// a -= b; needs a >= b.
void limbs_sub(Limbs& a, const Limbs& b);
/// a *= m.
void limbs_mul_small(Limbs& a, std::uint32_t m);
/// a /= d (d > 0); returns the remainder.
std::uint32_t limbs_div_small(Limbs& a, std::uint32_t d);
/// a *= 10^k.
void limbs_mul_pow10(Limbs& a, std::int64_t k);
/// a /= 10^k, rounding down; returns whether a non-zero remainder was dropped.
bool limbs_div_pow10(Limbs& a, std::int64_t k);

}  // namespace kraft::detail
