// K3k's policy controller as simulated: ResourceQuota and LimitRange k3k-POLICY in every
// namespace bound to a VirtualClusterPolicy, following the policy and the namespace's label.
#include <functional>

#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kPolicies = "/apis/k3k.io/v1beta1/virtualclusterpolicies";

json vcp_body(const std::string& name, const json& spec) {
  return {{"apiVersion", "k3k.io/v1beta1"},
          {"kind", "VirtualClusterPolicy"},
          {"metadata", {{"name", name}}},
          {"spec", spec}};
}

/// The first event of `type` about NS/NAME whose object satisfies `want` (null: none in 10 s).
json await_policy_object(
    TestClient::Watch& w, const std::string& type, const std::string& ns, const std::string& name,
    const std::function<bool(const json&)>& want = [](const json&) { return true; }) {
  while (auto e = w.next(10s)) {
    const json& o = (*e)["object"];
    if ((*e)["type"] == type && o["metadata"].value("namespace", "") == ns &&
        o["metadata"].value("name", "") == name && want(o)) {
      return o;
    }
  }
  return nullptr;
}

class K3kSimPolicy : public K3kSimTest {
 protected:
  const json quota_ = {
      {"hard", {{"pods", "10"}, {"requests.cpu", "2000m"}, {"limits.memory", "8Gi"}}}};
  const json limit_ = {{"limits",
                        {{{"type", "Container"},
                          {"default", {{"cpu", "500m"}, {"memory", "512Mi"}}},
                          {"defaultRequest", {{"cpu", "100m"}, {"memory", "128Mi"}}}}}}};
};

TEST_F(K3kSimPolicy, BoundNamespacesGetTheQuotaAndLimitRangeOfTheirPolicy) {
  auto created =
      client_.post(kPolicies, vcp_body("limited", {{"quota", quota_}, {"limit", limit_}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string policy_uid = created.json()["metadata"]["uid"];
  auto quotas = client_.watch_from_now("/api/v1/resourcequotas");
  auto limits = client_.watch_from_now("/api/v1/limitranges");
  ASSERT_EQ(
      client_
          .post("/api/v1/namespaces",
                {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata",
                  {{"name", "born"}, {"labels", {{"policy.k3k.io/policy-name", "limited"}}}}}})
          .status,
      201);

  const json rq = await_policy_object(*quotas, "ADDED", "born", "k3k-limited");
  ASSERT_FALSE(rq.is_null()) << "no ResourceQuota k3k-limited";
  EXPECT_EQ(rq["metadata"]["labels"],
            json({{"app.kubernetes.io/managed-by", "k3k-policy-controller"},
                  {"policy.k3k.io/policy-name", "limited"}}));
  EXPECT_TRUE(owned_by(rq, policy_uid)) << rq.dump();
  EXPECT_EQ(rq["spec"]["hard"],
            json({{"pods", "10"}, {"requests.cpu", "2"}, {"limits.memory", "8Gi"}}));
  const json lr = await_policy_object(*limits, "ADDED", "born", "k3k-limited");
  ASSERT_FALSE(lr.is_null()) << "no LimitRange k3k-limited";
  EXPECT_EQ(lr["spec"], limit_);
  EXPECT_TRUE(owned_by(lr, policy_uid));

  // A cluster in a namespace bound later: the quota counts its server and kubelet pods.
  create_ready("a", json::object());
  ASSERT_EQ(client_
                .patch("/api/v1/namespaces/team",
                       {{"metadata", {{"labels", {{"policy.k3k.io/policy-name", "limited"}}}}}})
                .status,
            200);
  const json counted =
      await_policy_object(*quotas, "MODIFIED", "team", "k3k-limited", [](const json& o) {
        return o.value("status", json::object()).value("used", json::object()).value("pods", "") ==
               "2";
      });
  EXPECT_FALSE(counted.is_null()) << "status.used.pods never counted the cluster's two pods";
  EXPECT_EQ(counted["status"]["hard"]["requests.cpu"], "2");
  EXPECT_EQ(counted["status"]["used"]["requests.cpu"], "0");
}

TEST_F(K3kSimPolicy, QuotaAndLimitsFollowThePolicyAndTheNamespaceLabel) {
  ASSERT_EQ(
      client_.post(kPolicies, vcp_body("limited", {{"quota", quota_}, {"limit", limit_}})).status,
      201);
  ASSERT_EQ(client_.post(kPolicies, vcp_body("open", json::object())).status, 201);
  auto quotas = client_.watch_from_now("/api/v1/resourcequotas");
  auto limits = client_.watch_from_now("/api/v1/limitranges");
  auto label = [&](const json& value) {
    auto r = client_.patch("/api/v1/namespaces/team",
                           {{"metadata", {{"labels", {{"policy.k3k.io/policy-name", value}}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
  };
  label("limited");
  ASSERT_FALSE(await_policy_object(*quotas, "ADDED", "team", "k3k-limited").is_null());
  ASSERT_FALSE(await_policy_object(*limits, "ADDED", "team", "k3k-limited").is_null());

  // The policy changes: a new hard limit, and no LimitRange any more.
  auto policy = client_.get(kPolicies + "/limited").json();
  policy["spec"]["quota"]["hard"]["pods"] = "5";
  policy["spec"].erase("limit");
  ASSERT_EQ(client_.put(kPolicies + "/limited", policy).status, 200);
  EXPECT_FALSE(await_policy_object(*quotas, "MODIFIED", "team", "k3k-limited", [](const json& o) {
                 return o["spec"]["hard"].value("pods", "") == "5";
               }).is_null());
  EXPECT_FALSE(await_policy_object(*limits, "DELETED", "team", "k3k-limited").is_null());

  // Bound to a policy without quota: the old policy's quota goes.
  label("open");
  EXPECT_FALSE(await_policy_object(*quotas, "DELETED", "team", "k3k-limited").is_null());

  // Bound again, then the policy is deleted: the garbage collector takes what it owned.
  label("limited");
  ASSERT_FALSE(await_policy_object(*quotas, "ADDED", "team", "k3k-limited").is_null());
  ASSERT_EQ(client_.del(kPolicies + "/limited").status, 200);
  EXPECT_FALSE(await_policy_object(*quotas, "DELETED", "team", "k3k-limited").is_null());
}

}  // namespace
}  // namespace kraft::testing
