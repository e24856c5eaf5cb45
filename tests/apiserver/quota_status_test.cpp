// ResourceQuota status as kube-controller-manager's quota controller computes it
// (tests/support/apiserver/quota_usage.h), and the Pod defaulting it depends on.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json pod_with(const std::string& name, const json& spec) {
  return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

json requests_and_limits(const json& requests, const json& limits = nullptr) {
  json r = json::object();
  if (!requests.is_null()) r["requests"] = requests;
  if (!limits.is_null()) r["limits"] = limits;
  return r;
}

class QuotaStatus : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  void create(const std::string& collection, const json& body) {
    auto r = client_.post(kTeamCore + collection, body);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  /// The quota's status once status.used equals `used` (the last status seen otherwise).
  json await_used(TestClient::Watch& w, const json& used) {
    json last;
    while (auto e = w.next(10s)) {
      last = (*e)["object"].value("status", json::object());
      if (last.value("used", json()) == used) break;
    }
    return last;
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(QuotaStatus, CountsPodsAsTheSchedulerSeesThemAndSkipsEndedOnes) {
  // p1: plain requests and limits, plus an extended resource.
  create("pods",
         pod_with("p1",
                  {{"containers",
                    {{{"name", "c"},
                      {"resources",
                       requests_and_limits(
                           {{"cpu", "100m"}, {"memory", "128Mi"}, {"nvidia.com/gpu", "1"}},
                           {{"cpu", "200m"}, {"memory", "256Mi"}, {"nvidia.com/gpu", "1"}})}}}}}));
  // p2: an init container asking for more CPU than the app containers together.
  create("pods",
         pod_with("p2",
                  {{"containers",
                    {{{"name", "a"},
                      {"resources", requests_and_limits({{"cpu", "250m"}, {"memory", "64Mi"}})}},
                     {{"name", "b"}, {"resources", requests_and_limits({{"cpu", "250m"}})}}}},
                   {"initContainers",
                    {{{"name", "init"},
                      {"resources", requests_and_limits({{"cpu", "1"}, {"memory", "32Mi"}})}}}}}));
  // p3 has ended: only count/pods still charges it.
  create("pods",
         pod_with("p3", {{"containers",
                          {{{"name", "c"}, {"resources", requests_and_limits({{"cpu", "5"}})}}}}}));
  ASSERT_EQ(
      client_.patch(kTeamCore + "pods/p3/status", {{"status", {{"phase", "Succeeded"}}}}).status,
      200);
  // p4: limits only; its requests default to them.
  create(
      "pods",
      pod_with("p4", {{"containers",
                       {{{"name", "c"},
                         {"resources", requests_and_limits(
                                           nullptr, {{"cpu", "300m"}, {"memory", "100Mi"}})}}}}}));
  create("persistentvolumeclaims", {{"apiVersion", "v1"},
                                    {"kind", "PersistentVolumeClaim"},
                                    {"metadata", {{"name", "data"}}},
                                    {"spec",
                                     {{"storageClassName", "fast"},
                                      {"accessModes", {"ReadWriteOnce"}},
                                      {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}});
  create("services",
         {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", {{"name", "np"}}},
          {"spec",
           {{"type", "NodePort"},
            {"ports", {{{"name", "a"}, {"port", 80}}, {{"name", "b"}, {"port", 443}}}}}}});

  const json hard = {{"pods", "10"},
                     {"count/pods", "10"},
                     {"cpu", "4"},
                     {"memory", "4Gi"},
                     {"requests.cpu", "4"},
                     {"requests.memory", "4Gi"},
                     {"limits.cpu", "4000m"},
                     {"limits.memory", "8Gi"},
                     {"requests.nvidia.com/gpu", "2"},
                     {"requests.storage", "10Gi"},
                     {"persistentvolumeclaims", "5"},
                     {"fast.storageclass.storage.k8s.io/requests.storage", "5Gi"},
                     {"services", "5"},
                     {"services.nodeports", "5"},
                     {"count/deployments.apps", "3"},
                     {"configmaps", "5"},
                     {"example.com/widgets", "3"}};
  const json used = {{"pods", "3"},
                     {"count/pods", "4"},
                     {"cpu", "1400m"},
                     {"memory", "292Mi"},
                     {"requests.cpu", "1400m"},
                     {"requests.memory", "292Mi"},
                     {"limits.cpu", "500m"},
                     {"limits.memory", "356Mi"},
                     {"requests.nvidia.com/gpu", "1"},
                     {"requests.storage", "1Gi"},
                     {"persistentvolumeclaims", "1"},
                     {"fast.storageclass.storage.k8s.io/requests.storage", "1Gi"},
                     {"services", "1"},
                     {"services.nodeports", "2"},
                     {"count/deployments.apps", "0"},
                     {"configmaps", "1"}};
  auto w = client_.watch_from_now(kTeamCore + "resourcequotas");
  create("resourcequotas", {{"apiVersion", "v1"},
                            {"kind", "ResourceQuota"},
                            {"metadata", {{"name", "q"}}},
                            {"spec", {{"hard", hard}}}});
  const json status = await_used(*w, used);
  EXPECT_EQ(status.value("used", json()), used)
      << "requests: p1 100m + p2 max(250m+250m, init 1) + p4 300m; p3 Succeeded; "
         "no evaluator knows example.com/widgets";
  json canonical_hard = hard;
  canonical_hard["limits.cpu"] = "4";
  EXPECT_EQ(status.value("hard", json()), canonical_hard);
  EXPECT_EQ(client_.get(kTeamCore + "resourcequotas/q").json()["spec"]["hard"]["limits.cpu"], "4")
      << "the decoder stores quantities in canonical form";

  // An ended pod stops counting when it ends.
  const json ended_used = [&] {
    json u = used;
    u["pods"] = "2";
    u["cpu"] = u["requests.cpu"] = "400m";
    u["memory"] = u["requests.memory"] = "228Mi";
    u["limits.cpu"] = "500m";
    return u;
  }();
  ASSERT_EQ(client_.patch(kTeamCore + "pods/p2/status", {{"status", {{"phase", "Failed"}}}}).status,
            200);
  EXPECT_EQ(await_used(*w, ended_used).value("used", json()), ended_used);
}

TEST_F(QuotaStatus, PodsGetRequestsFromLimitsAndTheirQosClass) {
  create("pods",
         pod_with("guaranteed",
                  {{"containers",
                    {{{"name", "c"},
                      {"resources",
                       requests_and_limits(nullptr, {{"cpu", "0.5"}, {"memory", "1Gi"}})}}}}}));
  create("pods",
         pod_with("burstable",
                  {{"containers",
                    {{{"name", "c"}, {"resources", requests_and_limits({{"cpu", "100m"}})}}}}}));
  create("pods", pod_with("besteffort", {{"containers", {{{"name", "c"}}}}}));
  json g = client_.get(kTeamCore + "pods/guaranteed").json();
  EXPECT_EQ(g["spec"]["containers"][0]["resources"]["requests"],
            json({{"cpu", "500m"}, {"memory", "1Gi"}}));
  EXPECT_EQ(g["spec"]["containers"][0]["resources"]["limits"]["cpu"], "500m");
  EXPECT_EQ(g["status"]["qosClass"], "Guaranteed");
  EXPECT_EQ(client_.get(kTeamCore + "pods/burstable").json()["status"]["qosClass"], "Burstable");
  EXPECT_EQ(client_.get(kTeamCore + "pods/besteffort").json()["status"]["qosClass"], "BestEffort");
}

}  // namespace
}  // namespace kraft::testing
