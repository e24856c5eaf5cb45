// merge_into: `KUBECONFIG=target:incoming kubectl config view` semantics, with explicit
// handling of names that exist on both sides with different content.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>

#include <chrono>

#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::names;

const std::string kTarget = R"(apiVersion: v1
kind: Config
clusters:
- {name: dev, cluster: {server: https://dev:6443}}
users:
- {name: admin, user: {token: target-token}}
contexts:
- {name: dev, context: {cluster: dev, user: admin}}
current-context: dev
)";

TEST(MergeInto, NewNamesAreAppendedInIncomingOrder) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/home/u/.kube/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: zeta, cluster: {server: https://zeta}}
- {name: alpha, cluster: {server: https://alpha}}
users:
- {name: z-user, user: {username: z}}
contexts:
- {name: zeta, context: {cluster: zeta, user: z-user}}
- {name: alpha, context: {cluster: alpha, user: z-user}}
)",
                                               "/home/u/in.yaml");
  const MergeReport report = merge_into(target, incoming, {});
  EXPECT_EQ(names(target.clusters), (std::vector<std::string>{"dev", "zeta", "alpha"}));
  EXPECT_EQ(names(target.users), (std::vector<std::string>{"admin", "z-user"}));
  EXPECT_EQ(names(target.contexts), (std::vector<std::string>{"dev", "zeta", "alpha"}));
  EXPECT_EQ(report.added_contexts, (std::vector<std::string>{"zeta", "alpha"}));
  EXPECT_EQ(report.unchanged, 0);
  EXPECT_TRUE(report.renamed.empty());
  EXPECT_TRUE(report.overwritten.empty());
  // Merged entries now live in the target's file.
  EXPECT_EQ(target.find_cluster("zeta")->source, "/home/u/.kube/config");
}

TEST(MergeInto, IdenticalEntriesAreUnchangedNotCollisions) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/home/u/.kube/config");
  // The same content written differently (block style, other key order, other file).
  const Kubeconfig incoming = parse_kubeconfig(R"(contexts:
- name: dev
  context:
    user: admin
    cluster: dev
users:
- name: admin
  user:
    token: target-token
clusters:
- name: dev
  cluster:
    server: "https://dev:6443"
)",
                                               "/tmp/elsewhere/in.yaml");
  const std::string before = to_yaml(target);
  const MergeReport report = merge_into(target, incoming, {});
  EXPECT_EQ(report.unchanged, 3);
  EXPECT_TRUE(report.added_contexts.empty());
  EXPECT_EQ(to_yaml(target), before);
}

TEST(MergeInto, SameFileThroughAnotherRelativeSpellingIsIdentical) {
  Kubeconfig target = parse_kubeconfig(
      "clusters:\n- {name: c, cluster: {certificate-authority: ca.crt}}\n", "/a/config");
  const Kubeconfig incoming = parse_kubeconfig(
      "clusters:\n- {name: c, cluster: {certificate-authority: ../a/ca.crt}}\n", "/b/in.yaml");
  const MergeReport report = merge_into(target, incoming, {});
  EXPECT_EQ(report.unchanged, 1);
}

TEST(MergeInto, ConflictsOfEveryKindAreListedAndTargetIsUntouched) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/home/u/.kube/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://other:6443}}
- {name: fresh, cluster: {server: https://fresh}}
users:
- {name: admin, user: {token: incoming-token}}
contexts:
- {name: dev, context: {cluster: dev, user: admin, namespace: x}}
- {name: fresh, context: {cluster: fresh, user: admin}}
)",
                                               "a.yaml");
  const std::string before = to_yaml(target);
  try {
    merge_into(target, incoming, {});
    FAIL() << "expected MergeConflictError";
  } catch (const MergeConflictError& e) {
    EXPECT_STREQ(e.what(),
                 "3 names already exist with different content in /home/u/.kube/config: "
                 "context \"dev\" (from a.yaml), cluster \"dev\" (from a.yaml), user \"admin\" "
                 "(from a.yaml); rename or overwrite them, or merge under a prefix");
    ASSERT_EQ(e.collisions().size(), 3u);
    EXPECT_EQ(e.collisions()[0].kind, "context");
    EXPECT_EQ(e.collisions()[1].kind, "cluster");
    EXPECT_EQ(e.collisions()[2].kind, "user");
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
    // Credentials never appear in messages.
    EXPECT_EQ(std::string(e.what()).find("token"), std::string::npos);
  }
  EXPECT_EQ(to_yaml(target), before);
}

