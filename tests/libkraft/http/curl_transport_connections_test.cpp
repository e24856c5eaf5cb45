// How many connections concurrent requests use: an HTTP/2 server (nghttpx in front of the test
// API server, as kube-apiserver speaks it) sees one, multiplexed, watches included; an
// HTTP/1.1 server (the test API server) never sees more at once than the transport's bound.
#include <gtest/gtest.h>
#include <kraft/http/transport.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "test_support/nghttpx.h"
#include "test_support/tcp_relay.h"
#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

constexpr int kConcurrent = 64;

// Runs `body(i)` on kConcurrent threads released together, so the requests overlap.
void run_together(const std::function<void(int)>& body) {
  std::latch start(kConcurrent);
  std::vector<std::thread> threads;
  for (int i = 0; i < kConcurrent; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      body(i);
    });
  }
  for (auto& thread : threads) thread.join();
}

http::Request create_namespace(const std::string& base, const std::string& name) {
  http::Request request;
  request.method = "POST";
  request.url = base + "/api/v1/namespaces";
  request.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
  request.body = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")" + name + R"("}})";
  return request;
}

// Runs `body` on a thread; what it throws is kept for the test to report, not a terminate().
class Watcher {
 public:
  explicit Watcher(std::function<void()> body)
      : thread_([this, body = std::move(body)] {
          try {
            body();
          } catch (const std::exception& e) {
            error_ = e.what();
          }
        }) {}
  /// Waits for the body to end; what it threw, or empty.
  std::string join() {
    thread_.join();
    return error_;
  }

 private:
  std::string error_;
  std::thread thread_;
};

// The client ports of nghttpx's access log entries ("ALPN PORT STATUS METHOD PATH"): one per
// TCP connection the client opened.
std::set<std::string> client_ports(const std::vector<std::string>& log) {
  std::set<std::string> ports;
  for (const auto& line : log) {
    std::istringstream in(line);
    std::string alpn, port;
    in >> alpn >> port;
    ports.insert(port);
  }
  return ports;
}

TEST(CurlTransportConnections, AnHttp11ServerNeverSeesMoreConnectionsThanTheBound) {
  TestApiServer server;
  CountingRelay relay(server.port());
  http::TransportOptions options = admin_options(server);
  options.max_connections_per_host = 4;
  auto transport = http::make_curl_transport(options);
  std::atomic<int> ok{0};
  run_together([&](int) {
    http::Request request;
    request.url = relay.url() + "/version";
    ok += transport->send(request).status == 200;
  });
  EXPECT_EQ(ok.load(), kConcurrent);
  EXPECT_LE(relay.max_open(), 4);
  EXPECT_GE(relay.accepted(), 1);
}

TEST(CurlTransportConnections, AnHttp11WatchHoldsOneConnectionAndRequestsShareTheRest) {
  TestApiServer server;
  CountingRelay relay(server.port());
  http::TransportOptions options = admin_options(server);
  options.max_connections_per_host = 2;
  auto transport = http::make_curl_transport(options);
  std::mutex mu;
  std::condition_variable cv;
  bool watching = false;
  bool done = false;
  Watcher watch([&] {
    http::Request request;
    request.url = relay.url() + "/api/v1/namespaces?watch=1&timeoutSeconds=60";
    http::Response head;
    transport->stream(request, head, [&](std::string_view) {
      std::unique_lock lock(mu);
      watching = true;
      cv.notify_all();
      return !cv.wait_for(lock, std::chrono::seconds(60), [&] { return done; });
    });
  });
  {
    std::unique_lock lock(mu);
    // Bounded: a watch that failed before its first event never says so.
    cv.wait_for(lock, std::chrono::seconds(30), [&] { return watching; });
  }
  std::atomic<int> ok{0};
  run_together([&](int) {
    http::Request request;
    request.url = relay.url() + "/version";
    ok += transport->send(request).status == 200;
  });
  {
    std::lock_guard lock(mu);
    done = true;
    cv.notify_all();
  }
  EXPECT_EQ(watch.join(), "");
  EXPECT_EQ(ok.load(), kConcurrent);
  EXPECT_LE(relay.max_open(), 2);
}

