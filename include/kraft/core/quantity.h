#pragma once
// kraft::Quantity: Kubernetes' resource.Quantity ("250m", "1.5Gi", "1e3"), read and written as
// k8s.io/apimachinery/pkg/api/resource does (quantity.go), and exact at any size: an integer
// of any length times a power of ten, never a float, so sums of many values lose nothing.
//
//   Quantity::parse("1.5Gi").to_string()   == "1536Mi"
//   Quantity::parse("0.1m").to_string()    == "100u"    (rounded up to nano units, as Kubernetes)
//   (Quantity::parse("100m") + Quantity::parse("1.9")).to_string() == "2"
//
// Where kraft differs from Kubernetes, on purpose (each pinned by a test):
// - a number needs a digit: Kubernetes' scanner reads "+", ".", "G" and "e5" as zero; its
//   documented grammar and the OpenAPI pattern CRDs check quantities with refuse them, and so
//   does kraft, which therefore accepts nothing that pattern refuses;
// - exponents must fit in 32 bits (Kubernetes truncates larger ones silently);
// - where Kubernetes has no suffix for a canonical value (DecimalSI beyond 10^18 or below 10^-9,
//   BinarySI beyond 2^60) it writes the bare mantissa, a different number ("1000E" becomes
//   "1"); kraft writes 1e21 and 1024Ei;
// - value() and milli_value() saturate where Kubernetes' overflow (to 0 or wrapped bits);
// - to_string() always writes the canonical form, where Kubernetes' String() gives back the
//   text it parsed whenever its int64 fast path takes it for canonical ("+1.", "0100m").
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kraft {

/// A Kubernetes resource quantity: an exact decimal number with the notation it was written in.
class Quantity {
 public:
  /// How a quantity is written; parse() remembers it and to_string() keeps it.
  enum class Format {
    kDecimalSI,        ///< 12M, 250m, 5 (powers of 1000, n u m k M G T P E)
    kBinarySI,         ///< 12Mi, 5Gi (powers of 1024, Ki Mi Gi Ti Pi Ei)
    kDecimalExponent,  ///< 12e6, 1E-3
  };

  /// Zero, in DecimalSI.
  Quantity() = default;
  /// `value` units exactly (Kubernetes' NewQuantity).
  explicit Quantity(std::int64_t value, Format format = Format::kDecimalSI);
  /// `value` × 10^`scale` exactly, e.g. scaled(250, -3) is 250m (Kubernetes' NewScaledQuantity).
  static Quantity scaled(std::int64_t value, int scale, Format format = Format::kDecimalSI);

  /// Reads a quantity as Kubernetes' ParseQuantity does (no blanks around it): a signed decimal
  /// number with an optional suffix n u m k M G T P E, Ki Mi Gi Ti Pi Ei, or an exponent e3 /
  /// E-3; rounds a non-zero magnitude up to a whole nano unit and caps BinarySI at 2^63 - 1.
  /// Throws kraft::ValidationError naming the text.
  static Quantity parse(std::string_view text);
  /// parse() that answers nullopt instead of throwing.
  static std::optional<Quantity> try_parse(std::string_view text);

  /// Kubernetes' canonical form (Quantity.String()): no fractional digits, the largest suffix
  /// of the format that keeps the value exact, "0" for zero. BinarySI values below 1024 or
  /// with a fraction are written in DecimalSI, as Kubernetes does.
  std::string to_string() const;

  Format format() const noexcept { return format_; }
  /// -1, 0 or 1.
  int sign() const noexcept { return limbs_.empty() ? 0 : negative_ ? -1 : 1; }
  bool is_zero() const noexcept { return limbs_.empty(); }

  /// The value in whole units, rounded away from zero (Kubernetes' Value(): "1.2" gives 2);
  /// INT64_MAX / INT64_MIN when it does not fit.
  std::int64_t value() const;
  /// The value in thousandths, rounded away from zero (MilliValue(): "0.1m" gives 1);
  /// INT64_MAX / INT64_MIN when it does not fit.
  std::int64_t milli_value() const;

  /// Exact sum. A zero quantity takes the other's format (Kubernetes' Add). Throws
  /// kraft::ValidationError when the exact result would need more than kMaxDigits digits.
  Quantity& operator+=(const Quantity& other);
  /// Exact difference. A zero quantity takes the other's format (Kubernetes' Sub).
  Quantity& operator-=(const Quantity& other);
  friend Quantity operator+(Quantity a, const Quantity& b) { return a += b; }
  friend Quantity operator-(Quantity a, const Quantity& b) { return a -= b; }
  /// The negation, in the same format.
  Quantity operator-() const;

  /// Equal values, whatever their formats (Kubernetes' Equal: 1Ki == 1024).
  friend bool operator==(const Quantity& a, const Quantity& b) noexcept;
  friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b);

  /// The most digits an exact sum or difference may have (10 million).
  static constexpr std::int64_t kMaxDigits = 10'000'000;

 private:
  Quantity(bool negative, std::vector<std::uint32_t> magnitude, std::int64_t exponent,
           Format format);
  static std::optional<Quantity> read(std::string_view text, bool& exponent_out_of_range);
  std::int64_t scaled_value(int scale) const;
  Quantity& add(const Quantity& other, bool subtract);

  // The value is ±magnitude × 10^exponent; the magnitude (base 10^9 limbs, least significant
  // first, libkraft/core/decimal_limbs.h) holds no factor of ten, so each value has one form.
  bool negative_ = false;
  std::vector<std::uint32_t> limbs_;
  std::int64_t exponent_ = 0;
  Format format_ = Format::kDecimalSI;
};

}  // namespace kraft