struct OneKind {
  const char* kind;
  const char* incoming;
};

class MergeIntoOneConflict : public ::testing::TestWithParam<OneKind> {};

TEST_P(MergeIntoOneConflict, OnlyThatNameIsReported) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(GetParam().incoming, "/k/in.yaml");
  try {
    merge_into(target, incoming, {});
    FAIL() << "expected MergeConflictError";
  } catch (const MergeConflictError& e) {
    ASSERT_EQ(e.collisions().size(), 1u);
    EXPECT_EQ(e.collisions()[0].kind, GetParam().kind);
    EXPECT_EQ(e.collisions()[0].incoming_source, "/k/in.yaml");
    EXPECT_NE(std::string(e.what()).find("1 name already exists with different content"),
              std::string::npos)
        << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    EachKind, MergeIntoOneConflict,
    ::testing::Values(
        OneKind{"cluster", "clusters:\n- {name: dev, cluster: {server: https://x}}\n"},
        OneKind{"user", "users:\n- {name: admin, user: {token: other}}\n"},
        OneKind{"context", "contexts:\n- {name: dev, context: {cluster: dev, user: x}}\n"}),
    [](const auto& p) { return std::string(p.param.kind); });

TEST(MergeInto, RenameIsDeterministicAndSkipsTakenNames) {
  Kubeconfig target = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://one}}
- {name: dev-2, cluster: {server: https://two}}
)",
                                       "/k/config");
  // dev-3 is the first name neither side uses: dev-2 exists, dev-4 comes with incoming.
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://three}}
- {name: dev-4, cluster: {server: https://four}}
)",
                                               "/k/in.yaml");
  MergeOptions options;
  options.on_conflict = OnConflict::rename;
  const MergeReport report = merge_into(target, incoming, options);
  EXPECT_EQ(names(target.clusters), (std::vector<std::string>{"dev", "dev-2", "dev-3", "dev-4"}));
  EXPECT_EQ(target.find_cluster("dev-3")->value.server, "https://three");
  ASSERT_EQ(report.renamed.size(), 1u);
  EXPECT_EQ(report.renamed[0].kind, "cluster");
  EXPECT_EQ(report.renamed[0].from, "dev");
  EXPECT_EQ(report.renamed[0].to, "dev-3");

  // Merging the same file again finds everything in place.
  const std::string after_first = to_yaml(target);
  const MergeReport again = merge_into(target, incoming, options);
  EXPECT_EQ(to_yaml(target), after_first);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_TRUE(again.renamed.empty());
}

TEST(MergeInto, RenamedContextsFollowRenamedClustersAndUsers) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://vc:6443}}
users:
- {name: admin, user: {token: vc-token}}
contexts:
- {name: dev, context: {cluster: dev, user: admin, namespace: team}}
current-context: dev
)",
                                               "/k/vc.yaml");
  MergeOptions options;
  options.on_conflict = OnConflict::rename;
  const MergeReport report = merge_into(target, incoming, options);
  const auto* context = target.find_context("dev-2");
  ASSERT_NE(context, nullptr);
  EXPECT_EQ(context->value.cluster, "dev-2");
  EXPECT_EQ(context->value.user, "admin-2");
  EXPECT_EQ(target.find_cluster("dev-2")->value.server, "https://vc:6443");
  EXPECT_EQ(target.find_user("admin-2")->value.token.reveal(), "vc-token");
  // The original entries are untouched, and so is the current context.
  EXPECT_EQ(target.find_context("dev")->value.cluster, "dev");
  EXPECT_EQ(target.current_context, "dev");
  EXPECT_EQ(report.added_contexts, (std::vector<std::string>{"dev-2"}));
  EXPECT_EQ(report.renamed.size(), 3u);
}

