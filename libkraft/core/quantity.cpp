// Writing, comparing and adding quantities: CanonicalizeBytes, Cmp, Add, Sub and ScaledValue of
// k8s.io/apimachinery/pkg/api/resource (quantity.go, amount.go, scale_int.go), exactly.
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>
#include <kraft/core/text.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "core/decimal_limbs.h"

namespace kraft {
namespace {

using detail::Limbs;

// floor(e / 3) * 3: canonical exponents are multiples of three, the mantissa takes the rest.
std::int64_t exponent_floor3(std::int64_t e) { return e >= 0 ? e - e % 3 : e - (3 + e % 3) % 3; }

// Compares a × 10^ea with b × 10^eb (magnitudes without trailing zeros, both non-zero).
int compare_magnitudes(const Limbs& a, std::int64_t ea, const Limbs& b, std::int64_t eb) {
  // The position of the leading digit decides, unless it is the same; then aligning the two
  // costs no more digits than they already have.
  const std::int64_t lead_a = ea + detail::limbs_digit_count(a);
  const std::int64_t lead_b = eb + detail::limbs_digit_count(b);
  if (lead_a != lead_b) return lead_a < lead_b ? -1 : 1;
  if (ea == eb) return detail::limbs_compare(a, b);
  Limbs wider = ea > eb ? a : b;
  detail::limbs_mul_pow10(wider, ea > eb ? ea - eb : eb - ea);
  return ea > eb ? detail::limbs_compare(wider, b) : detail::limbs_compare(a, wider);
}

}  // namespace

std::string Quantity::to_string() const {
  if (is_zero()) return "0";
  const std::string sign = negative_ ? "-" : "";
  const std::int64_t digits = detail::limbs_digit_count(limbs_);
  Format format = format_;
  if (format == Format::kBinarySI) {
    // Below 1024, or with a fraction, BinarySI is written as DecimalSI.
    const bool below_1024 = compare_magnitudes(limbs_, exponent_, Limbs{1024}, 0) < 0;
    if (below_1024 || exponent_ < 0 || exponent_ + digits > kMaxDigits) {
      format = Format::kDecimalSI;
    } else {
      Limbs whole = limbs_;
      detail::limbs_mul_pow10(whole, exponent_);
      // Kubernetes divides out every factor of 1024 and finds no suffix past Ei; the rest stays
      // in the mantissa here ("1024Ei").
      static constexpr std::string_view kSuffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
      int power = 0;
      while (power < 6) {
        Limbs divided = whole;
        if (detail::limbs_div_small(divided, 1024) != 0) break;
        whole = std::move(divided);
        ++power;
      }
      return sign + detail::limbs_to_digits(whole) + std::string(kSuffixes[power]);
    }
  }
  const std::int64_t exponent = exponent_floor3(exponent_);
  Limbs mantissa = limbs_;
  detail::limbs_mul_pow10(mantissa, exponent_ - exponent);
  std::string out = sign + detail::limbs_to_digits(mantissa);
  if (format == Format::kDecimalSI && exponent >= -9 && exponent <= 18) {
    static constexpr std::string_view kSuffixes[] = {"n", "u", "m", "",  "k",
                                                     "M", "G", "T", "P", "E"};
    return out + std::string(kSuffixes[(exponent + 9) / 3]);
  }
  // DecimalExponent; and DecimalSI past the suffixes, where Kubernetes drops the suffix.
  return exponent == 0 ? out : out + "e" + std::to_string(exponent);
}

std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
  if (a.sign() != b.sign()) return a.sign() <=> b.sign();
  if (a.is_zero()) return std::strong_ordering::equal;
  int c = compare_magnitudes(a.limbs_, a.exponent_, b.limbs_, b.exponent_);
  if (a.negative_) c = -c;
  return c <=> 0;
}