// A stream whose handler blocks on its first chunk while a list of about 3 MiB arrives: more
// than Transfer::kMaxQueuedBytes waits for it, so the transfer pauses and must resume later
// with every byte, while other requests on the same transport go on.
void expect_paused_stream_resumes(http::Transport& transport, const std::string& base) {
  const std::string blob(800 * 1024, 'Q');  // valid base64
  for (int i = 0; i < 4; ++i) {
    http::Request create;
    create.method = "POST";
    create.url = base + "/api/v1/namespaces/default/secrets";
    create.headers = {{"Content-Type", "application/json"}};
    create.body = R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"big-)" +
                  std::to_string(i) + R"("},"data":{"blob":")" + blob + R"("}})";
    ASSERT_EQ(transport.send(create).status, 201);
  }
  http::Request list;
  list.url = base + "/api/v1/namespaces/default/secrets";
  const std::string expected = transport.send(list).body;
  ASSERT_GT(expected.size(), 3u << 20);
  std::mutex mu;
  std::condition_variable cv;
  bool blocked = false;
  bool released = false;
  bool handler_timed_out = false;
  std::string streamed;
  Watcher reader([&] {
    http::Response head;
    transport.stream(list, head, [&](std::string_view chunk) {
      std::unique_lock lock(mu);
      if (!blocked) {
        blocked = true;
        cv.notify_all();
        handler_timed_out = !cv.wait_for(lock, std::chrono::seconds(30), [&] { return released; });
      }
      streamed.append(chunk);
      return true;
    });
  });
  {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(30), [&] { return blocked; });
  }
  http::Request version;
  version.url = base + "/version";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(transport.send(version).status, 200);
  {
    std::lock_guard lock(mu);
    released = true;
    cv.notify_all();
  }
  EXPECT_EQ(reader.join(), "");
  EXPECT_FALSE(handler_timed_out) << "the requests waited for the stream's handler";
  EXPECT_EQ(streamed.size(), expected.size());
  EXPECT_TRUE(streamed == expected) << "the paused stream lost or reordered bytes";
}

TEST(CurlTransportConnections, AnHttp11StreamPausedByItsHandlerResumesWithEveryByte) {
  TestApiServer server;
  auto transport = http::make_curl_transport(admin_options(server));
  expect_paused_stream_resumes(*transport, server.url());
}

// nghttpx in front of a test API server whose serving CA also issued nghttpx's certificate.
class CurlTransportHttp2 : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Nghttpx::program()) {
      GTEST_SKIP() << "nghttpx is not installed (Debian package nghttp2-proxy): the HTTP/2 "
                      "connection tests are skipped";
    }
    TestApiServerOptions server_options;
    server_options.serving_ca = KeyPair{ca_.cert_pem(), ca_.key_pem()};
    server_ = std::make_unique<TestApiServer>(server_options);
    proxy_ = std::make_unique<Nghttpx>(*server_, ca_.issue_server({"localhost"}, {"127.0.0.1"}));
    transport_ = http::make_curl_transport(admin_options(*server_));
  }

  TestCa ca_ = TestCa::generate("kraft-http2-test-ca");
  std::unique_ptr<TestApiServer> server_;
  std::unique_ptr<Nghttpx> proxy_;
  std::shared_ptr<http::Transport> transport_;
};

TEST_F(CurlTransportHttp2, ConcurrentRequestsShareOneConnection) {
  std::atomic<int> ok{0};
  run_together([&](int) {
    http::Request request;
    request.url = proxy_->url() + "/version";
    ok += transport_->send(request).status == 200;
  });
  EXPECT_EQ(ok.load(), kConcurrent) << proxy_->error_log();
  const auto log = proxy_->access_log_of(kConcurrent);
  ASSERT_EQ(log.size(), static_cast<size_t>(kConcurrent));
  for (const auto& line : log) {
    EXPECT_EQ(line.substr(0, 3), "h2 ") << line;
    EXPECT_NE(line.find(" 200 GET /version"), std::string::npos) << line;
  }
  EXPECT_EQ(client_ports(log).size(), 1u) << "one TCP connection for all requests";
}

