// resolve_cluster_ref: NAME, NS/NAME and -n, checked before any request.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/names.h>

#include <string>

namespace kraft::k3k {
namespace {

// The message of the ValidationError `arg` and `ns_flag` cause ("" when none is thrown).
std::string ref_refusal(std::string_view arg, std::string_view ns_flag) {
  try {
    resolve_cluster_ref(arg, ns_flag);
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kUsage);
    return e.what();
  }
  return "";
}

TEST(ResolveClusterRef, NameAloneLivesInK3ksDefaultNamespace) {
  EXPECT_EQ(resolve_cluster_ref("demo", ""), (ClusterRef{"k3k-demo", "demo"}));
}

TEST(ResolveClusterRef, NamespaceFlagPlacesTheName) {
  EXPECT_EQ(resolve_cluster_ref("demo", "team"), (ClusterRef{"team", "demo"}));
}

TEST(ResolveClusterRef, NamespaceSlashNameNeedsNoFlag) {
  EXPECT_EQ(resolve_cluster_ref("team/demo", ""), (ClusterRef{"team", "demo"}));
  EXPECT_EQ(resolve_cluster_ref("team/demo", "").str(), "team/demo");
}

TEST(ResolveClusterRef, SlashFormAgreeingWithTheFlagIsAccepted) {
  EXPECT_EQ(resolve_cluster_ref("team/demo", "team"), (ClusterRef{"team", "demo"}));
}

TEST(ResolveClusterRef, SlashFormContradictingTheFlagIsRefusedNamingBoth) {
  const std::string message = ref_refusal("team/demo", "prod");
  EXPECT_NE(message.find("\"team\""), std::string::npos) << message;
  EXPECT_NE(message.find("\"prod\""), std::string::npos) << message;
}

TEST(ResolveClusterRef, MoreThanOneSlashIsRefused) {
  EXPECT_NE(ref_refusal("a/b/c", "").find("more than one '/'"), std::string::npos);
}

TEST(ResolveClusterRef, EmptyPartsAreRefused) {
  EXPECT_NE(ref_refusal("/demo", "").find("empty namespace"), std::string::npos);
  EXPECT_NE(ref_refusal("team/", "").find("cluster name is empty"), std::string::npos);
  EXPECT_NE(ref_refusal("", "").find("cluster name is empty"), std::string::npos);
}

TEST(ResolveClusterRef, InvalidNamesAreRefusedWithK3ksRules) {
  EXPECT_NE(ref_refusal("Demo", "").find("cluster name \"Demo\" is invalid"), std::string::npos);
  EXPECT_NE(ref_refusal("system", "").find("reserved"), std::string::npos);
  EXPECT_NE(ref_refusal("demo", "Team_A").find("namespace name \"Team_A\" is invalid"),
            std::string::npos);
  EXPECT_NE(ref_refusal("Team_A/demo", "").find("namespace name \"Team_A\" is invalid"),
            std::string::npos);
}

TEST(ResolveClusterRef, LongNameGetsK3ksShortenedDefaultNamespace) {
  const std::string name(62, 'a');
  const ClusterRef ref = resolve_cluster_ref(name, "");
  EXPECT_EQ(ref.ns, default_namespace(name));
  EXPECT_EQ(ref.ns.size(), 63u);
  EXPECT_NE(ref.ns, "k3k-" + name);
}

}  // namespace
}  // namespace kraft::k3k
