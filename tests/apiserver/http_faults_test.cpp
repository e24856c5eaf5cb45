// Fault injection: latency, 429 with Retry-After, 5xx and dropped connections, per path
// pattern, method and count.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

class HttpFaults : public ::testing::Test {
 protected:
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(HttpFaults, TooManyRequestsCarriesRetryAfterThenRecovers) {
  int id = server_.faults().add(Fault::status_of(429, "/api/v1/namespaces", 2, 3));
  for (int i = 0; i < 2; ++i) {
    auto r = client_.get("/api/v1/namespaces");
    ASSERT_EQ(r.status, 429);
    EXPECT_EQ(r.headers["Retry-After"], "3");
    EXPECT_EQ(r.json()["reason"], "TooManyRequests");
    EXPECT_EQ(r.json()["details"]["retryAfterSeconds"], 3);
  }
  EXPECT_EQ(client_.get("/api/v1/namespaces").status, 200) << "only the first two are hit";
  EXPECT_EQ(server_.faults().hits(id), 2);
}

TEST_F(HttpFaults, ServerErrorsAsStatusBodies) {
  server_.faults().add(Fault::status_of(500, "/api/v1/namespaces/default"));
  server_.faults().add(Fault::status_of(503, "/version", 1, 1));
  auto r = client_.get("/api/v1/namespaces/default");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.json()["reason"], "InternalError");
  r = client_.get("/version");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.json()["reason"], "ServiceUnavailable");
  EXPECT_EQ(r.headers["Retry-After"], "1");
}

TEST_F(HttpFaults, PathPatternMustMatchTheWholePath) {
  server_.faults().add(Fault::status_of(500, "/api/v1/namespaces", -1));
  EXPECT_EQ(client_.get("/api/v1/namespaces/default").status, 200);
  EXPECT_EQ(client_.get("/api/v1/namespaces").status, 500);
}

TEST_F(HttpFaults, MethodFilterLeavesOtherMethodsAlone) {
  Fault f = Fault::status_of(503, "/api/v1/namespaces", -1);
  f.method = "POST";
  server_.faults().add(f);
  EXPECT_EQ(client_.get("/api/v1/namespaces").status, 200);
  EXPECT_EQ(client_.post("/api/v1/namespaces", namespace_body("x")).status, 503);
  EXPECT_EQ(client_.get("/api/v1/namespaces/x").status, 404) << "the write never happened";
}

TEST_F(HttpFaults, DroppedConnectionIsATransportErrorNotAResponse) {
  int id = server_.faults().add(Fault::drop("/api/v1/namespaces"));
  auto r = client_.get("/api/v1/namespaces");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.transport_error.empty());
  EXPECT_EQ(server_.faults().hits(id), 1);
  TestClient fresh(server_);
  EXPECT_EQ(fresh.get("/api/v1/namespaces").status, 200);
}

TEST_F(HttpFaults, LatencyDelaysButDoesNotFail) {
  int id = server_.faults().add(Fault::latency_of(std::chrono::milliseconds(150), "/version", 1));
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client_.get("/version").status, 200);
  // A lower bound only: the delay was applied (no upper bound, which would be a timing test).
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(HttpFaults, ClearRemovesEveryFault) {
  server_.faults().add(Fault::status_of(500, ".*", -1));
  EXPECT_EQ(client_.get("/version").status, 500);
  server_.faults().clear();
  EXPECT_EQ(client_.get("/version").status, 200);
}

}  // namespace
}  // namespace kraft::testing
