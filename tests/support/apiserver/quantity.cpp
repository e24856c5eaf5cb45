// Follows k8s.io/apimachinery/pkg/api/resource (quantity.go, amount.go, suffix.go): the parse
// grammar and rounding, Add's format rule and CanonicalizeBytes.
#include "quantity.h"

#include <array>
#include <cctype>
#include <utility>

namespace kraft::testing {

namespace {

using Int = QuantityValue;
constexpr long long kNano = 1'000'000'000;

/// 10^n for 0 <= n <= 38; nullopt past what fits.
std::optional<Int> pow10(int n) {
  if (n < 0 || n > 38) return std::nullopt;
  Int v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

std::optional<Int> checked_mul(Int a, Int b) {
  Int out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::string int128_text(Int v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string out;
  while (v != 0) {
    const int digit = static_cast<int>(v % 10);
    out.insert(out.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    v /= 10;
  }
  return negative ? "-" + out : out;
}

/// The decimal suffixes by power of ten (suffix.go's decimal table).
const char* decimal_suffix(int exponent) {
  switch (exponent) {
    case -9:
      return "n";
    case -6:
      return "u";
    case -3:
      return "m";
    case 0:
      return "";
    case 3:
      return "k";
    case 6:
      return "M";
    case 9:
      return "G";
    case 12:
      return "T";
    case 15:
      return "P";
    case 18:
      return "E";
    default:
      return nullptr;
  }
}

}  // namespace

Quantity Quantity::of(long long units, Format format) {
  Quantity q;
  q.value_ = static_cast<Int>(units) * kNano;
  q.format_ = format;
  return q;
}

Quantity Quantity::nanos(long long n) {
  Quantity q;
  q.value_ = n;
  return q;
}

std::optional<Quantity> Quantity::parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;  // integer and fraction digits, without the point
  int fraction_digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      if (point) ++fraction_digits;
    } else {
      break;
    }
  }
  if (digits.empty() || digits.size() > 36) return std::nullopt;
  const std::string_view suffix = text.substr(i);

  Quantity q;
  // value = digits × 10^-fraction_digits × multiplier; the multiplier as 1024^binary ×
  // 10^decimal, everything in nano units (hence the 9).
  int binary = 0;
  int decimal = 9 - fraction_digits;
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal = {{{"n", -9},
                                                                                 {"u", -6},
                                                                                 {"m", -3},
                                                                                 {"", 0},
                                                                                 {"k", 3},
                                                                                 {"M", 6},
                                                                                 {"G", 9},
                                                                                 {"T", 12},
                                                                                 {"P", 15},
                                                                                 {"E", 18}}};
  static constexpr std::array<std::string_view, 6> kBinary = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  bool known = false;
  for (const auto& [s, e] : kDecimal) {
    if (suffix == s) {
      decimal += e;
      known = true;
    }
  }
  for (size_t k = 0; k < kBinary.size() && !known; ++k) {
    if (suffix == kBinary[k]) {
      binary = static_cast<int>(k) + 1;
      q.format_ = Format::kBinarySI;
      known = true;
    }
  }
  if (!known && suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    size_t j = 1;
    bool exp_negative = false;
    if (suffix[j] == '+' || suffix[j] == '-') exp_negative = suffix[j++] == '-';
    if (j == suffix.size() || suffix.size() - j > 3) return std::nullopt;
    int exponent = 0;
    for (; j < suffix.size(); ++j) {
      if (!std::isdigit(static_cast<unsigned char>(suffix[j]))) return std::nullopt;
      exponent = exponent * 10 + (suffix[j] - '0');
    }
    decimal += exp_negative ? -exponent : exponent;
    q.format_ = Format::kDecimalExponent;
    known = true;
  }
  if (!known) return std::nullopt;

  Int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  for (int k = 0; k < binary; ++k) {
    auto v = checked_mul(value, 1024);
    if (!v) return std::nullopt;
    value = *v;
  }
  if (decimal >= 0) {
    auto scale = pow10(decimal);
    auto v = scale ? checked_mul(value, *scale) : std::nullopt;
    if (!v) return std::nullopt;
    value = *v;
  } else {
    // Finer than a nano unit: rounded up (away from zero), as ParseQuantity does.
    auto scale = pow10(-decimal);
    if (!scale) {
      value = value == 0 ? 0 : 1;
    } else {
      const bool remainder = value % *scale != 0;
      value = value / *scale + (remainder ? 1 : 0);
    }
  }
  q.value_ = negative ? -value : value;
  return q;
}

Quantity& Quantity::operator+=(const Quantity& other) {
  if (value_ == 0) format_ = other.format_;
  value_ += other.value_;
  return *this;
}

Quantity Quantity::divided(long long divisor) const {
  Quantity q = *this;
  q.value_ /= divisor;
  return q;
}

Quantity Quantity::truncated() const {
  Quantity q = *this;
  q.value_ -= q.value_ % kNano;
  return q;
}

Quantity Quantity::with_format(Format format) const {
  Quantity q = *this;
  q.format_ = format;
  return q;
}

std::string Quantity::str() const {
  if (value_ == 0) return "0";
  const Int magnitude = value_ < 0 ? -value_ : value_;
  if (format_ == Format::kBinarySI && magnitude >= Int(1024) * kNano && value_ % kNano == 0) {
    Int bytes = value_ / kNano;
    static constexpr std::array<const char*, 7> kSuffixes = {"",   "Ki", "Mi", "Gi",
                                                             "Ti", "Pi", "Ei"};
    size_t k = 0;
    while (k + 1 < kSuffixes.size() && bytes % 1024 == 0) {
      bytes /= 1024;
      ++k;
    }
    return int128_text(bytes) + kSuffixes[k];
  }
  // DecimalSI and DecimalExponent (and BinarySI below 1024 or with a fraction): the largest
  // power of ten that is a multiple of three and leaves a whole mantissa.
  Int mantissa = value_;
  int exponent = -9;
  while (mantissa % 1000 == 0) {
    mantissa /= 1000;
    exponent += 3;
  }
  if (format_ == Format::kDecimalExponent) {
    return int128_text(mantissa) + (exponent == 0 ? "" : "e" + std::to_string(exponent));
  }
  // Past exa the suffixer finds no suffix and Kubernetes prints the bare mantissa ("1000E"
  // is written "1"); kept, since that is what a real server stores.
  const char* suffix = decimal_suffix(exponent);
  return int128_text(mantissa) + (suffix == nullptr ? "" : suffix);
}

std::string canonical_quantity(const std::string& text) {
  auto q = Quantity::parse(text);
  return q ? q->str() : text;
}

}  // namespace kraft::testing
