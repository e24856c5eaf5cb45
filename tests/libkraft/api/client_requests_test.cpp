// What each verb sends and how it reads the answer, against a scripted transport.
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"
#include "api/test_support/server_client.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::FakeTransport;
using testing::header_of;
using testing::status_body;

using testing::clusters;

class ClientRequests : public ::testing::Test {
 protected:
  ClientRequests() : client_(fake_, config()) {}
  static config::ClientConfig config() {
    config::ClientConfig c;
    c.server = "https://api:6443";
    c.token = Secret("t0k3n");
    c.request_timeout = std::chrono::seconds(7);
    return c;
  }
  http::Request last() const { return fake_->requests().back(); }

  std::shared_ptr<FakeTransport> fake_ = std::make_shared<FakeTransport>();
  Client client_;
};

TEST_F(ClientRequests, GetSendsTheTokenAndAcceptsJson) {
  fake_->then_json(200, {{"metadata", {{"name", "a"}}}});
  json a = client_.get(clusters(), "ns", "a");
  EXPECT_EQ(a["metadata"]["name"], "a");
  EXPECT_EQ(last().method, "GET");
  EXPECT_EQ(last().url, "https://api:6443/apis/k3k.io/v1beta1/namespaces/ns/clusters/a");
  EXPECT_EQ(header_of(last(), "Authorization"), "Bearer t0k3n");
  EXPECT_EQ(header_of(last(), "Accept"), "application/json");
  EXPECT_EQ(last().timeout, std::chrono::seconds(7));
}

TEST_F(ClientRequests, GetOptTurnsNotFoundIntoNothing) {
  fake_->then(404, "404 page not found", {{"Content-Type", "text/plain"}});
  EXPECT_FALSE(client_.get_opt(clusters(), "ns", "a"));
}

TEST_F(ClientRequests, GetOptStillThrowsOtherErrors) {
  fake_->then_json(403, status_body(403, "Forbidden", "no"));
  EXPECT_THROW(client_.get_opt(clusters(), "ns", "a"), ApiError);
}

TEST_F(ClientRequests, CreatePostsWithFieldManagerAndStrictValidation) {
  fake_->then_json(201, {{"metadata", {{"name", "a"}}}});
  json object = {{"metadata", {{"name", "a"}}}, {"spec", {{"servers", 1}}}};
  client_.create(clusters(), "ns", object);
  EXPECT_EQ(last().method, "POST");
  EXPECT_EQ(last().url,
            "https://api:6443/apis/k3k.io/v1beta1/namespaces/ns/clusters"
            "?fieldManager=kraft&fieldValidation=Strict");
  EXPECT_EQ(header_of(last(), "Content-Type"), "application/json");
  EXPECT_EQ(json::parse(last().body), object);
}

TEST_F(ClientRequests, DryRunAndALaxWriteAreSpelledOut) {
  fake_->then_json(201, json::object());
  WriteOptions o;
  o.dry_run = true;
  o.strict = false;
  o.field_manager = "me";
  client_.create(resources::namespaces(), "", {{"metadata", {{"name", "x"}}}}, o);
  EXPECT_EQ(last().url, "https://api:6443/api/v1/namespaces?dryRun=All&fieldManager=me");
}

TEST_F(ClientRequests, ReplacePutsToTheObjectsName) {
  fake_->then_json(200, json::object());
  client_.replace(clusters(), "ns", {{"metadata", {{"name", "a"}, {"resourceVersion", "5"}}}});
  EXPECT_EQ(last().method, "PUT");
  EXPECT_EQ(last().url,
            "https://api:6443/apis/k3k.io/v1beta1/namespaces/ns/clusters/a"
            "?fieldManager=kraft&fieldValidation=Strict");
}

TEST_F(ClientRequests, ReplaceWithoutANameIsRefusedBeforeSending) {
  EXPECT_THROW(client_.replace(clusters(), "ns", {{"spec", json::object()}}), ValidationError);
  EXPECT_TRUE(fake_->requests().empty());
}

TEST_F(ClientRequests, ReplaceSurfacesAStaleVersionAsAConflict) {
  fake_->then_json(409, status_body(409, "Conflict", "the object has been modified"));
  try {
    client_.replace(clusters(), "ns", {{"metadata", {{"name", "a"}}}});
    FAIL() << "no conflict";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_conflict());
  }
}

TEST_F(ClientRequests, EachPatchTypeHasItsContentType) {
  fake_->then_json(200, json::object())
      .then_json(200, json::object())
      .then_json(200, json::object());
  client_.patch(clusters(), "ns", "a", {{"spec", {{"servers", 2}}}});
  EXPECT_EQ(header_of(last(), "Content-Type"), "application/merge-patch+json");
  PatchOptions o;
  o.type = PatchType::kJson;
  client_.patch(clusters(), "ns", "a", json::array(), o);
  EXPECT_EQ(header_of(last(), "Content-Type"), "application/json-patch+json");
  o.type = PatchType::kApply;
  o.force = true;
  o.subresource = "status";
  client_.patch(clusters(), "ns", "a", json::object(), o);
  EXPECT_EQ(header_of(last(), "Content-Type"), "application/apply-patch+yaml");
  EXPECT_EQ(last().url,
            "https://api:6443/apis/k3k.io/v1beta1/namespaces/ns/clusters/a/status"
            "?fieldManager=kraft&fieldValidation=Strict&force=true");
}

