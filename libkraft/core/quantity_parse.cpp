// Reading quantities: ParseQuantity of k8s.io/apimachinery/pkg/api/resource/quantity.go (and
// suffix.go) without its int64 fast path, which only spares the inf.Dec arithmetic that Limbs
// do here for every value. Tested against apimachinery's own tables
// (tests/libkraft/core/quantity_test.cpp).
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>
#include <kraft/core/text.h>

#include <climits>
#include <string>
#include <utility>

#include "core/ascii.h"
#include "core/decimal_limbs.h"

namespace kraft {
namespace {

// What a suffix means: value × base^power, written in `format`.
struct Suffix {
  int base = 10;
  std::int64_t power = 0;
  Quantity::Format format = Quantity::Format::kDecimalSI;
};

enum class SuffixRead { kOk, kSyntax, kExponentRange };

// suffix.go: "" n u m k M G T P E, Ki .. Ei, and e/E followed by what strconv.ParseInt reads
// ([+-]?[0-9]+). Kubernetes keeps exponents as int32 and truncates larger ones; kraft refuses
// them.
SuffixRead read_suffix(std::string_view s, Suffix& out) {
  using Format = Quantity::Format;
  constexpr std::string_view kDecimal = "num_kMGTPE";  // 10^-9 .. 10^18 in steps of 10^3
  constexpr std::string_view kBinary = "KMGTPE";       // 2^10 .. 2^60
  if (s.empty()) return SuffixRead::kOk;
  if (s.size() == 1 && s[0] != '_' && kDecimal.find(s[0]) != std::string_view::npos) {
    out.power = 3 * static_cast<std::int64_t>(kDecimal.find(s[0])) - 9;
    return SuffixRead::kOk;
  }
  if (s.size() == 2 && s[1] == 'i' && kBinary.find(s[0]) != std::string_view::npos) {
    out = {2, 10 * static_cast<std::int64_t>(kBinary.find(s[0]) + 1), Format::kBinarySI};
    return SuffixRead::kOk;
  }
  if (s[0] != 'e' && s[0] != 'E') return SuffixRead::kSyntax;
  std::size_t i = 1;
  const bool negative = i < s.size() && s[i] == '-';
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size()) return SuffixRead::kSyntax;
  std::int64_t power = 0;
  bool too_large = false;
  for (; i < s.size(); ++i) {
    if (!detail::is_digit(s[i])) return SuffixRead::kSyntax;
    power = power * 10 + (s[i] - '0');
    if (power > static_cast<std::int64_t>(INT_MAX) + 1) {  // stays far from int64's limit
      too_large = true;
      power = 0;
    }
  }
  if (negative) power = -power;
  if (too_large || power > INT_MAX) return SuffixRead::kExponentRange;
  out = {10, power, Format::kDecimalExponent};
  return SuffixRead::kOk;
}

}  // namespace

Quantity::Quantity(bool negative, std::vector<std::uint32_t> magnitude, std::int64_t exponent,
                   Format format)
    : negative_(negative), limbs_(std::move(magnitude)), exponent_(exponent), format_(format) {
  const std::int64_t zeros = detail::limbs_trailing_zeros(limbs_);
  detail::limbs_div_pow10(limbs_, zeros);
  if (limbs_.empty()) {
    negative_ = false;
    exponent_ = 0;
  } else {
    exponent_ += zeros;
  }
}

Quantity::Quantity(std::int64_t value, Format format) : Quantity(scaled(value, 0, format)) {}

Quantity Quantity::scaled(std::int64_t value, int scale, Format format) {
  // The magnitude of INT64_MIN does not fit in an int64, but does in a uint64.
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  return Quantity(value < 0, detail::limbs_from_u64(magnitude), scale, format);
}

std::optional<Quantity> Quantity::read(std::string_view text, bool& exponent_out_of_range) {
  // The number: [+-]?, digits, then an optional '.' and digits; at least one digit in all.
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t whole_begin = i;
  while (i < text.size() && detail::is_digit(text[i])) ++i;
  std::string digits(text.substr(whole_begin, i - whole_begin));
  std::int64_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_begin = ++i;
    while (i < text.size() && detail::is_digit(text[i])) ++i;
    fraction_digits = static_cast<std::int64_t>(i - fraction_begin);
    digits += text.substr(fraction_begin, i - fraction_begin);
  }
  if (digits.empty()) return std::nullopt;
  Suffix suffix;
  const SuffixRead read = read_suffix(text.substr(i), suffix);
  exponent_out_of_range = read == SuffixRead::kExponentRange;
  if (read != SuffixRead::kOk) return std::nullopt;

  detail::Limbs magnitude = detail::limbs_from_digits(digits);
  std::int64_t exponent = -fraction_digits;
  if (suffix.base == 10) exponent += suffix.power;
  for (std::int64_t bits = suffix.base == 2 ? suffix.power : 0; bits > 0; bits -= 30) {
    detail::limbs_mul_small(magnitude, 1u << (bits < 30 ? bits : 30));
  }
  // quantity.go rounds a non-zero magnitude up to whole nano units ("if you want some
  // resources, you should get some resources"), then caps BinarySI at 2^63 - 1 and writes
  // BinarySI below 1 as DecimalSI.
  if (!magnitude.empty() && exponent < -9) {
    if (detail::limbs_div_pow10(magnitude, -9 - exponent)) detail::limbs_add(magnitude, {1});
    exponent = -9;
  }
  Quantity q(negative, std::move(magnitude), exponent, suffix.format);
  if (q.format_ == Format::kBinarySI) {
    const Quantity max(INT64_MAX, Format::kBinarySI);
    if (q > max || q < -max) q = negative ? -max : max;
    if (!q.is_zero() && -Quantity(1) < q && q < Quantity(1)) q.format_ = Format::kDecimalSI;
  }
  return q;
}

std::optional<Quantity> Quantity::try_parse(std::string_view text) {
  bool exponent_out_of_range = false;
  return read(text, exponent_out_of_range);
}

Quantity Quantity::parse(std::string_view text) {
  bool exponent_out_of_range = false;
  if (auto q = read(text, exponent_out_of_range)) return *std::move(q);
  const std::string quoted = "invalid quantity \"" + sanitize_text(text) + "\": ";
  if (exponent_out_of_range) {
    throw ValidationError(quoted + "the exponent must lie between " + std::to_string(INT_MIN) +
                          " and " + std::to_string(INT_MAX));
  }
  throw ValidationError(quoted +
                        "expected a number with an optional suffix such as 250m, 1.5Gi or 1e3");
}

}  // namespace kraft
