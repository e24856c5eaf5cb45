#include "api/test_support/fake_transport.h"

#include <kraft/core/error.h>

namespace kraft::api::testing {

FakeTransport& FakeTransport::then(ScriptedAnswer answer) {
  std::lock_guard lock(mu_);
  answers_.push_back(std::move(answer));
  return *this;
}

FakeTransport& FakeTransport::then(int status, const std::string& body, http::Headers headers) {
  ScriptedAnswer a;
  a.response.status = status;
  a.response.body = body;
  a.response.headers = std::move(headers);
  return then(std::move(a));
}

FakeTransport& FakeTransport::then_json(int status, const nlohmann::json& body,
                                        http::Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return then(status, body.dump(), std::move(headers));
}

FakeTransport& FakeTransport::then_events(const std::vector<nlohmann::json>& events, bool drop) {
  ScriptedAnswer a;
  a.response.status = 200;
  for (const auto& e : events) a.chunks.push_back(e.dump() + "\n");
  a.drop = drop;
  return then(std::move(a));
}

ScriptedAnswer FakeTransport::next(const http::Request& request) {
  std::lock_guard lock(mu_);
  requests_.push_back(request);
  if (answers_.empty())
    throw TransportError("fake transport: no answer scripted for " + request.url);
  ScriptedAnswer a = std::move(answers_.front());
  answers_.pop_front();
  return a;
}

http::Response FakeTransport::send(const http::Request& request) {
  ScriptedAnswer a = next(request);
  if (a.drop) throw TransportError("fake transport: connection dropped");
  return a.response;
}

void FakeTransport::stream(const http::Request& request, http::Response& head,
                           const http::ChunkHandler& on_chunk) {
  ScriptedAnswer a = next(request);
  head.status = a.response.status;
  head.headers = a.response.headers;
  if (a.chunks.empty() && !a.response.body.empty()) a.chunks.push_back(a.response.body);
  for (const auto& chunk : a.chunks) {
    if (!on_chunk(chunk)) return;
  }
  if (a.drop) throw TransportError("fake transport: connection dropped");
}

std::vector<http::Request> FakeTransport::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::size_t FakeTransport::pending() const {
  std::lock_guard lock(mu_);
  return answers_.size();
}

nlohmann::json status_body(int code, const std::string& reason, const std::string& message) {
  return {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
          {"status", "Failure"}, {"message", message}, {"reason", reason},
          {"code", code}};
}

std::string header_of(const http::Request& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

nlohmann::json event(const std::string& type, const std::string& name, const std::string& rv) {
  return {{"type", type},
          {"object",
           {{"apiVersion", "v1"},
            {"kind", "Secret"},
            {"metadata", {{"name", name}, {"namespace", "ns"}, {"resourceVersion", rv}}}}}};
}

}  // namespace kraft::api::testing