TEST_F(ClientRequests, ForceIsOnlySentWithApply) {
  fake_->then_json(200, json::object());
  PatchOptions o;
  o.force = true;
  client_.patch(clusters(), "ns", "a", json::object(), o);
  EXPECT_EQ(last().url.find("force"), std::string::npos);
}

TEST_F(ClientRequests, DeleteSendsPropagationAndPreconditionsInTheBody) {
  fake_->then_json(200, status_body(200, "", ""));
  DeleteOptions o;
  o.propagation_policy = "Foreground";
  o.precondition_uid = "u-1";
  o.precondition_resource_version = "42";
  o.dry_run = true;
  EXPECT_FALSE(client_.remove(clusters(), "ns", "a", o));
  EXPECT_EQ(last().method, "DELETE");
  EXPECT_EQ(last().url, "https://api:6443/apis/k3k.io/v1beta1/namespaces/ns/clusters/a?dryRun=All");
  json body = json::parse(last().body);
  EXPECT_EQ(body["kind"], "DeleteOptions");
  EXPECT_EQ(body["propagationPolicy"], "Foreground");
  EXPECT_EQ(body["preconditions"]["uid"], "u-1");
  EXPECT_EQ(body["preconditions"]["resourceVersion"], "42");
}

TEST_F(ClientRequests, DeleteHeldByFinalizersReturnsTheObject) {
  json held = {
      {"metadata",
       {{"name", "a"}, {"deletionTimestamp", "2026-01-01T00:00:00Z"}, {"finalizers", {"x"}}}}};
  fake_->then_json(200, held);
  auto still = client_.remove(clusters(), "ns", "a");
  ASSERT_TRUE(still);
  EXPECT_EQ(*still, held);
}

TEST_F(ClientRequests, AnObjectAnsweredWithoutDeletionTimestampIsGone) {
  fake_->then_json(200, {{"metadata", {{"name", "a"}}}});
  EXPECT_FALSE(client_.remove(clusters(), "ns", "a"));
}

TEST_F(ClientRequests, WarningHeadersReachTheHandlerAsText) {
  std::vector<std::string> warnings;
  client_.on_warning([&](const std::string& w) { warnings.push_back(w); });
  fake_->then_json(
      201, json::object(),
      {{"Warning", R"(299 - "unknown field \"spec.x\"")"}, {"warning", R"(299 - "second")"}});
  client_.create(clusters(), "ns", {{"metadata", {{"name", "a"}}}});
  EXPECT_EQ(warnings, (std::vector<std::string>{R"(unknown field "spec.x")", "second"}));
}

TEST_F(ClientRequests, WarningsOfAFailedRequestAreReportedToo) {
  std::vector<std::string> warnings;
  client_.on_warning([&](const std::string& w) { warnings.push_back(w); });
  fake_->then_json(400, status_body(400, "BadRequest", "bad"), {{"Warning", R"(299 - "w")"}});
  EXPECT_THROW(client_.get(clusters(), "ns", "a"), ApiError);
  EXPECT_EQ(warnings, std::vector<std::string>{"w"});
}

TEST_F(ClientRequests, AnAnswerThatIsNotJsonIsAnErrorNamingTheRequest) {
  fake_->then(200, "<html>", {{"Content-Type", "text/html"}});
  try {
    client_.get(clusters(), "ns", "a");
    FAIL() << "no error";
  } catch (const ApiError&) {
    FAIL() << "not an API error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("get clusters.k3k.io ns/a"), std::string::npos);
  }
}

TEST_F(ClientRequests, ServerVersionReadsGitVersion) {
  fake_->then_json(200, {{"gitVersion", "v1.26.4"}, {"platform", "linux/amd64"}});
  ServerVersion v = client_.server_version();
  EXPECT_EQ(v.git_version, "v1.26.4");
  EXPECT_EQ(v.platform, "linux/amd64");
  EXPECT_EQ(last().url, "https://api:6443/version");
}

TEST_F(ClientRequests, ServesAsksForTheGroupVersion) {
  fake_->then_json(200, json::object()).then(404, "404 page not found");
  EXPECT_TRUE(client_.serves("k3k.io/v1beta1"));
  EXPECT_EQ(last().url, "https://api:6443/apis/k3k.io/v1beta1");
  EXPECT_FALSE(client_.serves("example.com/v1"));
}

TEST_F(ClientRequests, ServesTheCoreGroupUnderApi) {
  fake_->then_json(200, json::object());
  EXPECT_TRUE(client_.serves("v1"));
  EXPECT_EQ(last().url, "https://api:6443/api/v1");
}

}  // namespace
}  // namespace kraft::api
