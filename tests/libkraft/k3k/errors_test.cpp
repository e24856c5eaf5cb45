// The error type each K3k operation throws where a program would tell failures apart, and the
// object it names: K3k missing, a namespace still going away, a taken host, a cluster that is
// being deleted, a name that exists or does not.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/errors.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/test_support/server_client.h"
#include "k3k/test_support/host_fixture.h"
#include "test_apiserver.h"

namespace kraft::k3k::testing {
namespace {

using api::testing::admin_config;
using kraft::testing::TestApiServer;
using kraft::testing::TestApiServerOptions;

ClusterRequest named(const std::string& name, const std::string& ns = "") {
  ClusterRequest r;
  r.name = name;
  r.ns = ns;
  return r;
}

TestApiServerOptions only_k3k_crds() {
  TestApiServerOptions options;
  options.crd_files = kraft::testing::k3k_crd_files();
  return options;
}

class K3kErrors : public HostFixture {};

TEST_F(K3kErrors, RequireK3kPassesWhereK3kIsServed) { EXPECT_NO_THROW(require_k3k(client())); }

TEST(K3kErrorsWithoutK3k, RequireK3kThrowsNotInstalledNamingK3k) {
  TestApiServerOptions options;
  options.crd_files.clear();
  TestApiServer server(options);
  try {
    require_k3k(api::Client::connect(admin_config(server)));
    FAIL() << "no error";
  } catch (const NotInstalledError& e) {
    EXPECT_EQ(e.component(), "K3k");
    EXPECT_STREQ(e.what(),
                 "K3k is not installed on this host cluster (API group k3k.io/v1beta1 not found)");
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
  }
}

TEST(K3kErrorsWithoutTraefik, ATraefikExposureThrowsNotInstalledNamingTraefik) {
  TestApiServer server(only_k3k_crds());
  ClusterService service(api::Client::connect(admin_config(server)));
  ClusterRequest r = named("web");
  r.expose = ExposeMode::kTraefik;
  r.host = "web.example.com";
  try {
    service.create(r);
    FAIL() << "no error";
  } catch (const NotInstalledError& e) {
    EXPECT_EQ(e.component(), "Traefik");
    // The component() tells a front end what to offer; the message names no flag.
    EXPECT_STREQ(e.what(),
                 "traefik exposure needs Traefik's IngressRouteTCP (traefik.io/v1alpha1), which "
                 "this host cluster does not serve; install Traefik or expose the cluster by "
                 "ingress, nodeport or loadbalancer");
  }
}

TEST_F(K3kErrors, ANamespaceStillBeingDeletedIsRetryable) {
  make_namespace("team");
  // A finalizer nobody removes keeps the namespace Terminating.
  json held = api::testing::secret("held");
  held["metadata"]["finalizers"] = {"example.com/hold"};
  client().create(api::resources::secrets(), "team", held);
  client().remove(api::resources::namespaces(), "", "team");
  try {
    service_.create(named("demo", "team"));
    FAIL() << "no error";
  } catch (const NamespaceTerminatingError& e) {
    EXPECT_TRUE(e.retryable());
    EXPECT_EQ(e.object(), (ObjectRef{"namespaces", "", "team"}));
    EXPECT_STREQ(e.what(),
                 "namespace \"team\" is being deleted; wait until it is gone or choose another "
                 "namespace");
  }
  EXPECT_FALSE(client().get_opt(clusters(), "team", "demo"));
}

TEST_F(K3kErrors, AClusterThatExistsIsAlreadyExistsNamingIt) {
  service_.create(named("twice"));
  try {
    service_.create(named("twice"));
    FAIL() << "no error";
  } catch (const api::AlreadyExistsError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "k3k-twice", "twice"}));
  }
}

TEST_F(K3kErrors, AMissingClusterOrPolicyIsNotFound) {
  try {
    service_.get({"team", "nope"});
    FAIL() << "no error";
  } catch (const api::NotFoundError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "team", "nope"}));
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  }
  ClusterRequest r = named("p");
  r.policy = "nowhere";
  try {
    service_.create(r);
    FAIL() << "no error";
  } catch (const api::NotFoundError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"virtualclusterpolicies.k3k.io", "", "nowhere"}));
  }
}

TEST_F(K3kErrors, ATakenHostIsHostInUseNamingTheRoute) {
  ClusterRequest first = named("web");
  first.expose = ExposeMode::kTraefik;
  first.host = "web.example.com";
  service_.create(first);
  ClusterRequest second = named("web2");
  second.expose = ExposeMode::kTraefik;
  second.host = "web.example.com";
  try {
    service_.create(second);
    FAIL() << "no error";
  } catch (const HostInUseError& e) {
    EXPECT_EQ(e.host(), "web.example.com");
    EXPECT_NE(std::string(e.what()).find("choose another host name"), std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos) << e.what();
    EXPECT_EQ(e.object(), (ObjectRef{"ingressroutetcps.traefik.io", "k3k-web", "k3k-web-traefik"}));
  }
}

TEST(K3kErrorsWithoutController, ScalingAClusterBeingDeletedIsClusterDeleting) {
  TestApiServer server(only_k3k_crds());
  api::Client client = api::Client::connect(admin_config(server));
  client.create(api::resources::namespaces(), "", api::testing::namespace_object("team"));
  json held = api::testing::cluster("demo", {{"servers", 1}});
  held["metadata"]["finalizers"] = {"example.com/hold"};
  client.create(clusters(), "team", held);
  client.remove(clusters(), "team", "demo");
  try {
    ClusterService(client).scale({"team", "demo"}, {.servers = 2, .agents = std::nullopt});
    FAIL() << "no error";
  } catch (const ClusterDeletingError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "team", "demo"}));
  }
}

TEST(K3kDecode, AClusterOfTheWrongShapeIsADecodeErrorNamingIt) {
  json object = {{"apiVersion", "k3k.io/v1beta1"},
                 {"kind", "Cluster"},
                 {"metadata", {{"name", "demo"}, {"namespace", "team"}}},
                 {"spec", {{"servers", "three"}}}};
  try {
    Cluster::from_json(object);
    FAIL() << "no error";
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "team", "demo"}));
  }
  EXPECT_THROW(Cluster::from_json(json{{"kind", "Pod"}}), DecodeError);
}

}  // namespace
}  // namespace kraft::k3k::testing
