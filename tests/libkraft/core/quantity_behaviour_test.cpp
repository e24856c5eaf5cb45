// What kraft::Quantity does beyond Kubernetes' test tables: its messages, Value() and
// MilliValue(), kubectl top's renderings, inputs of any length, and the places where kraft
// differs from Kubernetes on purpose (include/kraft/core/quantity.h lists them).
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/core/quantity.h>
#include <kraft/core/quantity_display.h>

#include <climits>
#include <cstdint>
#include <string>

#include "core/test_support/quantity_support.h"

namespace kraft {
namespace {

using F = Quantity::Format;

std::string parse_error(const std::string& text) {
  try {
    Quantity::parse(text);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "(parsed)";
}

TEST(QuantityBehaviour, RefusalsNameTheTextAndTheExpectedForm) {
  EXPECT_EQ(parse_error("1.5.5"),
            "invalid quantity \"1.5.5\": expected a number with an optional suffix such as "
            "250m, 1.5Gi or 1e3");
  EXPECT_EQ(parse_error("1e2147483648"),
            "invalid quantity \"1e2147483648\": the exponent must lie between -2147483648 and "
            "2147483647");
  EXPECT_EQ(parse_error("5GB\n\x1b[2J"),
            "invalid quantity \"5GB\\n\\e[2J\": expected a number with an optional suffix such "
            "as 250m, 1.5Gi or 1e3");
  const std::string long_text = std::string(100'000, '1') + "x";
  EXPECT_LT(parse_error(long_text).size(), 1000u);
}

TEST(QuantityBehaviour, NeedsADigitWhereKubernetesReadsZero) {
  // ParseQuantity's scanner reads these as 0 (quantity_test.go's TestParseQuantityString has
  // "." and "-."); its documented grammar and the CRD pattern refuse them, and so does kraft.
  for (const char* digitless : {"+", "-", ".", "-.", "G", ".G", "Ki", "e5", "+e5", "-m"}) {
    EXPECT_FALSE(Quantity::try_parse(digitless).has_value()) << digitless;
  }
}

TEST(QuantityBehaviour, ReadsExponentsThatFitIn32Bits) {
  EXPECT_EQ(Quantity::parse("1e2147483647").to_string(), "10e2147483646");
  EXPECT_EQ(Quantity::parse("1e-2147483648").to_string(), "1e-9");  // rounded up to 1n
  EXPECT_EQ(Quantity::parse("1E-0003").to_string(), "1e-3");
  // Kubernetes reads 1e4294967296 as 1 (int32 truncation); kraft refuses it.
  EXPECT_FALSE(Quantity::try_parse("1e4294967296").has_value());
  EXPECT_FALSE(Quantity::try_parse("1e99999999999999999999999").has_value());
  EXPECT_FALSE(Quantity::try_parse("1e1.5").has_value());  // the CRD pattern allows it
}

TEST(QuantityBehaviour, WritesASuffixWhereKubernetesWritesABareMantissa) {
  // kubectl 1.32 prints "1000E" as "1" and 10^22 as "10": DecimalSI has no suffix past E.
  EXPECT_EQ(Quantity::parse("1000E").to_string(), "1e21");
  EXPECT_EQ(Quantity::parse("-10000000000000000000000").to_string(), "-10e21");
  EXPECT_EQ(Quantity::parse("999E").to_string(), "999E");
  EXPECT_EQ(Quantity::scaled(1, -12).to_string(), "1e-12");  // below n
  // BinarySI has none past Ei; sums may go beyond the 2^63 - 1 that reading caps at.
  EXPECT_EQ(Quantity::parse("3Ei").to_string(), "3Ei");
  EXPECT_EQ((Quantity::parse("4Ei") + Quantity::parse("4Ei")).to_string(), "8Ei");
  Quantity big = Quantity::parse("1Ei");
  for (int i = 0; i < 10; ++i) big += big;
  EXPECT_EQ(big.to_string(), "1024Ei");
  EXPECT_EQ(Quantity::parse(big.to_string()), Quantity(INT64_MAX));  // and reading caps it
}

TEST(QuantityBehaviour, RoundsToNanoUnitsAndCapsBinaryLikeKubernetes) {
  // Checked against kubectl 1.32 (kubectl set resources --local): 0.1m is 100u, 1e-10 is 1e-9,
  // 8Ei and 1024Ei are 9223372036854775807, 1.5Gi is 1536Mi, 0.5Ki is 512.
  EXPECT_EQ(Quantity::parse("0.1m").to_string(), "100u");
  EXPECT_EQ(Quantity::parse("1e-10").to_string(), "1e-9");
  EXPECT_EQ(Quantity::parse("-1e-10").to_string(), "-1e-9");
  EXPECT_EQ(Quantity::parse("8Ei").to_string(), "9223372036854775807");
  EXPECT_EQ(Quantity::parse("-1024Ei").to_string(), "-9223372036854775807");
  EXPECT_EQ(Quantity::parse("1.5Gi").to_string(), "1536Mi");
  EXPECT_EQ(Quantity::parse("0.5Ki").to_string(), "512");
  EXPECT_EQ(Quantity::parse("1023.5").to_string(), "1023500m");
  EXPECT_EQ(Quantity::parse("1.5e20").to_string(), "150e18");
  EXPECT_EQ(Quantity::parse("5000000000000000000000m").to_string(), "5E");
  EXPECT_EQ(Quantity::parse("0.0000000001Ki").format(), F::kDecimalSI);
}

TEST(QuantityBehaviour, ValueAndMilliValueRoundAwayFromZeroAndSaturate) {
  EXPECT_EQ(Quantity::parse("1.2").value(), 2);
  EXPECT_EQ(Quantity::parse("-1.2").value(), -2);
  EXPECT_EQ(Quantity::parse("2").value(), 2);
  EXPECT_EQ(Quantity::parse("1n").value(), 1);
  EXPECT_EQ(Quantity::parse("1Gi").value(), 1073741824);
  EXPECT_EQ(Quantity::parse("250m").milli_value(), 250);
  EXPECT_EQ(Quantity::parse("0.1m").milli_value(), 1);
  EXPECT_EQ(Quantity::parse("-0.1m").milli_value(), -1);
  EXPECT_EQ(Quantity::parse("1.5").milli_value(), 1500);
  EXPECT_EQ(Quantity::parse("9223372036854775807").value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("-9223372036854775808").value(), INT64_MIN);
  EXPECT_EQ(Quantity::parse("9223372036854775808").value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("-9223372036854775809").value(), INT64_MIN);
  EXPECT_EQ(Quantity::parse("9223372036854775807").milli_value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("9223372036854775.807").milli_value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("9223372036854775.8071").milli_value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("1e30").value(), INT64_MAX);
  EXPECT_EQ(Quantity::parse("-1e2147483647").milli_value(), INT64_MIN);
  EXPECT_EQ(Quantity::parse("123456789012345678901234567890e-20").value(), 1234567891);
}

TEST(QuantityBehaviour, RendersCpuAndMemoryLikeKubectlTop) {
  // The metrics server's answers as kubectl top prints them.
  EXPECT_EQ(format_cpu_millicores(Quantity::parse("329087452n")), "330m");
  EXPECT_EQ(format_cpu_millicores(Quantity::parse("250m")), "250m");
  EXPECT_EQ(format_cpu_millicores(Quantity::parse("2")), "2000m");
  EXPECT_EQ(format_cpu_millicores(Quantity::parse("0")), "0m");
  EXPECT_EQ(format_memory_mebibytes(Quantity::parse("2748180Ki")), "2683Mi");
  EXPECT_EQ(format_memory_mebibytes(Quantity::parse("1.5Gi")), "1536Mi");
  EXPECT_EQ(format_memory_mebibytes(Quantity::parse("512Ki")), "0Mi");
  EXPECT_EQ(format_memory_mebibytes(Quantity::parse("1G")), "953Mi");
}

TEST(QuantityBehaviour, HandlesInputsOfAnyLength) {
  const std::string digits(1'000'000, '7');
  const Quantity q = Quantity::parse(digits + "." + digits + "m");
  // Whole nano units of m are six fractional digits, the seventh rounds up; the texts are too
  // long for a failure message.
  EXPECT_TRUE(q.to_string() == digits + "777778n");
  EXPECT_EQ(Quantity::parse(digits + "Gi"), Quantity(INT64_MAX));
  EXPECT_TRUE((q - q).is_zero());
}

TEST(QuantityBehaviour, RefusesSumsTooWideToHoldExactly) {
  const Quantity huge = Quantity::parse("1e2000000000");
  EXPECT_EQ(huge + huge, Quantity::parse("2e2000000000"));
  EXPECT_LT(Quantity(1), huge);
  try {
    (void)(huge + Quantity(1));
    FAIL() << "added";
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot add the quantities 100e1999999998 and 1 exactly: the result would have "
              "more than 10000000 digits");
  }
}

}  // namespace
}  // namespace kraft