TEST_F(CurlTransportHttp2, AWatchAndConcurrentRequestsShareOneConnection) {
  // Through a counting relay: nghttpx does not log a watch the client ends.
  CountingRelay relay(proxy_->port());
  std::mutex mu;
  std::condition_variable cv;
  bool watching = false;
  std::set<std::string> added;
  Watcher watch([&] {
    http::Request request;
    request.url = relay.url() + "/api/v1/namespaces?watch=1&timeoutSeconds=60";
    http::Response head;
    std::string partial;
    transport_->stream(request, head, [&](std::string_view chunk) {
      partial.append(chunk);
      std::lock_guard lock(mu);
      for (size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1)) {
        auto event = nlohmann::json::parse(partial.substr(0, nl));
        std::string name = event["object"]["metadata"]["name"];
        if (name.rfind("h2-", 0) == 0) added.insert(name);
      }
      watching = true;
      cv.notify_all();
      return added.size() < kConcurrent;
    });
  });
  {
    std::unique_lock lock(mu);
    // Bounded: a watch that failed before its first event never says so.
    cv.wait_for(lock, std::chrono::seconds(30), [&] { return watching; });
  }
  std::atomic<int> created{0};
  run_together([&](int i) {
    auto request = create_namespace(relay.url(), "h2-" + std::to_string(i));
    created += transport_->send(request).status == 201;
  });
  EXPECT_EQ(watch.join(), "");
  EXPECT_EQ(created.load(), kConcurrent) << proxy_->error_log();
  EXPECT_EQ(added.size(), static_cast<size_t>(kConcurrent)) << "the watch saw every create";
  for (const auto& line : proxy_->access_log_of(kConcurrent)) {
    EXPECT_EQ(line.substr(0, 3), "h2 ") << line;
  }
  EXPECT_EQ(relay.accepted(), 1) << "the watch and the requests on one connection";
}

TEST_F(CurlTransportHttp2, ASlowWatchConsumerDoesNotHoldUpOtherRequests) {
  std::mutex mu;
  std::condition_variable cv;
  bool blocked = false;
  bool released = false;
  bool handler_timed_out = false;
  Watcher watch([&] {
    http::Request request;
    request.url = proxy_->url() + "/api/v1/namespaces?watch=1&timeoutSeconds=60";
    http::Response head;
    transport_->stream(request, head, [&](std::string_view) {
      std::unique_lock lock(mu);
      blocked = true;
      cv.notify_all();
      // Bounded, so a transport that stalls behind this handler fails instead of hanging.
      handler_timed_out = !cv.wait_for(lock, std::chrono::seconds(30), [&] { return released; });
      return false;
    });
  });
  {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(30), [&] { return blocked; });
  }
  int ok = 0;
  for (int i = 0; i < 5; ++i) {
    http::Request request;
    request.url = proxy_->url() + "/version";
    ok += transport_->send(request).status == 200;
  }
  {
    std::lock_guard lock(mu);
    released = true;
    cv.notify_all();
  }
  EXPECT_EQ(watch.join(), "");
  EXPECT_EQ(ok, 5);
  EXPECT_FALSE(handler_timed_out) << "the requests waited for the watch's handler";
  http::Request request;
  request.url = proxy_->url() + "/version";
  EXPECT_EQ(transport_->send(request).status, 200) << "the transport goes on after the watch";
}

TEST_F(CurlTransportHttp2, AStreamPausedByItsHandlerResumesWithEveryByte) {
  expect_paused_stream_resumes(*transport_, proxy_->url());
}

}  // namespace
}  // namespace kraft::testing
