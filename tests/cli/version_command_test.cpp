// kraft version and the global connection flags, against the test API server.
#include <gtest/gtest.h>
#include <kraft/version.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

TEST(KraftVersionCommand, ShowsClientServerAndK3k) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("Client Version: ") + KRAFT_VERSION_STRING +
                       "\nServer Version: v1.26.4\nK3k: installed (k3k.io/v1beta1)\n");
}

TEST(KraftVersionCommand, SaysWhenK3kIsNotInstalled) {
  TestApiServerOptions o;
  o.crd_files.clear();
  K3kHost env(without_controller(o));
  auto r = env.kraft({"version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("K3k: not installed (API group k3k.io/v1beta1 not found)"),
            std::string::npos)
      << r.out;
}

TEST(KraftVersionCommand, JsonOutputIsStable) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["clientVersion"]["version"], KRAFT_VERSION_STRING);
  EXPECT_EQ(doc["serverVersion"]["gitVersion"], "v1.26.4");
  EXPECT_EQ(doc["k3k"]["installed"], true);
}

TEST(KraftVersionCommand, ClientOnlyNeedsNoKubeconfig) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--client"}, {{"KUBECONFIG", "/nonexistent/config"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("Client Version: ") + KRAFT_VERSION_STRING + "\n");
}

TEST(KraftGlobalFlags, UnknownContextSaysWhereAndSuggests) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--context", "kraft-tst"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("context \"kraft-tst\" not found in " + env.kubeconfig().string()),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("did you mean \"kraft-test\"? (from --context)\n"), std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

// libkraft's messages name no flag; kraft adds the one to use.
TEST(KraftGlobalFlags, NoKubeconfigAtAllPointsAtKubeconfigFlag) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version"}, {{"KUBECONFIG", (env.home() / "none.yaml").string()}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("error: no Kubernetes configuration found: ", 0), 0u) << r.err;
  EXPECT_TRUE(r.err.ends_with("; set KUBECONFIG or name a kubeconfig file (--kubeconfig)\n"))
      << r.err;
}

TEST(KraftGlobalFlags, NoCurrentContextPointsAtContextFlag) {
  K3kHost env(without_controller());
  auto file = env.write("nocurrent.yaml", "contexts: [{name: a, context: {cluster: c}}]\n");
  auto r = env.kraft({"version", "--kubeconfig", file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "error: no context selected in " + file.string() +
                       ": current-context is not set and no context was chosen (contexts: a); "
                       "choose one with --context\n");
}

TEST(KraftGlobalFlags, MissingExplicitKubeconfigIsAnError) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--kubeconfig", (env.home() / "nope.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.yaml"), std::string::npos) << r.err;
}

TEST(KraftGlobalFlags, KubeconfigThatIsADirectoryIsOneClearLine) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--kubeconfig", env.home().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(env.home().string()), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(KraftGlobalFlags, MalformedYamlNamesTheFileAndLine) {
  K3kHost env(without_controller());
  auto bad = env.write("bad.yaml", "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: x\n");
  auto r = env.kraft({"version", "--kubeconfig", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("error: " + bad.string() + ":", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("malformed YAML"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(KraftGlobalFlags, Base64GarbageInDataFieldNamesTheEntry) {
  K3kHost env(without_controller());
  std::string kc = env.server().kubeconfig();
  auto at = kc.find("certificate-authority-data: ") + 28;
  kc.replace(at, kc.find('\n', at) - at, "'!!!not-base64!!!'");
  auto bad = env.write("bad64.yaml", kc);
  auto r = env.kraft({"version", "--kubeconfig", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("clusters[\"kraft-test\"].certificate-authority-data is not valid base64"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(KraftGlobalFlags, KubeconfigEnvListSkipsMissingFiles) {
  K3kHost env(without_controller());
  std::string list = (env.home() / "missing.yaml").string() + ":" + env.kubeconfig().string();
  auto r = env.kraft({"version"}, {{"KUBECONFIG", list}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KraftGlobalFlags, UnknownUserOverrideIsAnError) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--user", "nobody"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("error: user \"nobody\" not found in ", 0), 0u) << r.err;
  EXPECT_TRUE(r.err.ends_with(" (from --user)\n")) << r.err;
}

TEST(KraftGlobalFlags, BadRequestTimeoutIsAUsageError) {
  K3kHost env(without_controller());
  for (const char* bad : {"soon", ".s", "1.5.5s", "99999999999999999999", "9999999999999999h",
                          "-1s", "5x"}) {
    auto r = env.kraft({"version", "--request-timeout", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("invalid --request-timeout \"" + std::string(bad) + "\""),
              std::string::npos)
        << r.err;
  }
  EXPECT_EQ(env.kraft({"version", "--request-timeout", "1m30s"}).exit_code, 0);
}

TEST(KraftGlobalFlags, UnreachableServerIsOneLineNamingIt) {
  K3kHost env(without_controller());
  auto r = env.kraft({"version", "--server", "https://127.0.0.1:1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("127.0.0.1:1"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(KraftGlobalFlags, WrongCertificateAuthorityIsRefusedNamingTheServer) {
  K3kHost env(without_controller());
  TestApiServer other;  // a server whose certificate our kubeconfig's CA did not sign
  auto r = env.kraft({"version", "--server", other.url()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(other.url()), std::string::npos) << r.err;
  // Skipping verification gets past TLS; the other server then refuses our certificate.
  auto insecure = env.kraft({"version", "--server", other.url(), "--insecure-skip-tls-verify"});
  EXPECT_EQ(insecure.exit_code, 1);
  EXPECT_NE(insecure.err.find("Unauthorized"), std::string::npos) << insecure.err;
}

TEST(KraftGlobalFlags, VerboseLogsRequestsButNeverTheToken) {
  K3kHost env(without_controller());
  const std::string token = "sekr1t-t0ken-value-123";
  env.server().access().add_token(token, UserInfo{"admin", {"system:masters"}});
  auto kc = env.write("token.yaml", env.server().kubeconfig_with_token(token));
  for (const char* level : {"6", "7", "8", "10"}) {
    auto r = env.kraft({"version", "--kubeconfig", kc.string(), "-v", level});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("GET " + env.server().url() + "/version"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(token), std::string::npos) << "token leaked at -v " << level;
    EXPECT_EQ(r.out.find(token), std::string::npos);
  }
}

}  // namespace
}  // namespace kraft::testing
