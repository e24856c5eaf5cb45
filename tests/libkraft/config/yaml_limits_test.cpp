// Limits on expanding YAML aliases and nesting while reading a kubeconfig: a few lines must
// not crash or hang kraft.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>

#include <string>

#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::parse_error_of;

// A self-referencing alias once recursed until the stack overflowed.
TEST(KubeconfigYamlLimits, ACyclicAliasIsAnErrorNotACrash) {
  EXPECT_EQ(parse_error_of("apiVersion: v1\npreferences: &a {x: *a}\n", "/k/cyc.yaml"),
            "kubeconfig /k/cyc.yaml: YAML nesting too deep");
}

TEST(KubeconfigYamlLimits, DeepNestingWithoutAliasesIsAnError) {
  std::string deep = "apiVersion: v1\npreferences: ";
  for (int i = 0; i < 150; ++i) deep += "[";
  for (int i = 0; i < 150; ++i) deep += "]";
  EXPECT_EQ(parse_error_of(deep + "\n", "/k/deep.yaml"),
            "kubeconfig /k/deep.yaml: YAML nesting too deep");
}

// "Billion laughs": 10^9 nodes from a few lines once hung kraft.
TEST(KubeconfigYamlLimits, AliasesThatExpandTooMuchAreAnError) {
  std::string yaml = "apiVersion: v1\na: &a [x,x,x,x,x,x,x,x,x,x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) yaml += std::string(i ? "," : "") + "*" + prev;
    yaml += "]\n";
  }
  EXPECT_EQ(parse_error_of(yaml, "/k/laughs.yaml"),
            "kubeconfig /k/laughs.yaml: more than 1000000 YAML nodes once aliases are "
            "expanded; kraft reads at most 1000000");
}

// A document that is simply that large is not blamed on aliases (it has none).
TEST(KubeconfigYamlLimits, TooManyNodesWithoutAliasesSaysSo) {
  std::string yaml = "apiVersion: v1\nx: [";
  for (int i = 0; i <= 1'000'000; ++i) yaml += "1,";
  yaml += "1]\n";
  EXPECT_EQ(parse_error_of(yaml, "/k/big.yaml"),
            "kubeconfig /k/big.yaml: more than 1000000 YAML nodes; kraft reads at most 1000000");
}

TEST(KubeconfigYamlLimits, ModestAliasesStillWork) {
  const auto c = parse_kubeconfig(
      "apiVersion: v1\ncommon: &c {a: 1, b: [x, y]}\npreferences: {one: *c, two: *c}\n", "/k/ok");
  EXPECT_EQ(c.extra["preferences"]["two"]["b"][1], "y");
}

}  // namespace
}  // namespace kraft::config
