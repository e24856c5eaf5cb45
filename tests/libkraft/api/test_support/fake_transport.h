#pragma once
// A scripted http::Transport: answers requests from a queue, in order, and records what was
// sent. Streamed answers come as a list of chunks and may end in a dropped connection.
#include <kraft/http/transport.h>

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::api::testing {

struct ScriptedAnswer {
  http::Response response;          ///< status and headers; body for send()
  std::vector<std::string> chunks;  ///< stream(): the body in pieces (default: body whole)
  bool drop = false;                ///< send()/stream(): throw TransportError (after chunks)
};

class FakeTransport : public http::Transport {
 public:
  /// Queues an answer for the next request.
  FakeTransport& then(ScriptedAnswer answer);
  FakeTransport& then(int status, const std::string& body, http::Headers headers = {});
  FakeTransport& then_json(int status, const nlohmann::json& body, http::Headers headers = {});
  /// A stream of watch events, one JSON line each, optionally dropped after the last one.
  FakeTransport& then_events(const std::vector<nlohmann::json>& events, bool drop = false);

  http::Response send(const http::Request& request) override;
  void stream(const http::Request& request, http::Response& head,
              const http::ChunkHandler& on_chunk) override;

  std::vector<http::Request> requests() const;
  std::size_t pending() const;

 private:
  ScriptedAnswer next(const http::Request& request);

  mutable std::mutex mu_;
  std::deque<ScriptedAnswer> answers_;
  std::vector<http::Request> requests_;
};

/// A Status body as kube-apiserver sends it.
nlohmann::json status_body(int code, const std::string& reason, const std::string& message);
/// The value of a request header ("" when absent).
std::string header_of(const http::Request& request, const std::string& name);
/// A watch event line's JSON.
nlohmann::json event(const std::string& type, const std::string& name, const std::string& rv);

}  // namespace kraft::api::testing
