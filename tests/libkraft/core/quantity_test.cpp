// kraft::Quantity against Kubernetes' own test vectors, ported from
// k8s.io/apimachinery pkg/api/resource/quantity_test.go at commit
// eed236ceee2c19c2753a3d93ac0631dc20750454 (the file last changed in 02f7088a4890): the tables
// of TestQuantityParse, TestQuantityString, TestQuantityParseEmit, TestParseQuantity,
// TestQuantityCmp, TestQuantityCmpInt64AndDec, TestAdd, TestSub, TestNeg, TestNewSet,
// TestMilliNewSet, TestNewScaledSet and TestScaledValue. decQuantity(m, e, f) and
// intQuantity(m, e, f) there are Quantity::scaled(m, e, f) here.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>

#include <climits>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/test_support/quantity_support.h"

namespace kraft {
namespace {

using F = Quantity::Format;
constexpr std::int64_t kKi = 1024;

struct Scaled {
  std::int64_t mantissa;
  int exponent;
  F format;
};

Quantity make(const Scaled& s) { return Quantity::scaled(s.mantissa, s.exponent, s.format); }

TEST(QuantityKubernetesVectors, ParsesValuesAndFormatsLikeTestQuantityParse) {
  const std::vector<std::pair<std::string, Scaled>> table = {
      {"0", {0, 0, F::kDecimalSI}},
      {"0n", {0, 0, F::kDecimalSI}},
      {"0u", {0, 0, F::kDecimalSI}},
      {"0m", {0, 0, F::kDecimalSI}},
      {"0Ki", {0, 0, F::kBinarySI}},
      {"0k", {0, 0, F::kDecimalSI}},
      {"0Mi", {0, 0, F::kBinarySI}},
      {"0M", {0, 0, F::kDecimalSI}},
      {"0Gi", {0, 0, F::kBinarySI}},
      {"0G", {0, 0, F::kDecimalSI}},
      {"0Ti", {0, 0, F::kBinarySI}},
      {"0T", {0, 0, F::kDecimalSI}},
      // Quantity less numbers are allowed
      {"1", {1, 0, F::kDecimalSI}},
      // Binary suffixes
      {"1Ki", {kKi, 0, F::kBinarySI}},
      {"8Ki", {8 * kKi, 0, F::kBinarySI}},
      {"7Mi", {7 * kKi * kKi, 0, F::kBinarySI}},
      {"6Gi", {6 * kKi * kKi * kKi, 0, F::kBinarySI}},
      {"5Ti", {5 * kKi * kKi * kKi * kKi, 0, F::kBinarySI}},
      {"4Pi", {4 * kKi * kKi * kKi * kKi * kKi, 0, F::kBinarySI}},
      {"3Ei", {3 * kKi * kKi * kKi * kKi * kKi * kKi, 0, F::kBinarySI}},
      {"10Ti", {10 * kKi * kKi * kKi * kKi, 0, F::kBinarySI}},
      {"100Ti", {100 * kKi * kKi * kKi * kKi, 0, F::kBinarySI}},
      // Decimal suffixes
      {"5n", {5, -9, F::kDecimalSI}},
      {"4u", {4, -6, F::kDecimalSI}},
      {"3m", {3, -3, F::kDecimalSI}},
      {"9", {9, 0, F::kDecimalSI}},
      {"8k", {8, 3, F::kDecimalSI}},
      {"50k", {5, 4, F::kDecimalSI}},
      {"7M", {7, 6, F::kDecimalSI}},
      {"6G", {6, 9, F::kDecimalSI}},
      {"5T", {5, 12, F::kDecimalSI}},
      {"40T", {4, 13, F::kDecimalSI}},
      {"300T", {3, 14, F::kDecimalSI}},
      {"2P", {2, 15, F::kDecimalSI}},
      {"1E", {1, 18, F::kDecimalSI}},
      // Decimal exponents
      {"1E-3", {1, -3, F::kDecimalExponent}},
      {"1e3", {1, 3, F::kDecimalExponent}},
      {"1E6", {1, 6, F::kDecimalExponent}},
      {"1e9", {1, 9, F::kDecimalExponent}},
      {"1E12", {1, 12, F::kDecimalExponent}},
      {"1e15", {1, 15, F::kDecimalExponent}},
      {"1E18", {1, 18, F::kDecimalExponent}},
      // Nonstandard but still parsable
      {"1e14", {1, 14, F::kDecimalExponent}},
      {"1e13", {1, 13, F::kDecimalExponent}},
      {"1e3", {1, 3, F::kDecimalExponent}},
      {"100.035k", {100035, 0, F::kDecimalSI}},
      // Things that look like floating point
      {"0.001", {1, -3, F::kDecimalSI}},
      {"0.0005k", {5, -1, F::kDecimalSI}},
      {"0.005", {5, -3, F::kDecimalSI}},
      {"0.05", {5, -2, F::kDecimalSI}},
      {"0.5", {5, -1, F::kDecimalSI}},
      {"0.00050k", {5, -1, F::kDecimalSI}},
      {"0.00500", {5, -3, F::kDecimalSI}},
      {"0.05000", {5, -2, F::kDecimalSI}},
      {"0.50000", {5, -1, F::kDecimalSI}},
      {"0.5e0", {5, -1, F::kDecimalExponent}},
      {"0.5e-1", {5, -2, F::kDecimalExponent}},
      {"0.5e-2", {5, -3, F::kDecimalExponent}},
      {"0.5e0", {5, -1, F::kDecimalExponent}},
      {"10.035M", {10035, 3, F::kDecimalSI}},
      {"1.2e3", {12, 2, F::kDecimalExponent}},
      {"1.3E+6", {13, 5, F::kDecimalExponent}},
      {"1.40e9", {14, 8, F::kDecimalExponent}},
      {"1.53E12", {153, 10, F::kDecimalExponent}},
      {"1.6e15", {16, 14, F::kDecimalExponent}},
      {"1.7E18", {17, 17, F::kDecimalExponent}},
      {"9.01", {901, -2, F::kDecimalSI}},
      {"8.1k", {81, 2, F::kDecimalSI}},
      {"7.123456M", {7123456, 0, F::kDecimalSI}},
      {"6.987654321G", {6987654321, 0, F::kDecimalSI}},
      {"5.444T", {5444, 9, F::kDecimalSI}},
      {"40.1T", {401, 11, F::kDecimalSI}},
      {"300.2T", {3002, 11, F::kDecimalSI}},
      {"2.5P", {25, 14, F::kDecimalSI}},
      {"1.01E", {101, 16, F::kDecimalSI}},
      // Things that saturate/round
      {"3.001n", {4, -9, F::kDecimalSI}},
      {"1.1E-9", {2, -9, F::kDecimalExponent}},
      {"0.0000000001", {1, -9, F::kDecimalSI}},
      {"0.0000000005", {1, -9, F::kDecimalSI}},
      {"0.00000000050", {1, -9, F::kDecimalSI}},
      {"0.5e-9", {1, -9, F::kDecimalExponent}},
      {"0.9n", {1, -9, F::kDecimalSI}},
      {"0.00000012345", {124, -9, F::kDecimalSI}},
      {"0.00000012354", {124, -9, F::kDecimalSI}},
      {"9Ei", {INT64_MAX, 0, F::kBinarySI}},
      {"9223372036854775807Ki", {INT64_MAX, 0, F::kBinarySI}},
      {"12E", {12, 18, F::kDecimalSI}},
      // We'll accept fractional binary stuff, too.
      {"100.035Ki", {10243584, -2, F::kBinarySI}},
      {"0.5Mi", {524288, 0, F::kBinarySI}},
      {"0.05Gi", {536870912, -1, F::kBinarySI}},
      {"0.025Ti", {274877906944, -1, F::kBinarySI}},
      // Things written by trolls
      {"0.000000000001Ki", {2, -9, F::kDecimalSI}},  // rounds up, changes format
      {".001", {1, -3, F::kDecimalSI}},
      {".0001k", {100, -3, F::kDecimalSI}},
      {"1.", {1, 0, F::kDecimalSI}},
      {"1.G", {1, 9, F::kDecimalSI}},
  };
  for (const auto& [input, expect] : table) {
    const Quantity q = Quantity::parse(input);
    EXPECT_EQ(q, make(expect)) << input << " read as " << q.to_string();
    EXPECT_EQ(q.format(), expect.format) << input;
    // "Try the negative version of everything" and "everything with an explicit +".
    const Quantity negative = Quantity::parse("-" + input);
    EXPECT_EQ(negative, -make(expect)) << input;
    EXPECT_EQ(negative.format(), expect.format) << input;
    const Quantity plus = Quantity::parse("+" + input);
    EXPECT_EQ(plus, make(expect)) << input;
    EXPECT_EQ(plus.format(), expect.format) << input;
  }
}

TEST(QuantityKubernetesVectors, RefusesTheInvalidInputsOfTestQuantityParse) {
  // TestQuantityParse's invalid list (trailing whitespace is forbidden), the empty string and
  // TestQuantityParseNonNumericPanic.
  for (const char* bad : {"1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i",
                          "-3.01e-", " 1", "1 ", "", "Non-Numeric"}) {
    EXPECT_THROW(Quantity::parse(bad), ValidationError) << '"' << bad << '"';
    EXPECT_FALSE(Quantity::try_parse(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(QuantityKubernetesVectors, WritesTheCanonicalFormsOfTestQuantityString) {
  struct Row {
    Scaled in;
    std::string expect;
    std::string alternate;  // another way to write it; "" when none
  };
  const std::vector<Row> table = {
      {{kKi * kKi * kKi, 0, F::kBinarySI}, "1Gi", "1024Mi"},
      {{300 * kKi * kKi, 0, F::kBinarySI}, "300Mi", "307200Ki"},
      {{6 * kKi, 0, F::kBinarySI}, "6Ki", ""},
      {{1001 * kKi * kKi * kKi, 0, F::kBinarySI}, "1001Gi", "1025024Mi"},
      {{kKi * kKi * kKi * kKi, 0, F::kBinarySI}, "1Ti", "1024Gi"},
      {{5, 0, F::kBinarySI}, "5", "5000m"},
      {{500, -3, F::kBinarySI}, "500m", "0.5"},
      {{1, 9, F::kDecimalSI}, "1G", "1000M"},
      {{1000, 6, F::kDecimalSI}, "1G", "0.001T"},
      {{1000000, 3, F::kDecimalSI}, "1G", ""},
      {{1000000000, 0, F::kDecimalSI}, "1G", ""},
      {{1, -3, F::kDecimalSI}, "1m", "1000u"},
      {{80, -3, F::kDecimalSI}, "80m", ""},
      {{1080, -3, F::kDecimalSI}, "1080m", "1.08"},
      {{108, -2, F::kDecimalSI}, "1080m", "1080000000n"},
      {{10800, -4, F::kDecimalSI}, "1080m", ""},
      {{300, 6, F::kDecimalSI}, "300M", ""},
      {{1, 12, F::kDecimalSI}, "1T", ""},
      {{1234567, 6, F::kDecimalSI}, "1234567M", ""},
      {{1234567, -3, F::kBinarySI}, "1234567m", ""},
      {{3, 3, F::kDecimalSI}, "3k", ""},
      {{1025, 0, F::kBinarySI}, "1025", ""},
      {{0, 0, F::kDecimalSI}, "0", ""},
      {{0, 0, F::kBinarySI}, "0", ""},
      {{1, 9, F::kDecimalExponent}, "1e9", ".001e12"},
      {{1, -3, F::kDecimalExponent}, "1e-3", "0.001e0"},
      {{1, -9, F::kDecimalExponent}, "1e-9", "1000e-12"},
      {{80, -3, F::kDecimalExponent}, "80e-3", ""},
      {{300, 6, F::kDecimalExponent}, "300e6", ""},
      {{1, 12, F::kDecimalExponent}, "1e12", ""},
      {{1, 3, F::kDecimalExponent}, "1e3", ""},
      {{3, 3, F::kDecimalExponent}, "3e3", ""},
      {{3, 3, F::kDecimalSI}, "3k", ""},
      {{0, 0, F::kDecimalExponent}, "0", "00"},
      {{1, -9, F::kDecimalSI}, "1n", ""},
      {{80, -9, F::kDecimalSI}, "80n", ""},
      {{1080, -9, F::kDecimalSI}, "1080n", ""},
      {{108, -8, F::kDecimalSI}, "1080n", ""},
      {{10800, -10, F::kDecimalSI}, "1080n", ""},
      {{1, -6, F::kDecimalSI}, "1u", ""},
      {{80, -6, F::kDecimalSI}, "80u", ""},
      {{1080, -6, F::kDecimalSI}, "1080u", ""},
  };
  for (const auto& row : table) {
    const Quantity q = make(row.in);
    EXPECT_EQ(q.to_string(), row.expect);
    EXPECT_EQ(Quantity::parse(row.expect).to_string(), row.expect);
    if (!row.alternate.empty()) {
      EXPECT_EQ(Quantity::parse(row.alternate).to_string(), row.expect) << row.alternate;
    }
    if (!q.is_zero()) {
      EXPECT_EQ((-q).to_string(), "-" + row.expect);  // never "-0"
    }
  }
}

TEST(QuantityKubernetesVectors, ReadsAndWritesLikeTestQuantityParseEmit) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"1Ki", "1Ki"},
      {"1Mi", "1Mi"},
      {"1Gi", "1Gi"},
      {"1024Mi", "1Gi"},
      {"1000M", "1G"},
      {".001Ki", "1024m"},
      {".000001Ki", "1024u"},
      {".000000001Ki", "1024n"},
      {".000000000001Ki", "2n"},
  };
  for (const auto& [in, expect] : table) {
    EXPECT_EQ(Quantity::parse(in).to_string(), expect) << in;
    EXPECT_EQ(Quantity::parse("-" + in).to_string(), "-" + expect) << in;
  }
}

TEST(QuantityKubernetesVectors, KeepsLargeValuesExactLikeTestParseQuantity) {
  struct Row {
    std::string input;
    std::string value;      // wantAsDec, as a plain decimal
    std::string canonical;  // the input itself when it is canonical
  };
  const std::vector<Row> table = {
      {"-999999999999999999", "-999999999999999999", "-999999999999999999"},
      {"999999999999999999", "999999999999999999", "999999999999999999"},
      {"-999999999999999999.0", "-999999999999999999", "-999999999999999999"},
      {"999999999999999999.0", "999999999999999999", "999999999999999999"},
      {"-999999999999999999.1", "-999999999999999999.1", "-999999999999999999100m"},
      {"999999999999999999.1", "999999999999999999.1", "999999999999999999100m"},
      {"-9999999999999999999", "-9999999999999999999", "-9999999999999999999"},
      {"9999999999999999999", "9999999999999999999", "9999999999999999999"},
      {"-1E", "-1000000000000000000", "-1E"},
      {"1E", "1000000000000000000", "1E"},
      {"-1000000000000000000", "-1000000000000000000", "-1E"},
      {"1000000000000000000", "1000000000000000000", "1E"},
      {"-9999999999999999999.0", "-9999999999999999999", "-9999999999999999999"},
      {"9999999999999999999.0", "9999999999999999999", "9999999999999999999"},
      {"-1.0E", "-1000000000000000000", "-1E"},
      {"1.0E", "1000000000000000000", "1E"},
      {"-1000000000000000000.0", "-1000000000000000000", "-1E"},
      {"1000000000000000000.0", "1000000000000000000", "1E"},
      {"-9999999999999999999000m", "-9999999999999999999", "-9999999999999999999"},
      {"9999999999999999999000m", "9999999999999999999", "9999999999999999999"},
      {"-9999999999999999999.1", "-9999999999999999999.1", "-9999999999999999999100m"},
      {"9999999999999999999.1", "9999999999999999999.1", "9999999999999999999100m"},
      {"-1.0000000000000000001E", "-1000000000000000000.1", "-1000000000000000000100m"},
      {"1.0000000000000000001E", "1000000000000000000.1", "1000000000000000000100m"},
      {"-1000000000000000000.1", "-1000000000000000000.1", "-1000000000000000000100m"},
      {"1000000000000000000.1", "1000000000000000000.1", "1000000000000000000100m"},
      {"-1.000000000000000001E", "-1000000000000000001", "-1000000000000000001"},
      {"1.000000000000000001E", "1000000000000000001", "1000000000000000001"},
      {"-1000000000000000001", "-1000000000000000001", "-1000000000000000001"},
      {"1000000000000000001", "1000000000000000001", "1000000000000000001"},
      {"-10E", "-10000000000000000000", "-10E"},
      {"10E", "10000000000000000000", "10E"},
      {"-10000000000000000000", "-10000000000000000000", "-10E"},
      {"10000000000000000000", "10000000000000000000", "10E"},
      {"-10.0E", "-10000000000000000000", "-10E"},
      {"10.0E", "10000000000000000000", "10E"},
      {"-10000000000000000000.0", "-10000000000000000000", "-10E"},
      {"10000000000000000000.0", "10000000000000000000", "10E"},
      {"-10000000000000000000000m", "-10000000000000000000", "-10E"},
      {"10000000000000000000000m", "10000000000000000000", "10E"},
      {"-10.0000000000000000001E", "-10000000000000000000.1", "-10000000000000000000100m"},
      {"10.0000000000000000001E", "10000000000000000000.1", "10000000000000000000100m"},
      {"-10000000000000000000.1", "-10000000000000000000.1", "-10000000000000000000100m"},
      {"10000000000000000000.1", "10000000000000000000.1", "10000000000000000000100m"},
      {"-10.000000000000000001E", "-10000000000000000001", "-10000000000000000001"},
      {"10.000000000000000001E", "10000000000000000001", "10000000000000000001"},
      {"-10000000000000000001", "-10000000000000000001", "-10000000000000000001"},
      {"10000000000000000001", "10000000000000000001", "10000000000000000001"},
      {"-9223372036854775809", "-9223372036854775809", "-9223372036854775809"},
      {"9223372036854775806", "9223372036854775806", "9223372036854775806"},
      {"-9223372036854775809.0", "-9223372036854775809", "-9223372036854775809"},
      {"9223372036854775806.0", "9223372036854775806", "9223372036854775806"},
      {"-9223372036854775809000m", "-9223372036854775809", "-9223372036854775809"},
      {"9223372036854775806000m", "9223372036854775806", "9223372036854775806"},
      {"-9223372036854775809.1", "-9223372036854775809.1", "-9223372036854775809100m"},
      {"9223372036854775806.1", "9223372036854775806.1", "9223372036854775806100m"},
      {"-9223372036854775808", "-9223372036854775808", "-9223372036854775808"},
      {"9223372036854775807", "9223372036854775807", "9223372036854775807"},
      {"-9223372036854775808.0", "-9223372036854775808", "-9223372036854775808"},
      {"9223372036854775807.0", "9223372036854775807", "9223372036854775807"},
      {"-9223372036854775808000m", "-9223372036854775808", "-9223372036854775808"},
      {"9223372036854775807000m", "9223372036854775807", "9223372036854775807"},
      {"-9223372036854775808.1", "-9223372036854775808.1", "-9223372036854775808100m"},
      {"9223372036854775807.1", "9223372036854775807.1", "9223372036854775807100m"},
      {"-9223372036854775807", "-9223372036854775807", "-9223372036854775807"},
      {"9223372036854775808", "9223372036854775808", "9223372036854775808"},
      {"-9223372036854775807.0", "-9223372036854775807", "-9223372036854775807"},
      {"9223372036854775808.0", "9223372036854775808", "9223372036854775808"},
      {"-9223372036854775807000m", "-9223372036854775807", "-9223372036854775807"},
      {"9223372036854775808000m", "9223372036854775808", "9223372036854775808"},
      {"-9223372036854775807.1", "-9223372036854775807.1", "-9223372036854775807100m"},
      {"9223372036854775808.1", "9223372036854775808.1", "9223372036854775808100m"},
  };
  for (const auto& row : table) {
    const Quantity q = Quantity::parse(row.input);
    EXPECT_EQ(q.to_string(), row.canonical) << row.input;
    EXPECT_EQ(q, Quantity::parse(row.value)) << row.input;
  }
}

TEST(QuantityKubernetesVectors, ComparesLikeTestQuantityCmpAndCmpInt64AndDec) {
  EXPECT_TRUE((Quantity::parse("0") <=> Quantity::parse("0")) == 0);
  EXPECT_GT(Quantity::parse("100m"), Quantity::parse("50m"));
  EXPECT_LT(Quantity::parse("50m"), Quantity::parse("100m"));
  EXPECT_GT(Quantity::parse("10000T"), Quantity::parse("100Gi"));
  constexpr std::int64_t kE18 = 1'000'000'000'000'000'000;
  const std::vector<std::tuple<Scaled, Scaled, int>> table = {
      {{901, -2, F::kDecimalSI}, {901, -2, F::kDecimalSI}, 0},
      {{90, -1, F::kDecimalSI}, {901, -2, F::kDecimalSI}, -1},
      {{901, -2, F::kDecimalSI}, {900, -2, F::kDecimalSI}, 1},
      {{0, 0, F::kDecimalSI}, {0, 0, F::kDecimalSI}, 0},
      {{0, 1, F::kDecimalSI}, {0, -1, F::kDecimalSI}, 0},
      {{0, -1, F::kDecimalSI}, {0, 1, F::kDecimalSI}, 0},
      {{800, -3, F::kDecimalSI}, {1, 0, F::kDecimalSI}, -1},
      {{800, -3, F::kDecimalSI}, {79, -2, F::kDecimalSI}, 1},
      {{INT64_MAX, 0, F::kDecimalSI}, {1, -1, F::kDecimalSI}, 1},
      {{INT64_MAX, 1, F::kDecimalSI}, {1, 0, F::kDecimalSI}, 1},
      {{INT64_MAX, 1, F::kDecimalSI}, {1, 1, F::kDecimalSI}, 1},
      {{INT64_MAX, 1, F::kDecimalSI}, {0, 1, F::kDecimalSI}, 1},
      {{INT64_MAX, -16, F::kDecimalSI}, {1, 3, F::kDecimalSI}, -1},
      {{INT64_MIN, 0, F::kDecimalSI}, {0, 0, F::kDecimalSI}, -1},
      {{INT64_MIN, -18, F::kDecimalSI}, {-1, 0, F::kDecimalSI}, -1},
      {{INT64_MIN, -19, F::kDecimalSI}, {-1, 0, F::kDecimalSI}, 1},
      {{kE18, -17, F::kDecimalSI}, {1, 1, F::kDecimalSI}, 0},
      {{kE18, -17, F::kDecimalSI}, {-10, 0, F::kDecimalSI}, 1},
      {{-kE18, -17, F::kDecimalSI}, {-10, 0, F::kDecimalSI}, 0},
      {{kE18, -17, F::kDecimalSI}, {1, 0, F::kDecimalSI}, 1},
      {{kE18 + 1, -17, F::kDecimalSI}, {1, 1, F::kDecimalSI}, 1},
      {{kE18 - 1, -17, F::kDecimalSI}, {1, 1, F::kDecimalSI}, -1},
  };
  for (const auto& [a, b, expect] : table) {
    EXPECT_TRUE((make(a) <=> make(b)) == (expect <=> 0)) << a.mantissa << "e" << a.exponent;
    EXPECT_TRUE((make(b) <=> make(a)) == (0 <=> expect)) << a.mantissa << "e" << a.exponent;
  }
}

TEST(QuantityKubernetesVectors, AddsSubtractsAndNegatesLikeTestAddTestSubTestNeg) {
  const Quantity zero;
  EXPECT_EQ(Quantity(10) + Quantity::scaled(1, 1), Quantity(20));
  EXPECT_EQ(Quantity(10) + Quantity(1, F::kBinarySI), Quantity(11));
  EXPECT_EQ(Quantity(10, F::kBinarySI) + Quantity(1), Quantity(11, F::kBinarySI));
  EXPECT_EQ(zero + Quantity(50), Quantity(50));
  EXPECT_EQ(Quantity(50) + zero, Quantity(50));
  EXPECT_EQ(zero + zero, zero);
  EXPECT_EQ(Quantity(10) - Quantity::scaled(1, 1), zero);
  EXPECT_EQ(Quantity(10) - Quantity(1, F::kBinarySI), Quantity(9));
  EXPECT_EQ(Quantity(10, F::kBinarySI) - Quantity(1), Quantity(9, F::kBinarySI));
  EXPECT_EQ(zero - Quantity(50), Quantity(-50));
  EXPECT_EQ(Quantity(50) - zero, Quantity(50));
  EXPECT_EQ(zero - zero, zero);
  EXPECT_EQ(-Quantity(10, F::kBinarySI), Quantity(-10, F::kBinarySI));
  EXPECT_EQ(-Quantity(-10, F::kBinarySI), Quantity(10, F::kBinarySI));
  EXPECT_EQ(-zero, zero);
  // TestQuantityNeg
  EXPECT_EQ((-Quantity::scaled(901, -2)).to_string(), "-9010m");
}

TEST(QuantityKubernetesVectors, KeepsTheSuffixWhenAddingOrSubtractingZero) {
  // TestQuantityAddZeroPreservesSuffix, TestQuantitySubZeroPreservesSuffix and
  // TestQuantityCanocicalizeZero.
  const Quantity zero = Quantity::parse("0");
  for (const char* text : {"100m", "1Gi"}) {
    const Quantity value = Quantity::parse(text);
    EXPECT_EQ((value + zero).to_string(), text);
    EXPECT_EQ((zero + value).to_string(), text);
    EXPECT_EQ((value - zero).to_string(), text);
    EXPECT_EQ((zero - value).to_string(), (-value).to_string());
  }
  EXPECT_EQ((Quantity::parse("1000m") - Quantity(1)).to_string(), "0");
}

TEST(QuantityKubernetesVectors, BuildsFromIntegersLikeTestNewSetAndTestMilliNewSet) {
  const std::vector<std::tuple<std::int64_t, F, std::string>> whole = {
      {1, F::kDecimalSI, "1"},
      {1000, F::kDecimalSI, "1k"},
      {1234000, F::kDecimalSI, "1234k"},
      {1024, F::kBinarySI, "1Ki"},
      {1000000, F::kDecimalExponent, "1e6"},
      {1024 * 1024, F::kBinarySI, "1Mi"},
  };
  for (const auto& [value, format, expect] : whole) {
    EXPECT_EQ(Quantity(value, format).to_string(), expect);
    EXPECT_EQ(Quantity::parse(expect).value(), value);
  }
  const std::vector<std::tuple<std::int64_t, F, std::string, bool>> milli = {
      {1, F::kDecimalSI, "1m", true},
      {1000, F::kDecimalSI, "1", true},
      {1234000, F::kDecimalSI, "1234", true},
      {1024, F::kBinarySI, "1024m", false},  // Format changes
      {1000000, F::kDecimalExponent, "1e3", true},
      {1024 * 1024, F::kBinarySI, "1048576m", false},  // Format changes
  };
  for (const auto& [value, format, expect, exact] : milli) {
    EXPECT_EQ(Quantity::scaled(value, -3, format).to_string(), expect);
    if (exact) {
      EXPECT_EQ(Quantity::parse(expect).milli_value(), value);
    }
  }
}

TEST(QuantityKubernetesVectors, ScalesLikeTestNewScaledSetAndTestScaledValue) {
  const std::vector<std::tuple<std::int64_t, int, std::string>> table = {
      {1, -9, "1n"}, {1000, -9, "1u"}, {1, -6, "1u"}, {1000, -6, "1m"},
      {1, -3, "1m"}, {1000, -3, "1"},  {1, 0, "1"},   {0, -9, "0"},
      {0, -6, "0"},  {0, -3, "0"},     {0, 0, "0"},
  };
  for (const auto& [value, scale, expect] : table) {
    const Quantity q = Quantity::scaled(value, scale);
    EXPECT_EQ(q.to_string(), expect);
    EXPECT_EQ(Quantity::parse(expect), q);
  }
  // TestScaledValue, for the scales kraft offers (Milli and 0): ceil(10^from / 10^to).
  const std::vector<std::tuple<int, std::int64_t, std::int64_t>> scaled = {
      {-9, 1, 1},
      {-6, 1, 1},
      {-3, 1, 1},
      {0, 1000, 1},
  };
  for (const auto& [from, milli, whole] : scaled) {
    EXPECT_EQ(Quantity::scaled(1, from).milli_value(), milli) << from;
    EXPECT_EQ(Quantity::scaled(1, from).value(), whole) << from;
  }
}

}  // namespace
}  // namespace kraft
