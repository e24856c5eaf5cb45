// load_client_config: the kubeconfig when there is one, else the in-cluster service account
// (rest.InClusterConfig), else a clear error.
#include <gtest/gtest.h>
#include <kraft/config/errors.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <unistd.h>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::ScopedEnv;
using kraft::testing::TempDir;

class InCluster : public ::testing::Test {
 protected:
  InCluster() {
    sa_ = dir_.path() + "/sa";
    dir_.write("sa/token", "sa-token\n");
    dir_.write("sa/ca.crt", "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n");
    dir_.write("sa/namespace", "kraft-system");
    rules_.default_path = dir_.path() + "/no-such-kubeconfig";
    rules_.service_account_dir = sa_;
  }
  TempDir dir_;
  std::string sa_;
  LoadingRules rules_;
  ScopedEnv host_{"KUBERNETES_SERVICE_HOST", "10.0.0.1"};
  ScopedEnv port_{"KUBERNETES_SERVICE_PORT", "443"};
  ScopedEnv pod_ns_{"POD_NAMESPACE", std::nullopt};
};

TEST_F(InCluster, UsesTheServiceAccountWhenNoKubeconfigExists) {
  const auto cfg = load_client_config(rules_, {});
  EXPECT_EQ(cfg.server, "https://10.0.0.1:443");
  EXPECT_EQ(cfg.token.reveal(), "sa-token");
  EXPECT_EQ(cfg.token_file, sa_ + "/token");
  EXPECT_NE(cfg.ca_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  EXPECT_EQ(cfg.ns, "kraft-system");
  EXPECT_EQ(cfg.context, "");
}

TEST_F(InCluster, NamespaceOverrideAndPodNamespaceWin) {
  {
    ScopedEnv pod("POD_NAMESPACE", "from-env");
    EXPECT_EQ(load_client_config(rules_, {}).ns, "from-env");
    Overrides o;
    o.ns = "from-flag";
    EXPECT_EQ(load_client_config(rules_, o).ns, "from-flag");
  }
}

TEST_F(InCluster, BracketsIpv6Hosts) {
  ScopedEnv host("KUBERNETES_SERVICE_HOST", "fd00::1");
  EXPECT_EQ(load_client_config(rules_, {}).server, "https://[fd00::1]:443");
}

TEST_F(InCluster, AKubeconfigWinsOverTheServiceAccount) {
  rules_.default_path =
      dir_.write("config",
                 "current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n"
                 "clusters: [{name: c, cluster: {server: https://kubeconfig:1}}]\n");
  EXPECT_EQ(load_client_config(rules_, {}).server, "https://kubeconfig:1");
}

TEST_F(InCluster, NotUsedWithoutTheServiceEnvironment) {
  ScopedEnv port("KUBERNETES_SERVICE_PORT", std::nullopt);
  try {
    load_client_config(rules_, {});
    FAIL() << "no error";
  } catch (const NotConfiguredError& e) {
    EXPECT_EQ(std::string(e.what()),
              "no Kubernetes configuration found: no kubeconfig (" + dir_.path() +
                  "/no-such-kubeconfig) and not running in a cluster "
                  "(KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT unset); set KUBECONFIG or "
                  "name a kubeconfig file");
  }
}

TEST_F(InCluster, AnExplicitMissingKubeconfigIsAnErrorEvenInACluster) {
  rules_.explicit_path = dir_.path() + "/gone";
  try {
    load_client_config(rules_, {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "kubeconfig " + dir_.path() + "/gone does not exist");
  }
}

// The service account's files are a few kilobytes; what is larger is not read whole.
TEST_F(InCluster, ServiceAccountFilesAreReadOnlyUpTo1MiB) {
  for (const std::string name : {"token", "ca.crt", "namespace"}) {
    const std::string path = sa_ + "/" + name;
    const std::string kept = kraft::testing::bytes_of(path);
    ASSERT_EQ(::truncate(path.c_str(), (off_t{1} << 20) + 1), 0);  // sparse: takes no room
    const std::string what = name == "token" ? "token" : name == "ca.crt" ? "CA" : "namespace";
    EXPECT_EQ(kraft::testing::message_of([&] { load_client_config(rules_, {}); }),
              "in-cluster service account " + what + " " + path +
                  " is larger than 1 MiB; kraft reads at most 1 MiB");
    dir_.write("sa/" + name, kept);
  }
}

}  // namespace
}  // namespace kraft::config
