// The scheduler's pod resource rule (component-helpers/resource helpers.go) on JSON pods.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/usage/pod_resources.h>

#include "usage/test_support/pods.h"

namespace kraft::usage {
namespace {

using namespace kraft::usage::testing;  // NOLINT(google-build-using-namespace)

std::string text(const Resources& r, std::string_view name) {
  auto it = r.find(name);
  return it == r.end() ? "<none>" : it->second.to_string();
}

json simple_pod(json containers, json inits = json::array()) {
  return pod("ns", "p", json::object(), std::move(containers), "Running", std::move(inits));
}

TEST(PodRequests, AppContainersAddUp) {
  json p = simple_pod({container("a", {{"cpu", "100m"}, {"memory", "64Mi"}}),
                       container("b", {{"cpu", "200m"}, {"memory", "128Mi"}})});
  Resources r = pod_requests(p);
  EXPECT_EQ(text(r, "cpu"), "300m");
  EXPECT_EQ(text(r, "memory"), "192Mi");
}

TEST(PodRequests, TheLargestInitContainerWinsPerResourceOverTheAppSum) {
  json p = simple_pod({container("app", {{"cpu", "300m"}, {"memory", "200Mi"}})},
                      {container("init-a", {{"cpu", "1"}, {"memory", "10Mi"}}),
                       container("init-b", {{"cpu", "500m"}, {"memory", "50Mi"}})});
  Resources r = pod_requests(p);
  EXPECT_EQ(text(r, "cpu"), "1");         // init-a's step
  EXPECT_EQ(text(r, "memory"), "200Mi");  // the app sum
}

TEST(PodRequests, SidecarsAddToTheAppsAndToEveryLaterInitStep) {
  // KEP-753: sidecar1 (100m), init2 (500m, runs beside sidecar1), sidecar3 (200m); app 100m.
  // Apps and sidecars: 100 + 100 + 200 = 400m; init2's step: 500 + 100 = 600m: the pod needs 600m.
  json p = simple_pod(
      {container("app", {{"cpu", "100m"}})},
      {sidecar(container("sidecar1", {{"cpu", "100m"}})), container("init2", {{"cpu", "500m"}}),
       sidecar(container("sidecar3", {{"cpu", "200m"}}))});
  EXPECT_EQ(text(pod_requests(p), "cpu"), "600m");
}

TEST(PodRequests, AnInitContainerBeforeTheSidecarsDoesNotRunBesideThem) {
  // init (500m) runs alone; then sidecar (200m) + app (400m) = 600m.
  json p = simple_pod(
      {container("app", {{"cpu", "400m"}})},
      {container("init", {{"cpu", "500m"}}), sidecar(container("sidecar", {{"cpu", "200m"}}))});
  EXPECT_EQ(text(pod_requests(p), "cpu"), "600m");
}

TEST(PodRequests, OverheadIsAddedToRequests) {
  json p = simple_pod({container("app", {{"cpu", "100m"}})});
  p["spec"]["overhead"] = {{"cpu", "250m"}, {"memory", "120Mi"}};
  Resources r = pod_requests(p);
  EXPECT_EQ(text(r, "cpu"), "350m");
  EXPECT_EQ(text(r, "memory"), "120Mi");
}

TEST(PodLimits, OverheadIsAddedOnlyToLimitsThatAreSet) {
  json p = simple_pod({container("app", {}, {{"cpu", "1"}})});
  p["spec"]["overhead"] = {{"cpu", "250m"}, {"memory", "120Mi"}};
  Resources r = pod_limits(p);
  EXPECT_EQ(text(r, "cpu"), "1250m");
  EXPECT_EQ(text(r, "memory"), "<none>");
}

TEST(PodLimits, MissingLimitsCountAsZeroAndAreReportedUnlimited) {
  json p = simple_pod({container("limited", {}, {{"cpu", "1"}, {"memory", "1Gi"}}),
                       container("free", {{"cpu", "100m"}})});
  Resources r = pod_limits(p);
  EXPECT_EQ(text(r, "cpu"), "1");
  EXPECT_EQ(text(r, "memory"), "1Gi");
  EXPECT_EQ(unlimited_resources(p), (std::set<std::string>{"cpu", "memory"}));
}

TEST(PodLimits, AnInitContainerWithoutALimitMakesThePodUnlimited) {
  json p = simple_pod({container("app", {}, {{"cpu", "1"}, {"memory", "1Gi"}})},
                      {container("init", {}, {{"memory", "1Gi"}})});
  EXPECT_EQ(unlimited_resources(p), (std::set<std::string>{"cpu"}));
}

TEST(PodRequests, MissingRequestsCountAsNothing) {
  json p = simple_pod({container("bare")});
  EXPECT_TRUE(pod_requests(p).empty());
  EXPECT_TRUE(pod_limits(p).empty());
  EXPECT_EQ(unlimited_resources(p), (std::set<std::string>{"cpu", "memory"}));
}

TEST(PodRequests, PodLevelResourcesReplaceTheContainerSums) {
  json p = simple_pod({container("a", {{"cpu", "100m"}, {"memory", "64Mi"}}, {{"cpu", "200m"}})});
  p["spec"]["resources"] = {{"requests", {{"cpu", "2"}}}, {"limits", {{"memory", "1Gi"}}}};
  EXPECT_EQ(text(pod_requests(p), "cpu"), "2");
  EXPECT_EQ(text(pod_requests(p), "memory"), "64Mi");
  EXPECT_EQ(text(pod_limits(p), "cpu"), "200m");
  EXPECT_EQ(text(pod_limits(p), "memory"), "1Gi");
  EXPECT_EQ(unlimited_resources(p), std::set<std::string>{});  // cpu set, memory at pod level
}

TEST(PodRequests, AResizeInProgressCountsTheLargerOfSpecAndStatus) {
  json p = simple_pod({container("app", {{"cpu", "1"}, {"memory", "1Gi"}}, {{"cpu", "1"}})});
  p["status"]["containerStatuses"] = {
      {{"name", "app"},
       {"allocatedResources", {{"cpu", "2"}, {"memory", "512Mi"}}},
       {"resources", {{"requests", {{"cpu", "1500m"}}}, {"limits", {{"cpu", "3"}}}}}}};
  EXPECT_EQ(text(pod_requests(p), "cpu"), "2");
  EXPECT_EQ(text(pod_requests(p), "memory"), "1Gi");
  EXPECT_EQ(text(pod_limits(p), "cpu"), "3");
}

TEST(PodRequests, AnInfeasibleResizeCountsWhatTheKubeletAllocated) {
  json p = simple_pod({container("app", {{"cpu", "4"}}, {{"cpu", "8"}})});
  p["status"]["containerStatuses"] = {{{"name", "app"}, {"allocatedResources", {{"cpu", "1"}}}}};
  p["status"]["conditions"] = {{{"type", "PodResizePending"}, {"reason", "Infeasible"}}};
  EXPECT_EQ(text(pod_requests(p), "cpu"), "1");
  EXPECT_EQ(text(pod_limits(p), "cpu"), "<none>");  // no actuated limits: nothing known
}

TEST(PodRequests, NumbersAreQuantitiesToo) {
  json p = simple_pod({container("app", {{"cpu", 2}, {"memory", 1.5}})});
  EXPECT_EQ(text(pod_requests(p), "cpu"), "2");
  EXPECT_EQ(text(pod_requests(p), "memory"), "1500m");
}

TEST(PodRequests, AValueThatIsNotAQuantityIsADecodeError) {
  json p = simple_pod({container("app", {{"cpu", "lots"}})});
  try {
    pod_requests(p);
    FAIL() << "no error";
  } catch (const DecodeError& e) {
    EXPECT_STREQ(e.what(), "resources.requests.cpu is not a quantity: \"lots\"");
  }
}

TEST(PodPhase, OnlySucceededAndFailedPodsAreTerminal) {
  for (const char* phase : {"Succeeded", "Failed"}) {
    EXPECT_TRUE(is_terminal(pod("ns", "p", json::object(), json::array(), phase))) << phase;
  }
  for (const char* phase : {"Pending", "Running", "Unknown", ""}) {
    EXPECT_FALSE(is_terminal(pod("ns", "p", json::object(), json::array(), phase))) << phase;
  }
}

TEST(ResourceSums, ExactAtAnySize) {
  Resources a{{"memory", Quantity::parse("1Ei")}};
  add_resources(a, {{"memory", Quantity::parse("1Ei")}, {"cpu", Quantity::parse("1n")}});
  EXPECT_EQ(text(a, "memory"), "2Ei");
  EXPECT_EQ(text(a, "cpu"), "1n");
  max_resources(a, {{"cpu", Quantity::parse("1m")}, {"memory", Quantity::parse("1")}});
  EXPECT_EQ(text(a, "cpu"), "1m");
  EXPECT_EQ(text(a, "memory"), "2Ei");
  EXPECT_EQ(amount(a, "gpu"), Quantity());
}

}  // namespace
}  // namespace kraft::usage
