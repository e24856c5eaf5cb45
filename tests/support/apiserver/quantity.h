#pragma once
// resource.Quantity as kube-controller-manager and metrics-server compute with it: exact to
// the nano unit, remembering the format it was written in (DecimalSI "500m", BinarySI "4Gi",
// DecimalExponent "1e3"), printed in Kubernetes' canonical form. The test server's own copy,
// independent of libkraft, so the server never agrees with kraft by sharing its bugs.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kraft::testing {

// 128 bits hold any quantity kraft meets in nano units (an exabyte is 10^27 of them);
// __extension__ keeps -Wpedantic quiet about the GCC/Clang builtin.
__extension__ typedef __int128 QuantityValue;

class Quantity {
 public:
  enum class Format { kDecimalSI, kBinarySI, kDecimalExponent };

  Quantity() = default;
  /// `units` whole base units (cores, bytes, objects), as resource.NewQuantity.
  static Quantity of(long long units, Format format = Format::kDecimalSI);
  /// `n` nano units (nanocores), as resource.NewScaledQuantity(n, -9).
  static Quantity nanos(long long n);
  /// ParseQuantity: sign, digits with an optional point, then a suffix (n u m "" k M G T P E,
  /// Ki..Ei, or e/E and an exponent). Precision past nano units is rounded up, as Kubernetes
  /// does. nullopt when the text is not a quantity or does not fit.
  static std::optional<Quantity> parse(std::string_view text);

  /// Quantity.Add: a zero quantity takes the format of what is added to it.
  Quantity& operator+=(const Quantity& other);
  /// The value divided by `divisor`, rounded towards zero to whole nano units.
  Quantity divided(long long divisor) const;
  /// Rounded towards zero to whole base units (bytes are integers).
  Quantity truncated() const;
  /// The same value printed in another format.
  Quantity with_format(Format format) const;
  std::strong_ordering operator<=>(const Quantity& other) const { return value_ <=> other.value_; }
  bool operator==(const Quantity& other) const { return value_ == other.value_; }

  bool is_zero() const { return value_ == 0; }
  Format format() const { return format_; }
  /// The canonical string Kubernetes serialises: "0", "500m", "1500m", "2", "4Gi", "62500u",
  /// "1134217728" (BinarySI that is no whole multiple of 1024), "1k".
  std::string str() const;

 private:
  QuantityValue value_ = 0;  ///< in nano units (10^-9)
  Format format_ = Format::kDecimalSI;
};

/// The canonical form of a quantity string; `text` itself when it is not a quantity.
std::string canonical_quantity(const std::string& text);

}  // namespace kraft::testing
