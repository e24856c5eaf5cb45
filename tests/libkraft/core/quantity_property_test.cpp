// Properties of kraft::Quantity over thousands of seeded random cases (test_support/
// random_quantity.h): what to_string() writes reads back as the same value and is written the
// same way again; sums are exact, checked against integer arithmetic done independently here;
// and the randomised tests of apimachinery's quantity_test.go (TestJSON's fuzzer,
// TestAddSubRoundTrip, TestAddSubRoundTripAcrossScales, TestNegateRoundTrip).
#include <gtest/gtest.h>
#include <kraft/core/quantity.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "core/test_support/quantity_support.h"

namespace kraft {
namespace {

using F = Quantity::Format;
using kraft::testing::quantity_rng;
using kraft::testing::random_quantity_text;
using kraft::testing::shift_decimal_point;

// The shape of every canonical form: an integer without leading zeros and one suffix.
const std::regex& canonical_shape() {
  static const std::regex shape(R"(0|-?[1-9][0-9]*([numkMGTPE]|[KMGTPE]i|e-?[1-9][0-9]*)?)");
  return shape;
}

TEST(QuantityProperties, WhatToStringWritesReadsBackAsTheSameValue) {
  auto rng = quantity_rng();
  for (int i = 0; i < 20000; ++i) {
    const std::string text = random_quantity_text(rng);
    const Quantity q = Quantity::parse(text);
    const std::string canonical = q.to_string();
    ASSERT_TRUE(std::regex_match(canonical, canonical_shape())) << text << " -> " << canonical;
    const Quantity again = Quantity::parse(canonical);
    ASSERT_EQ(again, q) << text << " -> " << canonical << " -> " << again.to_string();
    ASSERT_EQ(again.to_string(), canonical) << text;
    ASSERT_EQ(q.sign(), text[0] == '-' && !q.is_zero() ? -1 : q.is_zero() ? 0 : 1) << text;
  }
}

TEST(QuantityProperties, WhatToStringWritesReadsBackLikeTestJson) {
  // quantity_test.go's randfill fuzzer for TestJSON: BinarySI integers (any int63, or below
  // 1024 times a power of 1024), DecimalSI and DecimalExponent int63 at exponents 0..-3, or
  // below 1000 at exponents -3..11.
  auto rng = quantity_rng(1);
  const auto int63 = [&] { return static_cast<std::int64_t>(rng() >> 1); };
  for (int i = 0; i < 20000; ++i) {
    Quantity q;
    if (rng() % 2 == 0) {
      q = rng() % 2 == 0 ? Quantity(int63(), F::kBinarySI)
                         : Quantity(static_cast<std::int64_t>(rng() % 1024) << (10 * (rng() % 5)),
                                    F::kBinarySI);
    } else {
      const F format = rng() % 2 == 0 ? F::kDecimalSI : F::kDecimalExponent;
      q = rng() % 2 == 0 ? Quantity::scaled(int63(), -static_cast<int>(rng() % 4), format)
                         : Quantity::scaled(static_cast<std::int64_t>(rng() % 1000),
                                            static_cast<int>(rng() % 15) - 3, format);
    }
    if (rng() % 2 == 0) q = -q;
    ASSERT_EQ(Quantity::parse(q.to_string()), q) << q.to_string();
  }
}

TEST(QuantityProperties, SumsOfManyValuesAreExact) {
  // Each value is a random count of nano units below 10^18 (more digits than a double holds)
  // written in a random unit, from "n" to "E" and exponents e-9..e20, so most texts have
  // fractions. The expected total is kept as two int64 halves (units of 10^18 and below).
  auto rng = quantity_rng(2);
  static const std::vector<std::pair<std::string, int>> kUnits = {
      {"n", 0},  {"u", 3},  {"m", 6},  {"", 9},   {"k", 12},
      {"M", 15}, {"G", 18}, {"T", 21}, {"P", 24}, {"E", 27}};
  constexpr std::int64_t kE18 = 1'000'000'000'000'000'000;
  Quantity sum;
  std::int64_t high = 0;
  std::int64_t low = 0;  // nano units below 10^18
  for (int i = 0; i < 5000; ++i) {
    const std::int64_t nanos = static_cast<std::int64_t>(rng() % kE18);
    std::string text;
    if (rng() % 3 == 0) {
      const int exponent = static_cast<int>(rng() % 30) - 9;
      text =
          shift_decimal_point(std::to_string(nanos), exponent + 9) + "e" + std::to_string(exponent);
    } else {
      const auto& [suffix, point] = kUnits[rng() % kUnits.size()];
      text = shift_decimal_point(std::to_string(nanos), point) + suffix;
    }
    const Quantity q = Quantity::parse(text);
    ASSERT_EQ(q, Quantity::scaled(nanos, -9)) << text;
    sum += q;
    low += nanos;
    high += low / kE18;
    low %= kE18;
  }
  const std::string low_digits = std::to_string(low);
  const std::string expected =
      std::to_string(high) + std::string(18 - low_digits.size(), '0') + low_digits + "n";
  EXPECT_EQ(sum, Quantity::parse(expected)) << sum.to_string() << " != " << expected;
  EXPECT_GT(high, 0);  // the total is beyond what an int64 of nano units holds
}

TEST(QuantityProperties, SumsBeyondInt64AreExact) {
  // BinarySI caps at 2^63 - 1 when read, but sums are not capped (quantity.go's Add).
  Quantity sum;
  for (int i = 0; i < 1000; ++i) sum += Quantity::parse("8Ei");
  EXPECT_EQ(sum.to_string(), "9223372036854775807000");
  EXPECT_EQ(sum.format(), F::kBinarySI);
}

TEST(QuantityProperties, AdditionCommutesAndCancelsLikeTestAddSubRoundTrip) {
  auto rng = quantity_rng(3);
  // TestAddSubRoundTrip: 100 random int63 at each scale -10..10 added, then subtracted.
  for (int scale = -10; scale <= 10; ++scale) {
    Quantity q;
    std::vector<std::int64_t> order;
    for (int i = 0; i < 100; ++i) {
      order.push_back(static_cast<std::int64_t>(rng() >> 1));
      q += Quantity::scaled(order.back(), scale);
    }
    for (const std::int64_t j : order) q -= Quantity::scaled(j, scale);
    EXPECT_TRUE(q.is_zero()) << scale << ": " << q.to_string();
  }
  // TestAddSubRoundTripAcrossScales, with parsed texts of every notation, in another order.
  std::vector<Quantity> values;
  for (int i = 0; i < 2000; ++i) values.push_back(Quantity::parse(random_quantity_text(rng)));
  Quantity forward;
  for (const Quantity& v : values) forward += v;
  std::shuffle(values.begin(), values.end(), rng);
  Quantity backward;
  for (const Quantity& v : values) backward += v;
  EXPECT_EQ(forward, backward);
  for (const Quantity& v : values) backward -= v;
  EXPECT_TRUE(backward.is_zero()) << backward.to_string();
  // TestNegateRoundTrip, and order agrees with the sign of the difference.
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    const Quantity& a = values[i];
    const Quantity& b = values[i + 1];
    ASSERT_EQ(-(-a), a);
    ASSERT_TRUE((a <=> b) == ((a - b).sign() <=> 0)) << a.to_string() << " " << b.to_string();
    ASSERT_EQ(a + b - b, a);
  }
}

}  // namespace
}  // namespace kraft