bool operator==(const Quantity& a, const Quantity& b) noexcept {
  // One form per value (no trailing zeros in the magnitude), so equal values are equal fields.
  return a.negative_ == b.negative_ && a.exponent_ == b.exponent_ && a.limbs_ == b.limbs_;
}

Quantity Quantity::operator-() const {
  Quantity q = *this;
  if (!q.is_zero()) q.negative_ = !q.negative_;
  return q;
}

Quantity& Quantity::operator+=(const Quantity& other) { return add(other, false); }
Quantity& Quantity::operator-=(const Quantity& other) { return add(other, true); }

Quantity& Quantity::add(const Quantity& other, bool subtract) {
  if (is_zero()) {
    *this = subtract ? -other : other;  // the value and the format of `other` (quantity.go)
    return *this;
  }
  if (other.is_zero()) return *this;
  const std::int64_t low = std::min(exponent_, other.exponent_);
  const std::int64_t high = std::max(exponent_ + detail::limbs_digit_count(limbs_),
                                     other.exponent_ + detail::limbs_digit_count(other.limbs_));
  if (high - low > kMaxDigits) {
    throw ValidationError("cannot " + std::string(subtract ? "subtract" : "add") +
                          " the quantities " + sanitize_text(to_string(), 64) + " and " +
                          sanitize_text(other.to_string(), 64) + " exactly: the result would " +
                          "have more than " + std::to_string(kMaxDigits) + " digits");
  }
  Limbs b = other.limbs_;  // first: `other` may be *this
  Limbs a = std::move(limbs_);
  detail::limbs_mul_pow10(a, exponent_ - low);
  detail::limbs_mul_pow10(b, other.exponent_ - low);
  const bool b_negative = other.negative_ != subtract;
  if (negative_ == b_negative) {
    detail::limbs_add(a, b);
  } else if (detail::limbs_compare(a, b) >= 0) {
    detail::limbs_sub(a, b);
  } else {
    detail::limbs_sub(b, a);
    a = std::move(b);
    negative_ = b_negative;
  }
  *this = Quantity(negative_, std::move(a), low, format_);
  return *this;
}

std::int64_t Quantity::scaled_value(int scale) const {
  // ceil(|q| / 10^scale) with q's sign: Value() and MilliValue() (scale_int.go rounds away
  // from zero on the int64 path, which is the one Kubernetes takes for every parsed value
  // that fits in one).
  if (is_zero()) return 0;
  const std::int64_t shift = exponent_ - scale;
  const std::int64_t digits = detail::limbs_digit_count(limbs_);
  std::optional<std::uint64_t> magnitude;
  if (shift >= 0) {
    const auto base = detail::limbs_to_u64(limbs_);
    std::uint64_t m = base.value_or(0);
    bool overflow = !base || digits + shift > 20;
    for (std::int64_t i = 0; i < shift && !overflow; ++i) {
      overflow = __builtin_mul_overflow(m, 10u, &m);
    }
    if (!overflow) magnitude = m;
  } else if (-shift >= digits) {
    magnitude = 1;  // 0 < |q| < 10^scale
  } else if (digits + shift <= 20) {
    Limbs whole = limbs_;
    const bool rounded = detail::limbs_div_pow10(whole, -shift);
    magnitude = detail::limbs_to_u64(whole);
    if (magnitude && rounded && *magnitude < UINT64_MAX) ++*magnitude;  // MAX saturates anyway
  }
  constexpr auto kMax = static_cast<std::uint64_t>(INT64_MAX);
  if (!negative_) {
    return magnitude && *magnitude <= kMax ? static_cast<std::int64_t>(*magnitude) : INT64_MAX;
  }
  if (!magnitude || *magnitude > kMax + 1) return INT64_MIN;
  return static_cast<std::int64_t>(0 - *magnitude);
}

std::int64_t Quantity::value() const { return scaled_value(0); }
std::int64_t Quantity::milli_value() const { return scaled_value(-3); }

}  // namespace kraft
