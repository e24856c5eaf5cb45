#pragma once
// A minimal HTTPS client for the test API server's own tests (cpp-httplib, TLS verified
// against the server's CA): the server is tested by a client that is not libkraft.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_apiserver.h"

namespace kraft::testing {

struct HttpResult {
  int status = 0;  ///< 0 when the request failed at the transport level
  std::string body;
  std::string content_type;
  std::vector<std::string> warnings;
  std::map<std::string, std::string> headers;  ///< last value per header name
  std::string transport_error;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

/// How the client authenticates.
struct Credentials {
  std::optional<KeyPair> client_cert;
  std::string bearer_token;
  std::string basic_user, basic_password;
  static Credentials admin(const TestApiServer& s) { return {s.admin_credentials(), "", "", ""}; }
  static Credentials token(std::string t) { return {std::nullopt, std::move(t), "", ""}; }
  static Credentials anonymous() { return {}; }
  static Credentials cert(KeyPair kp) { return {std::move(kp), "", "", ""}; }
};

class TestClient {
 public:
  TestClient(const TestApiServer& server, Credentials credentials);
  explicit TestClient(const TestApiServer& server)
      : TestClient(server, Credentials::admin(server)) {}
  ~TestClient();

  HttpResult request(const std::string& method, const std::string& path_and_query,
                     const std::string& body = "",
                     const std::string& content_type = "application/json",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& path) { return request("GET", path); }
  HttpResult post(const std::string& path, const nlohmann::json& body) {
    return request("POST", path, body.dump());
  }
  HttpResult put(const std::string& path, const nlohmann::json& body) {
    return request("PUT", path, body.dump());
  }
  HttpResult patch(const std::string& path, const nlohmann::json& body,
                   const std::string& content_type = "application/merge-patch+json") {
    return request("PATCH", path, body.dump(), content_type);
  }
  HttpResult del(const std::string& path, const std::string& body = "") {
    return request("DELETE", path, body);
  }

  /// An open watch: events are collected on a background thread.
  class Watch {
   public:
    ~Watch();
    /// The next event, or nullopt if none arrives within `timeout` or the stream ended.
    std::optional<nlohmann::json> next(std::chrono::milliseconds timeout);
    /// Waits until the server closes the stream; returns whether it did within `timeout`.
    bool wait_closed(std::chrono::milliseconds timeout);
    int status() const { return status_; }
    /// The response's Content-Type, once its headers arrived.
    std::string content_type() {
      std::lock_guard lock(mu_);
      return content_type_;
    }

   private:
    friend class TestClient;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<nlohmann::json> events_;
    std::string partial_;
    bool closed_ = false;
    int status_ = 0;
    std::string content_type_;
    std::unique_ptr<struct WatchConnection> connection_;
    std::thread thread_;
  };
  std::unique_ptr<Watch> watch(const std::string& path_and_query);
  /// A watch starting at the collection's current resourceVersion: watch() sends its request
  /// asynchronously, so a watch without one could miss what happens before it arrives.
  std::unique_ptr<Watch> watch_from_now(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Waits (bounded, 10 s per event) for an event of `type` about the object `name`.
bool await_event(TestClient::Watch& watch, const std::string& type, const std::string& name);

/// GET `path` from another server on 127.0.0.1:`port` (a simulated cluster's own API server),
/// verifying it against `ca_pem`; status 0 when the request failed before an answer.
HttpResult get_from(int port, const std::string& ca_pem, const Credentials& credentials,
                    const std::string& path);

/// The collection of Clusters in namespace team, and the prefix of its core (v1) objects.
inline const std::string kTeamClusters = "/apis/k3k.io/v1beta1/namespaces/team/clusters";
inline const std::string kTeamCore = "/api/v1/namespaces/team/";

/// A JSON body for a Namespace / a k3k Cluster, for brevity in tests.
nlohmann::json namespace_body(const std::string& name);
nlohmann::json cluster_body(const std::string& name, const nlohmann::json& spec = nlohmann::json::object());

}  // namespace kraft::testing
