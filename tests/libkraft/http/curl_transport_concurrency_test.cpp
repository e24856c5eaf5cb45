// One transport shared by several threads with requests in flight at the same time.
#include <gtest/gtest.h>
#include <kraft/http/transport.h>

#include <atomic>
#include <thread>

#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

TEST(CurlTransportConcurrency, ManyThreadsShareOneTransport) {
  TestApiServer server;
  auto transport = http::make_curl_transport(admin_options(server));
  constexpr int kThreads = 8;
  constexpr int kRequestsEach = 20;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsEach; ++i) {
        try {
          http::Request request = get(server, i % 2 == 0 ? "/version" : "/api/v1/namespaces");
          if (i == 0) {
            request = get(server, "/api/v1/namespaces");
            request.method = "POST";
            request.headers.emplace_back("Content-Type", "application/json");
            request.body = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"t)" +
                           std::to_string(t) + R"("}})";
            (transport->send(request).status == 201 ? ok : failed)++;
            continue;
          }
          (transport->send(request).status == 200 ? ok : failed)++;
        } catch (const std::exception&) {
          failed++;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), kThreads * kRequestsEach);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(transport->send(get(server, "/api/v1/namespaces/t" + std::to_string(t))).status, 200);
  }
}

TEST(CurlTransportConcurrency, RateLimitedThreadsAllGetThrough) {
  TestApiServer server;
  http::TransportOptions options = admin_options(server);
  options.rate_limit = {1000.0, 5};  // queues the threads without making the test slow
  auto transport = http::make_curl_transport(options);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += transport->send(get(server, "/version")).status == 200;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 40);
}

}  // namespace
}  // namespace kraft::testing
