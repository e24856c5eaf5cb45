// The test server's own resource.Quantity: Kubernetes' parse grammar, canonical form and the
// format rule of Add, which decide the strings of ResourceQuota status and metrics.
#include "quantity.h"

#include <gtest/gtest.h>

namespace kraft::testing {
namespace {

std::string canonical(const std::string& text) {
  auto q = Quantity::parse(text);
  return q ? q->str() : "<invalid>";
}

Quantity q(const std::string& text) { return Quantity::parse(text).value(); }

TEST(TestServerQuantity, PrintsTheCanonicalFormKubernetesSerialises) {
  EXPECT_EQ(canonical("1000m"), "1");
  EXPECT_EQ(canonical("0.1"), "100m");
  EXPECT_EQ(canonical("1.5"), "1500m");
  EXPECT_EQ(canonical("1500"), "1500");
  EXPECT_EQ(canonical("2000"), "2k");
  EXPECT_EQ(canonical("0.5Gi"), "512Mi");
  EXPECT_EQ(canonical("1024Mi"), "1Gi");
  EXPECT_EQ(canonical("1.5Ki"), "1536") << "BinarySI that is no multiple of 1024: plain bytes";
  EXPECT_EQ(canonical("0.5Ki"), "512") << "BinarySI below 1024 prints as DecimalSI";
  EXPECT_EQ(canonical("1e3"), "1e3");
  EXPECT_EQ(canonical("12E6"), "12e6");
  EXPECT_EQ(canonical("1E"), "1E") << "E alone is exa";
  EXPECT_EQ(canonical("1000E"), "1") << "past exa Kubernetes prints the bare mantissa";
  EXPECT_EQ(canonical("0"), "0");
  EXPECT_EQ(canonical("0Mi"), "0");
  EXPECT_EQ(canonical("-100m"), "-100m");
  EXPECT_EQ(canonical("+2"), "2");
  EXPECT_EQ(canonical("128974848"), "128974848");
}

TEST(TestServerQuantity, RoundsPastNanoUnitsUp) {
  EXPECT_EQ(canonical("0.5n"), "1n");
  EXPECT_EQ(canonical("1.0000000001"), "1000000001n");
}

TEST(TestServerQuantity, RefusesWhatIsNoQuantity) {
  for (const char* bad : {"", "m", "abc", "1.2.3", "1Kb", "1 Gi", "1e", "Gi", "--1", "1ki"}) {
    EXPECT_FALSE(Quantity::parse(bad)) << bad;
  }
}

TEST(TestServerQuantity, ASumTakesTheFormatOfItsFirstNonZeroTerm) {
  Quantity sum;  // the quota controller's DecimalSI zero
  sum += q("128Mi");
  sum += q("256Mi");
  EXPECT_EQ(sum.str(), "384Mi");
  sum += q("1G");
  EXPECT_EQ(sum.str(), "1402653184") << "BinarySI, no longer a multiple of 1024";
  Quantity cpu;
  cpu += q("500m");
  cpu += q("1");
  EXPECT_EQ(cpu.str(), "1500m");
  Quantity decimal = q("1G");
  decimal += q("1Gi");
  EXPECT_EQ(decimal.str(), "2073741824");
}

TEST(TestServerQuantity, HalvesToNanoUnitsAndBytes) {
  EXPECT_EQ(q("125m").divided(2).str(), "62500u");
  EXPECT_EQ(q("129Mi").divided(2).str(), "66048Ki");
  EXPECT_EQ(q("3").divided(2).truncated().str(), "1");
  EXPECT_EQ(q("1500m").with_format(Quantity::Format::kBinarySI).str(), "1500m");
  EXPECT_EQ(q("2048").with_format(Quantity::Format::kBinarySI).str(), "2Ki");
  EXPECT_LT(q("999m"), q("1"));
  EXPECT_EQ(canonical_quantity("4096Mi"), "4Gi");
  EXPECT_EQ(canonical_quantity("lots"), "lots");
}

}  // namespace
}  // namespace kraft::testing