TEST(MergeInto, IdenticalContextStillRenamedWhenItsClusterWasRenamed) {
  // Same context text, but its cluster "dev" means another server: it must not stay pointing
  // at the target's dev.
  Kubeconfig target = parse_kubeconfig(kTarget, "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://elsewhere}}
users:
- {name: admin, user: {token: target-token}}
contexts:
- {name: dev, context: {cluster: dev, user: admin}}
)",
                                               "/k/in.yaml");
  MergeOptions options;
  options.on_conflict = OnConflict::rename;
  const MergeReport report = merge_into(target, incoming, options);
  EXPECT_EQ(report.unchanged, 1);  // the user
  ASSERT_NE(target.find_context("dev-2"), nullptr);
  EXPECT_EQ(target.find_context("dev-2")->value.cluster, "dev-2");
  EXPECT_EQ(target.find_context("dev-2")->value.user, "admin");
}

TEST(MergeInto, OverwriteReplacesInPlace) {
  Kubeconfig target = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://old}}
- {name: keep, cluster: {server: https://keep}}
)",
                                       "/k/config");
  const Kubeconfig incoming =
      parse_kubeconfig("clusters:\n- {name: dev, cluster: {server: https://new}}\n", "/k/in.yaml");
  MergeOptions options;
  options.on_conflict = OnConflict::overwrite;
  const MergeReport report = merge_into(target, incoming, options);
  EXPECT_EQ(names(target.clusters), (std::vector<std::string>{"dev", "keep"}));
  EXPECT_EQ(target.find_cluster("dev")->value.server, "https://new");
  ASSERT_EQ(report.overwritten.size(), 1u);
  EXPECT_EQ(report.overwritten[0].kind, "cluster");
  EXPECT_EQ(report.overwritten[0].name, "dev");
  EXPECT_EQ(report.overwritten[0].incoming_source, "/k/in.yaml");
}

TEST(MergeInto, PrefixAppliesToNamesReferencesAndAdoptedCurrentContext) {
  Kubeconfig target =
      parse_kubeconfig("clusters:\n- {name: other, cluster: {server: https://o}}\n", "/k/c");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://vc}}
users:
- {name: admin, user: {token: t}}
contexts:
- {name: dev, context: {cluster: dev, user: admin}}
- {name: shared, context: {cluster: other, user: admin}}
current-context: dev
)",
                                               "/k/vc.yaml");
  MergeOptions options;
  options.prefix = "vc1-";
  merge_into(target, incoming, options);
  EXPECT_EQ(names(target.clusters), (std::vector<std::string>{"other", "vc1-dev"}));
  EXPECT_EQ(names(target.users), (std::vector<std::string>{"vc1-admin"}));
  EXPECT_EQ(names(target.contexts), (std::vector<std::string>{"vc1-dev", "vc1-shared"}));
  EXPECT_EQ(target.find_context("vc1-dev")->value.cluster, "vc1-dev");
  EXPECT_EQ(target.find_context("vc1-dev")->value.user, "vc1-admin");
  // A reference to a cluster incoming does not define is left alone.
  EXPECT_EQ(target.find_context("vc1-shared")->value.cluster, "other");
  EXPECT_EQ(target.current_context, "vc1-dev");
}

TEST(MergeInto, TargetCurrentContextStaysOrIncomingOneIsAdopted) {
  const Kubeconfig incoming = parse_kubeconfig(
      "contexts:\n- {name: b, context: {cluster: b}}\ncurrent-context: b\n", "/k/in.yaml");
  Kubeconfig with_current = parse_kubeconfig(
      "contexts:\n- {name: a, context: {cluster: a}}\ncurrent-context: a\n", "/k/c");
  merge_into(with_current, incoming, {});
  EXPECT_EQ(with_current.current_context, "a");

  Kubeconfig without = parse_kubeconfig("contexts:\n- {name: a, context: {cluster: a}}\n", "/k/c");
  merge_into(without, incoming, {});
  EXPECT_EQ(without.current_context, "b");

  // Adopted through a rename: the name it ends up with.
  Kubeconfig clashing = parse_kubeconfig("contexts:\n- {name: b, context: {cluster: x}}\n", "/k/c");
  MergeOptions rename;
  rename.on_conflict = OnConflict::rename;
  merge_into(clashing, incoming, rename);
  EXPECT_EQ(clashing.current_context, "b-2");
}

