// Name checks made before any request.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/names.h>

#include <string>

namespace kraft::k3k {
namespace {

std::string error_of(void (*check)(std::string_view), std::string_view value) {
  try {
    check(value);
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kUsage);
    return e.what();
  }
  return "";
}

TEST(ClusterName, AcceptsDns1123Labels) {
  EXPECT_NO_THROW(validate_cluster_name("demo"));
  EXPECT_NO_THROW(validate_cluster_name("a"));
  EXPECT_NO_THROW(validate_cluster_name("dev-1"));
  EXPECT_NO_THROW(validate_cluster_name("0abc"));
  EXPECT_NO_THROW(validate_cluster_name(std::string(63, 'a')));
}

TEST(ClusterName, RefusesAnEmptyName) {
  EXPECT_EQ(error_of(validate_cluster_name, ""),
            "cluster name is empty; give a name such as \"dev\"");
}

TEST(ClusterName, RefusesUppercaseAndSuggestsTheLowercaseName) {
  EXPECT_EQ(error_of(validate_cluster_name, "Dev"),
            "cluster name \"Dev\" is invalid: use only lowercase letters, digits and '-', "
            "starting and ending with a letter or digit (did you mean \"dev\"?)");
}

TEST(ClusterName, RefusesDotsUnderscoresAndEdgeDashes) {
  EXPECT_NE(error_of(validate_cluster_name, "my.cluster"), "");
  EXPECT_NE(error_of(validate_cluster_name, "my_cluster"), "");
  EXPECT_NE(error_of(validate_cluster_name, "-dev"), "");
  EXPECT_NE(error_of(validate_cluster_name, "dev-"), "");
  EXPECT_NE(error_of(validate_cluster_name, "dév"), "");
  EXPECT_NE(error_of(validate_cluster_name, "my.cluster").find("did you mean \"my-cluster\"?"),
            std::string::npos);
}

TEST(ClusterName, RefusesMoreThan63CharactersSayingHowMany) {
  const std::string message = error_of(validate_cluster_name, std::string(64, 'a'));
  EXPECT_NE(message.find("it has 64 characters, at most 63 are allowed"), std::string::npos);
}

TEST(ClusterName, RefusesSystemWhichK3kReserves) {
  EXPECT_EQ(error_of(validate_cluster_name, "system"),
            "cluster name \"system\" is reserved by K3k; choose another name");
}

TEST(NamespaceName, FollowsTheSameLabelRulesButAllowsSystem) {
  EXPECT_NO_THROW(validate_namespace_name("k3k-demo"));
  EXPECT_NO_THROW(validate_namespace_name("system"));
  EXPECT_NE(error_of(validate_namespace_name, "Team_A").find("namespace name \"Team_A\""),
            std::string::npos);
  EXPECT_NE(error_of(validate_namespace_name, ""), "");
}

TEST(PolicyName, IsADns1123Label) {
  EXPECT_NO_THROW(validate_policy_name("gold"));
  EXPECT_NE(error_of(validate_policy_name, "Gold"), "");
}

TEST(Dns1123Label, IsFalseForASuggestionThatWouldBeEmpty) {
  EXPECT_EQ(error_of(validate_cluster_name, "---").find("did you mean"), std::string::npos);
  EXPECT_FALSE(is_dns1123_label("---"));
}

}  // namespace
}  // namespace kraft::k3k
