// kraft::Quantity against Kubernetes itself, when kubectl is installed: kubectl reads every
// quantity of a Pod into resource.Quantity and writes it back canonical (`kubectl set
// resources --local` decodes the Pod, sets a limit and encodes it again), so thousands of
// random quantities go through it in one run and come back in Kubernetes' canonical form --
// or as they were written: ParseQuantity keeps the text it read as the quantity's String()
// when its int64 fast path takes the text for canonical, which its check does for "+1.",
// "0100m" or "-10306.015245k" too. kraft's to_string() always canonicalizes (CanonicalizeBytes),
// so those are compared with the fast path's rule, restated below.
#include <gtest/gtest.h>
#include <kraft/core/quantity.h>

#include <cctype>
#include <climits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/test_support/quantity_support.h"
#include "process/process.h"

namespace kraft {
namespace {

using nlohmann::json;

// Whether ParseQuantity (quantity.go) keeps `text` verbatim as its String(): the int64 fast
// path, for 18 significant digits at most after leading zeros, and then, in DecimalSI and
// DecimalExponent, a scale that is a multiple of 3 and digits that neither start with 0 nor
// end in 000; in BinarySI, no fraction digits and a number not divisible by 8.
bool kubernetes_keeps_text(std::string_view text) {
  std::size_t i = text.empty() || (text[0] != '+' && text[0] != '-') ? 0 : 1;
  while (i < text.size() && text[i] == '0') ++i;
  if (i == text.size()) return false;  // all zeros: "0", written canonical
  const std::size_t num_begin = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  std::string num(text.substr(num_begin, i - num_begin));
  if (num.empty()) num = "0";
  std::string denom;
  if (i < text.size() && text[i] == '.') {
    const std::size_t denom_begin = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    denom = text.substr(denom_begin, i - denom_begin);
  }
  const std::string_view suffix = text.substr(i);
  const std::string shifted = num + denom;
  if (suffix.size() == 2 && suffix[1] == 'i') {  // BinarySI: 2^10 .. 2^60
    const int exponent = 10 * static_cast<int>(std::string_view("KMGTPE").find(suffix[0]) + 1);
    if (!denom.empty() || 14 - static_cast<int>(num.size()) - exponent * 3 / 10 < 0) return false;
    const long long value = std::stoll(num);
    return value <= (INT64_MAX >> exponent) && (value & 7) != 0;
  }
  long long exponent = 0;
  if (suffix.size() > 1) {
    exponent = std::stoll(std::string(suffix.substr(1)));
  } else if (suffix.size() == 1) {
    exponent = 3 * static_cast<long long>(std::string_view("num_kMGTPE").find(suffix[0])) - 9;
  }
  const long long scale = exponent - static_cast<long long>(denom.size());
  return shifted.size() <= 18 && scale >= -9 && scale % 3 == 0 && shifted[0] != '0' &&
         !(shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0);
}

// Kubernetes' answer for each text, by running kubectl once on a Pod that requests them all.
std::vector<std::string> kubectl_canonical(const std::string& kubectl,
                                           const std::vector<std::string>& texts) {
  json requests = json::object();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    requests["example.com/q" + std::to_string(i)] = texts[i];
  }
  const json pod = {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata", {{"name", "quantities"}}},
      {"spec",
       {{"containers",
         {{{"name", "c"}, {"image", "x"}, {"resources", {{"requests", requests}}}}}}}}};
  const auto result = kraft::testing::run_process(
      kubectl, {"set", "resources", "--local", "-f", "-", "-o", "json", "--limits=cpu=1"}, {},
      pod.dump());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> out;
  if (result.exit_code != 0) return out;
  const json written = json::parse(result.out)["spec"]["containers"][0]["resources"]["requests"];
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out.push_back(written.at("example.com/q" + std::to_string(i)).get<std::string>());
  }
  return out;
}

TEST(QuantityWithKubectl, WritesWhatKubernetesWritesForThousandsOfRandomQuantities) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed";
  auto rng = kraft::testing::quantity_rng(4);
  std::vector<std::string> texts = {
      "0.1m",  "1.5Gi", "9Ei",    "1e-10", ".000000000001Ki", "1.",    "+.5",
      "-0",    "0.5Ki", "1023.5", "12E",   "1e2147483647",    "1000E", "-10000000000000000000000",
      "12000E"};
  for (int i = 0; i < 4000; ++i) texts.push_back(kraft::testing::random_quantity_text(rng, 20));
  // Kubernetes reads these as zero; kraft refuses them (quantity.h).
  const std::vector<std::string> digitless = {"+", "-", ".", "-.", "G", "Ki", "e5"};
  std::vector<std::string> all = texts;
  all.insert(all.end(), digitless.begin(), digitless.end());
  const std::vector<std::string> theirs = kubectl_canonical(*kubectl, all);
  ASSERT_EQ(theirs.size(), all.size());
  int compared = 0;
  int kept = 0;
  int beyond_suffixes = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const Quantity q = Quantity::parse(texts[i]);
    const std::string ours = q.to_string();
    if (kubernetes_keeps_text(texts[i])) {
      EXPECT_EQ(theirs[i], texts[i]);
      EXPECT_EQ(Quantity::parse(theirs[i]).to_string(), ours);
      ++kept;
    } else if (q.format() != Quantity::Format::kDecimalExponent &&
               ours.find('e') != std::string::npos) {
      // Past E (10^18) Kubernetes writes the bare mantissa (quantity.h); kraft adds an exponent.
      EXPECT_EQ(ours.substr(0, ours.find('e')), theirs[i]) << texts[i];
      ++beyond_suffixes;
    } else {
      EXPECT_EQ(ours, theirs[i]) << texts[i];
      ++compared;
    }
  }
  for (std::size_t i = 0; i < digitless.size(); ++i) {
    EXPECT_EQ(theirs[texts.size() + i], "0") << digitless[i];
    EXPECT_FALSE(Quantity::try_parse(digitless[i]).has_value()) << digitless[i];
  }
  EXPECT_GT(compared, 3000);
  EXPECT_GT(kept, 300);
  EXPECT_EQ(beyond_suffixes, 3);
}

}  // namespace
}  // namespace kraft