TEST(MergeInto, AdoptingCurrentContextCanBeTurnedOff) {
  const Kubeconfig incoming = parse_kubeconfig(
      "contexts:\n- {name: b, context: {cluster: b}}\ncurrent-context: b\n", "/k/in.yaml");
  Kubeconfig target = parse_kubeconfig("contexts:\n- {name: a, context: {cluster: a}}\n", "/k/c");
  MergeOptions options;
  options.adopt_current_context = false;
  const MergeReport report = merge_into(target, incoming, options);
  EXPECT_EQ(target.current_context, "");
  EXPECT_EQ(names(target.contexts), (std::vector<std::string>{"a", "b"}));
  // What the caller may switch to instead.
  EXPECT_EQ(report.incoming_current_context, "b");
  EXPECT_EQ(to_yaml(target).find("current-context: b"), std::string::npos);
}

TEST(MergeInto, ReportNamesIncomingCurrentContextAsMerged) {
  const Kubeconfig incoming = parse_kubeconfig(
      "contexts:\n- {name: b, context: {cluster: b}}\ncurrent-context: b\n", "/k/in.yaml");
  const auto merged_name = [&](const std::string& target_yaml, const MergeOptions& options) {
    Kubeconfig target = parse_kubeconfig(target_yaml, "/k/c");
    return merge_into(target, incoming, options).incoming_current_context;
  };
  MergeOptions plain;
  EXPECT_EQ(merged_name("current-context: a\n", plain), "b");
  // Already there with the same content: nothing merged, still the one to switch to.
  EXPECT_EQ(merged_name("contexts:\n- {name: b, context: {cluster: b}}\n", plain), "b");
  MergeOptions prefixed;
  prefixed.prefix = "vc-";
  prefixed.on_conflict = OnConflict::rename;
  EXPECT_EQ(merged_name("current-context: a\n", prefixed), "vc-b");
  EXPECT_EQ(merged_name("contexts:\n- {name: vc-b, context: {cluster: x}}\n", prefixed), "vc-b-2");
  MergeOptions overwrite;
  overwrite.on_conflict = OnConflict::overwrite;
  EXPECT_EQ(merged_name("contexts:\n- {name: b, context: {cluster: x}}\n", overwrite), "b");

  // A current-context incoming does not define, or none at all: nothing to switch to.
  Kubeconfig target = parse_kubeconfig("clusters: []\n", "/k/c");
  const Kubeconfig dangling = parse_kubeconfig(
      "contexts:\n- {name: b, context: {cluster: b}}\ncurrent-context: elsewhere\n", "/k/in");
  EXPECT_EQ(merge_into(target, dangling, {}).incoming_current_context, "");
  const Kubeconfig none =
      parse_kubeconfig("contexts:\n- {name: c, context: {cluster: c}}\n", "/k/in");
  EXPECT_EQ(merge_into(target, none, {}).incoming_current_context, "");
}

TEST(MergeInto, TopLevelExtensionsMergeByNameFirstWins) {
  Kubeconfig target = parse_kubeconfig(R"(
extensions:
- {name: shared, extension: {from: target}}
preferences:
  extensions:
  - {name: p-shared, extension: {from: target}}
unknown: {extensions: [target-only]}
)",
                                       "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
extensions:
- {name: shared, extension: {from: incoming}}
- {name: theirs, extension: {from: incoming}}
preferences:
  colors: true
  extensions:
  - {name: p-theirs, extension: {from: incoming}}
  - {name: p-shared, extension: {from: incoming}}
unknown: {extensions: [incoming-only]}
)",
                                               "/k/in.yaml");
  merge_into(target, incoming, {});
  const Kubeconfig written = parse_kubeconfig(to_yaml(target), "/k/config");
  const auto& top = written.extra["extensions"];
  ASSERT_EQ(top.size(), 2u) << top.dump();
  EXPECT_EQ(top[0]["name"], "shared");
  EXPECT_EQ(top[0]["extension"]["from"], "target");
  EXPECT_EQ(top[1]["name"], "theirs");
  const auto& preferences = written.extra["preferences"];
  EXPECT_EQ(preferences["colors"], true);
  ASSERT_EQ(preferences["extensions"].size(), 2u) << preferences.dump();
  EXPECT_EQ(preferences["extensions"][0]["extension"]["from"], "target");
  EXPECT_EQ(preferences["extensions"][1]["name"], "p-theirs");
  // An array in an unknown field is one value: the first wins whole.
  EXPECT_EQ(written.extra["unknown"]["extensions"], nlohmann::json::array({"target-only"}));
}

