// Which ApiError subclass each answer is thrown as, and the object it names: a program catches
// api::NotFoundError rather than testing codes.
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <kraft/api/errors.h>
#include <kraft/http/request.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/test_support/fake_transport.h"
#include "api/url.h"

namespace kraft::api {
namespace {

using nlohmann::json;

// The exception raise() throws, caught as E: its code, or -1 when it was not an E.
template <class E>
int raised_as(const ApiError& error) {
  try {
    error.raise();
  } catch (const E& e) {
    return e.code();
  } catch (const ApiError&) {
    return -1;
  }
}

TEST(ApiErrorRaise, ThrowsTheSubclassOfEachAnswer) {
  EXPECT_EQ(raised_as<NotFoundError>(ApiError(404, "NotFound", "x")), 404);
  EXPECT_EQ(raised_as<AlreadyExistsError>(ApiError(409, "AlreadyExists", "x")), 409);
  EXPECT_EQ(raised_as<ConflictError>(ApiError(409, "Conflict", "x")), 409);
  EXPECT_EQ(raised_as<ConflictError>(ApiError(409, "AlreadyExists", "x")), -1);
  EXPECT_EQ(raised_as<ForbiddenError>(ApiError(403, "Forbidden", "x")), 403);
  EXPECT_EQ(raised_as<UnauthorizedError>(ApiError(401, "Unauthorized", "x")), 401);
  EXPECT_EQ(raised_as<InvalidError>(ApiError(422, "Invalid", "x")), 422);
  EXPECT_EQ(raised_as<GoneError>(ApiError(410, "Expired", "x")), 410);
  EXPECT_EQ(raised_as<TooManyRequestsError>(ApiError(429, "TooManyRequests", "x")), 429);
  EXPECT_EQ(raised_as<ServerError>(ApiError(503, "ServiceUnavailable", "x")), 503);
  EXPECT_EQ(raised_as<NotFoundError>(ApiError(400, "BadRequest", "x")), -1);
}

TEST(ApiErrorRaise, KeepsMessageExitCodeAndObject) {
  const ObjectRef demo{"clusters.k3k.io", "ns", "demo"};
  try {
    ApiError(404, "NotFound", "gone", {}, demo).raise();
  } catch (const NotFoundError& e) {
    EXPECT_STREQ(e.what(), "gone");
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
    EXPECT_EQ(e.object(), demo);
  }
}

TEST(ObjectOfPath, ReadsResourceNamespaceAndName) {
  EXPECT_EQ(object_of_path("/apis/k3k.io/v1beta1/namespaces/ns/clusters/demo?dryRun=All"),
            (ObjectRef{"clusters.k3k.io", "ns", "demo"}));
  EXPECT_EQ(object_of_path("/api/v1/namespaces/team"), (ObjectRef{"namespaces", "", "team"}));
  EXPECT_EQ(object_of_path("/api/v1/namespaces"), (ObjectRef{"namespaces", "", ""}));
  EXPECT_EQ(object_of_path("/api/v1/namespaces/ns/secrets"), (ObjectRef{"secrets", "ns", ""}));
  EXPECT_EQ(object_of_path("/api/v1/namespaces/ns/pods/p/status"), (ObjectRef{"pods", "ns", "p"}));
  EXPECT_EQ(object_of_path("/apis/k3k.io/v1beta1/virtualclusterpolicies/vcp"),
            (ObjectRef{"virtualclusterpolicies.k3k.io", "", "vcp"}));
  EXPECT_TRUE(object_of_path("/version").empty());
  EXPECT_TRUE(object_of_path("/apis/k3k.io/v1beta1").empty());
}

class ErrorTypes : public ::testing::Test {
 protected:
  std::shared_ptr<testing::FakeTransport> fake_ = std::make_shared<testing::FakeTransport>();
  Client client_{fake_, [] {
                   config::ClientConfig c;
                   c.server = "https://api:6443";
                   return c;
                 }()};
  const ResourceInfo clusters_{"k3k.io", "v1beta1", "Cluster", "clusters", true};
};

TEST_F(ErrorTypes, AGetOfAnAbsentObjectIsANotFoundErrorNamingIt) {
  fake_->then_json(404,
                   testing::status_body(404, "NotFound", "clusters.k3k.io \"demo\" not found"));
  try {
    client_.get(clusters_, "ns", "demo");
    FAIL() << "no error";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "ns", "demo"}));
  }
}

TEST_F(ErrorTypes, APlainTextNotFoundStillNamesTheObject) {
  fake_->then(404, "404 page not found", {{"Content-Type", "text/plain"}});
  try {
    client_.get(clusters_, "ns", "demo");
    FAIL() << "no error";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "ns", "demo"}));
  }
}

TEST_F(ErrorTypes, AStaleWriteIsAConflictError) {
  fake_->then_json(409, testing::status_body(409, "Conflict", "the object has been modified"));
  json object = {{"metadata", {{"name", "demo"}, {"resourceVersion", "1"}}}};
  EXPECT_THROW(client_.replace(clusters_, "ns", object), ConflictError);
}

TEST_F(ErrorTypes, ACreateOfAnExistingObjectIsAlreadyExists) {
  fake_->then_json(409, testing::status_body(409, "AlreadyExists", "already exists"));
  EXPECT_THROW(client_.create(clusters_, "ns", {{"metadata", {{"name", "demo"}}}}),
               AlreadyExistsError);
}

TEST_F(ErrorTypes, ARefusalIsForbiddenAndAListNamesTheCollection) {
  fake_->then_json(403, testing::status_body(403, "Forbidden", "no"));
  try {
    client_.list(clusters_, "ns");
    FAIL() << "no error";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.object(), (ObjectRef{"clusters.k3k.io", "ns", ""}));
  }
}

TEST_F(ErrorTypes, AnAnswerThatIsNotJsonIsADecodeError) {
  fake_->then(200, "<html>", {{"Content-Type", "text/html"}});
  EXPECT_THROW(client_.get(clusters_, "ns", "demo"), DecodeError);
  fake_->then_json(200, json::array());
  EXPECT_THROW(client_.get(clusters_, "ns", "demo"), DecodeError);
}

TEST_F(ErrorTypes, AServerFailureIsAServerError) {
  fake_->then_json(500, testing::status_body(500, "InternalError", "etcd is down"));
  EXPECT_THROW(client_.get(clusters_, "ns", "demo"), ServerError);
}

}  // namespace
}  // namespace kraft::api
