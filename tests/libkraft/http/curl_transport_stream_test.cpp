// Streaming (watches): chunks as they arrive, the head before the first chunk, the end of the
// stream by the server or by the handler.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include <nlohmann/json.hpp>

#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

using ::testing::Contains;

std::vector<nlohmann::json> parse_lines(const std::string& body) {
  std::vector<nlohmann::json> events;
  size_t pos = 0, nl;
  while ((nl = body.find('\n', pos)) != std::string::npos) {
    if (nl > pos) events.push_back(nlohmann::json::parse(body.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  return events;
}

class CurlTransportStream : public ::testing::Test {
 protected:
  TestApiServer server_;
  std::shared_ptr<http::Transport> transport_ = http::make_curl_transport(admin_options(server_));
};

TEST_F(CurlTransportStream, DeliversWatchEventsUntilTheServerEndsTheStream) {
  http::Response head;
  std::string body;
  int status_at_first_chunk = -1;
  std::string content_type_at_first_chunk;
  transport_->stream(get(server_, "/api/v1/namespaces?watch=1&timeoutSeconds=1"), head,
                     [&](std::string_view chunk) {
                       if (status_at_first_chunk == -1) {
                         status_at_first_chunk = head.status;
                         content_type_at_first_chunk = head.header("Content-Type");
                       }
                       body.append(chunk);
                       return true;
                     });
  EXPECT_EQ(status_at_first_chunk, 200);
  EXPECT_EQ(content_type_at_first_chunk, "application/json");
  std::vector<std::string> added;
  for (const auto& event : parse_lines(body)) {
    EXPECT_EQ(event["type"], "ADDED");
    added.push_back(event["object"]["metadata"]["name"]);
  }
  EXPECT_THAT(added, Contains("default"));
}

TEST_F(CurlTransportStream, StopsQuietlyWhenTheHandlerReturnsFalse) {
  http::Response head;
  int chunks = 0;
  // A long timeoutSeconds: only the handler can end this stream in time.
  transport_->stream(get(server_, "/api/v1/namespaces?watch=1&timeoutSeconds=300"), head,
                     [&](std::string_view) {
                       ++chunks;
                       return false;
                     });
  EXPECT_EQ(chunks, 1);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(transport_->send(get(server_, "/version")).status, 200) << "the transport goes on";
}

TEST_F(CurlTransportStream, AnErrorStatusIsDeliveredWithItsBody) {
  http::Response head;
  std::string body;
  transport_->stream(get(server_, "/api/v1/namespaces/nope/pods/missing?watch=1"), head,
                     [&](std::string_view chunk) {
                       body.append(chunk);
                       return true;
                     });
  EXPECT_GE(head.status, 400);
  EXPECT_FALSE(body.empty());
}

TEST_F(CurlTransportStream, AnExceptionFromTheHandlerReachesTheCaller) {
  http::Response head;
  EXPECT_THROW(
      transport_->stream(get(server_, "/api/v1/namespaces?watch=1&timeoutSeconds=300"), head,
                         [](std::string_view) -> bool { throw std::runtime_error("bad event"); }),
      std::runtime_error);
}

TEST(CurlTransportStreamErrors, ARefusedConnectionIsATransportError) {
  ClosedPort closed;
  auto transport = http::make_curl_transport({});
  http::Request request;
  request.url = closed.url() + "/api/v1/namespaces?watch=1";
  http::Response head;
  EXPECT_THROW(transport->stream(request, head, [](std::string_view) { return true; }),
               TransportError);
}

}  // namespace
}  // namespace kraft::testing