TEST(MergeInto, SameOriginRefreshesWithoutCollision) {
  Kubeconfig target = parse_kubeconfig(R"(
clusters:
- {name: vc, cluster: {server: https://vc:6443, certificate-authority-data: b2xk}}
users:
- {name: vc-admin, user: {token: old-token}}
- {name: other, user: {token: other-token}}
)",
                                       "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: vc, cluster: {server: https://vc:6443, certificate-authority-data: bmV3}}
users:
- {name: vc-admin, user: {token: new-token}}
- {name: other, user: {token: different}}
)",
                                               "/k/in.yaml");
  std::vector<std::string> seen;
  MergeOptions options;
  options.same_origin = [&](const std::string& kind, const nlohmann::json& existing,
                            const nlohmann::json& incoming_raw) {
    seen.push_back(kind + ":" + existing.dump() + "|" + incoming_raw.dump());
    return kind == "cluster" && existing["server"] == incoming_raw["server"];
  };
  try {
    merge_into(target, incoming, options);
    FAIL() << "expected the users to conflict";
  } catch (const MergeConflictError& e) {
    // The cluster is the same virtual cluster: no collision. The users are not recognised.
    ASSERT_EQ(e.collisions().size(), 2u);
    EXPECT_EQ(e.collisions()[0].name, "vc-admin");
    EXPECT_EQ(e.collisions()[1].name, "other");
  }
  // The callback sees each entry's content as written, credentials left out.
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_NE(seen[0].find("\"certificate-authority-data\":\"b2xk\""), std::string::npos);
  for (const auto& s : seen) EXPECT_EQ(s.find("token"), std::string::npos) << s;

  // The same, with a callback that recognises both entries of the virtual cluster.
  options.same_origin = [](const std::string& kind, const nlohmann::json& existing,
                           const nlohmann::json& incoming_raw) {
    return kind == "cluster" ? existing["server"] == incoming_raw["server"] : false;
  };
  Kubeconfig target2 = parse_kubeconfig(
      "clusters:\n- {name: vc, cluster: {server: https://vc:6443, "
      "certificate-authority-data: b2xk}}\n",
      "/k/config");
  const MergeReport report = merge_into(target2, incoming, options);
  EXPECT_EQ(target2.find_cluster("vc")->value.certificate_authority_data, "new");
  ASSERT_EQ(report.overwritten.size(), 1u);
  EXPECT_EQ(report.overwritten[0].kind, "cluster");
}

TEST(MergeInto, RelativePathsKeepNamingTheSameFiles) {
  Kubeconfig target = parse_kubeconfig("clusters: []\n", "/home/u/.kube/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: c, cluster: {server: https://c, certificate-authority: ca.crt}}
users:
- name: u
  user:
    client-certificate: certs/u.crt
    client-key: certs/u.key
    tokenFile: ../tok
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin}
- name: bare
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin}
- {name: absolute, user: {client-key: /etc/k.key}}
)",
                                               "/srv/vc/in.yaml");
  merge_into(target, incoming, {});
  const Kubeconfig written = parse_kubeconfig(to_yaml(target), "/home/u/.kube/config");
  EXPECT_EQ(written.find_cluster("c")->raw["certificate-authority"], "/srv/vc/ca.crt");
  const auto& u = written.find_user("u")->raw;
  EXPECT_EQ(u["client-certificate"], "/srv/vc/certs/u.crt");
  EXPECT_EQ(u["client-key"], "/srv/vc/certs/u.key");
  EXPECT_EQ(u["tokenFile"], "/srv/tok");
  EXPECT_EQ(u["exec"]["command"], "/srv/vc/bin/plugin");
  // Commands without a '/' are looked up on PATH and stay bare.
  EXPECT_EQ(written.find_user("bare")->raw["exec"]["command"], "kubelogin");
  EXPECT_EQ(written.find_user("absolute")->raw["client-key"], "/etc/k.key");
}

TEST(MergeInto, RelativePathsInTheSameDirectoryKeepTheirSpelling) {
  Kubeconfig target = parse_kubeconfig("clusters: []\n", "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(
      "clusters:\n- {name: c, cluster: {certificate-authority: ca.crt}}\n", "/k/in.yaml");
  merge_into(target, incoming, {});
  const Kubeconfig written = parse_kubeconfig(to_yaml(target), "/k/config");
  EXPECT_EQ(written.find_cluster("c")->raw["certificate-authority"], "ca.crt");
}

TEST(MergeInto, UnknownFieldsAndExtensionsSurviveOnBothSides) {
  Kubeconfig target = parse_kubeconfig(R"(
preferences: {colors: true}
clusters:
- name: mine
  cluster:
    server: https://mine
    futureField: 1
    extensions: [{name: mine-ext, extension: {a: 1}}]
)",
                                       "/k/config");
  const Kubeconfig incoming = parse_kubeconfig(R"(
extensions: [{name: top, extension: {x: 1}}]
preferences: {colors: false, extra: y}
clusters:
- name: theirs
  cluster:
    server: https://theirs
    disable-compression: true
    extensions: [{name: their-ext, extension: {b: [1, 2]}}]
users:
- name: u
  user: {as: someone, exec: {apiVersion: v1, command: x, futureField: [1]}}
contexts:
- {name: c, context: {cluster: theirs, user: u, extensions: [{name: e, extension: {}}]}}
)",
                                               "/k/in.yaml");
  merge_into(target, incoming, {});
  const Kubeconfig written = parse_kubeconfig(to_yaml(target), "/k/config");
  EXPECT_EQ(written.find_cluster("mine")->raw["futureField"], 1);
  EXPECT_EQ(written.find_cluster("mine")->raw["extensions"][0]["name"], "mine-ext");
  EXPECT_EQ(written.find_cluster("theirs")->raw["disable-compression"], true);
  EXPECT_EQ(written.find_cluster("theirs")->raw["extensions"][0]["extension"]["b"][1], 2);
  EXPECT_EQ(written.find_user("u")->raw["as"], "someone");
  EXPECT_EQ(written.find_user("u")->raw["exec"]["futureField"][0], 1);
  EXPECT_EQ(written.find_context("c")->raw["extensions"][0]["name"], "e");
  // Top level: the target's values first, the incoming ones fill in (as kubectl config view).
  EXPECT_EQ(written.extra["preferences"]["colors"], true);
  EXPECT_EQ(written.extra["preferences"]["extra"], "y");
  EXPECT_EQ(written.extra["extensions"][0]["name"], "top");
}

TEST(MergeInto, FiveHundredIntoFiveHundredStaysFast) {
  std::string existing = "clusters:\n", incoming = "clusters:\n";
  for (int i = 0; i < 500; ++i) {
    existing += "- {name: c" + std::to_string(i) + ", cluster: {server: https://s" +
                std::to_string(i) + "}}\n";
    // Half identical, half new.
    const int j = i % 2 == 0 ? i : i + 1000;
    incoming += "- {name: c" + std::to_string(j) + ", cluster: {server: https://s" +
                std::to_string(j) + "}}\n";
  }
  Kubeconfig target = parse_kubeconfig(existing, "/k/config");
  const Kubeconfig in = parse_kubeconfig(incoming, "/k/in.yaml");
  const auto start = std::chrono::steady_clock::now();
  const MergeReport report = merge_into(target, in, {});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(report.unchanged, 250);
  EXPECT_EQ(target.clusters.size(), 750u);
  // Quadratic work (or one YAML rendering per pair) would take far longer.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

}  // namespace
}  // namespace kraft::config

namespace kraft::config {
namespace {

// A failed merge is undone in place (not merged into a copy): entries replaced by same_origin
// before the collision was found come back, appended ones go.
TEST(MergeInto, AFailedMergeUndoesReplacementsAndAppends) {
  Kubeconfig target = parse_kubeconfig(kTarget, "/home/u/.kube/config");
  const std::string before = to_yaml(target);
  const Kubeconfig incoming = parse_kubeconfig(R"(
clusters:
- {name: dev, cluster: {server: https://dev-new:6443}}
- {name: fresh, cluster: {server: https://fresh}}
users:
- {name: admin, user: {token: other-token}}
contexts:
- {name: brand-new, context: {cluster: fresh, user: admin}}
current-context: brand-new
)",
                                               "/tmp/in.yaml");
  MergeOptions options;
  // Clusters count as the same origin (replaced); the user is a collision.
  options.same_origin = [](const std::string& kind, const nlohmann::json&, const nlohmann::json&) {
    return kind == "cluster";
  };
  EXPECT_THROW(merge_into(target, incoming, options), MergeConflictError);
  EXPECT_EQ(to_yaml(target), before);
}

}  // namespace
}  // namespace kraft::config
