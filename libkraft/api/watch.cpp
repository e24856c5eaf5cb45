// Watches (API concepts, "Efficient detection of changes"): one JSON event per line. The
// watcher remembers the last resourceVersion it delivered, so a dropped connection or a
// stream the server ends (timeoutSeconds) resumes where it stopped without replaying events;
// a resourceVersion the server has compacted away (410 Gone, as a status or as an ERROR
// event) makes it list again, as client-go's reflector does.
#include <kraft/api/client.h>
#include <kraft/api/json_view.h>
#include <kraft/core/text.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <optional>
#include <thread>

#include "api/client_state.h"
#include "api/line_splitter.h"
#include "api/url.h"
#include "http/redact.h"

namespace kraft::api {

using Clock = std::chrono::steady_clock;

class Client::State::Watcher {
 public:
  Watcher(State& state, const Client& client, const ResourceInfo& r, const std::string& ns,
          const WatchOptions& options, const std::function<bool(const WatchEvent&)>& on_event)
      : state_(state),
        client_(client),
        r_(r),
        ns_(ns),
        options_(options),
        on_event_(on_event),
        what_("watch " + describe(r, ns, "")),
        rv_(options.resource_version) {
    if (options.timeout_seconds > 0) {
      deadline_ = Clock::now() + std::chrono::seconds(options.timeout_seconds);
    }
  }

  ObjectRef object_of_watch() const { return {r_.qualified_name(), r_.namespaced ? ns_ : "", ""}; }

  void run() {
    // Without a resourceVersion the caller asks for the current state first: a list gives it
    // together with a resourceVersion to resume from, which the server's synthetic ADDED
    // events (each with its own object's version, in key order) would not.
    if (rv_.empty() && !relist()) return;
    int failures = 0;
    while (!expired()) {
      Outcome outcome;
      try {
        outcome = stream_once();
      } catch (const TransportError&) {
        if (expired()) return;
        if (delivered_) failures = 0;
        if (++failures >= std::max(1, state_.options.retry.max_attempts)) throw;
        back_off(failures);
        continue;
      }
      if (outcome == Outcome::kStopped) return;
      if (outcome == Outcome::kGone) {
        if (!options_.relist_on_gone) {
          throw ApiError(410, "Expired", what_ + ": resourceVersion " + rv_ + " is too old");
        }
        if (!relist()) return;
        continue;
      }
      // The server ended the stream (its timeout): reconnect from the last version. A server
      // that ends every stream at once should not make us spin.
      failures = delivered_ ? 0 : failures + 1;
      if (failures > 1) back_off(failures);
    }
  }

 private:
  enum class Outcome { kStopped, kEnded, kGone };

  bool expired() const { return deadline_ && Clock::now() >= *deadline_; }

  void back_off(int failures) {
    auto delay = state_.options.retry.initial_backoff * (1 << std::min(failures - 1, 10));
    delay = std::min(delay, state_.options.retry.max_backoff);
    if (deadline_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - Clock::now());
      delay = std::min(delay, std::max(left, std::chrono::milliseconds(0)));
    }
    std::this_thread::sleep_for(delay);
  }

  bool relist() {
    nlohmann::json list =
        client_.list(r_, ns_, ListOptions{options_.label_selector, options_.field_selector});
    // Items carry the versions of their last change, older than the list's: the watch
    // resumes from the list's version whatever the items say.
    std::string list_rv(metadata_string(list, "resourceVersion"));
    for (auto& item : list["items"]) {
      if (!deliver("ADDED", std::move(item))) return false;
    }
    rv_ = list_rv;
    return true;
  }

  bool deliver(const std::string& type, nlohmann::json object) {
    if (std::string_view rv = metadata_string(object, "resourceVersion"); !rv.empty()) {
      rv_ = std::string(rv);
    }
    delivered_ = true;
    WatchEvent event{type, std::make_shared<const nlohmann::json>(std::move(object))};
    return on_event_(event);
  }

  http::Request watch_request() const {
    Query q;
    q.add("watch", "true").add("resourceVersion", rv_);
    q.add_if(options_.bookmarks, "allowWatchBookmarks", "true");
    q.add("labelSelector", options_.label_selector).add("fieldSelector", options_.field_selector);
    http::Request request = state_.request("GET", resource_path(r_, ns_) + q.str());
    // Watches outlive any request timeout; the server's timeoutSeconds bounds them instead,
    // and the transport's timeout only backs it up.
    request.timeout = std::chrono::milliseconds(0);
    if (deadline_) {
      auto left = std::chrono::duration<double>(*deadline_ - Clock::now()).count();
      long seconds = std::max(1L, static_cast<long>(std::ceil(left)));
      request.url += "&timeoutSeconds=" + std::to_string(seconds);
      request.timeout = std::chrono::seconds(seconds + 30);
    }
    return request;
  }

  // Handles one event line; false stops the stream (caller done, 410, or an error to throw).
  bool on_line(std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return true;
    nlohmann::json event = parse_body(std::string(line), what_, state_.config.server);
    // Shapes are checked before use: a wrong type would otherwise surface as a bare
    // nlohmann type_error naming neither the watch nor the server.
    if (!event.is_object() || !event.contains("type") || !event["type"].is_string()) {
      throw DecodeError(what_ + ": the server sent a watch event without a type: " +
                        sanitize_text(http::detail::redact_body(line), 200));
    }
    std::string type = event["type"].get<std::string>();
    nlohmann::json object =
        event.contains("object") ? std::move(event["object"]) : nlohmann::json::object();
    if (!object.is_object()) {
      throw DecodeError(what_ + ": the server sent a " + type +
                        " watch event whose object is not an "
                        "object");
    }
    if (type == "ERROR") {
      http::Response status;
      auto code = object.find("code");
      status.status = code != object.end() && code->is_number_integer() ? code->get<int>() : 500;
      status.body = object.dump();
      ApiError error = state_.api_error(status, what_, object_of_watch());
      if (error.is_gone()) {
        gone_ = true;
        return false;
      }
      error.raise();
    }
    if (!deliver(type, std::move(object))) {
      stopped_ = true;
      return false;
    }
    return true;
  }

  Outcome stream_once() {
    for (int attempt = 0;; ++attempt) {
      http::Request request = watch_request();
      state_.auth.apply(request);
      http::Response head;
      std::string error_body;
      LineSplitter lines(what_ + ": the server " + state_.config.server);
      bool warned = false;
      std::exception_ptr failure;
      stopped_ = gone_ = delivered_ = false;
      // Nothing may propagate through the transport's callback (it may be C code): the
      // first exception is kept and rethrown once the stream has returned.
      auto on_chunk = [&](std::string_view chunk) {
        if (head.status != 200) {
          error_body.append(chunk);
          return error_body.size() < (1u << 20);
        }
        try {
          if (!warned) state_.report_warnings(head);
          warned = true;
          return lines.feed(chunk, [&](std::string_view line) { return on_line(line); });
        } catch (...) {
          failure = std::current_exception();
          return false;
        }
      };
      state_.transport->stream(request, head, on_chunk);
      if (failure) std::rethrow_exception(failure);
      if (!warned) state_.report_warnings(head);
      if (head.status == 200) {
        // A last event without its newline, if the server ended the stream that way.
        if (!stopped_ && !gone_ && !lines.rest().empty()) on_line(lines.rest());
        return stopped_ ? Outcome::kStopped : gone_ ? Outcome::kGone : Outcome::kEnded;
      }
      if (head.status == 401 && attempt == 0 && state_.auth.refresh_after_unauthorized()) {
        continue;
      }
      head.body = std::move(error_body);
      ApiError error = state_.api_error(head, what_, object_of_watch());
      if (error.is_gone()) return Outcome::kGone;
      error.raise();
    }
  }

  State& state_;
  const Client& client_;
  const ResourceInfo& r_;
  const std::string& ns_;
  const WatchOptions& options_;
  const std::function<bool(const WatchEvent&)>& on_event_;
  const std::string what_;
  std::string rv_;
  std::optional<Clock::time_point> deadline_;
  bool stopped_ = false;
  bool gone_ = false;
  bool delivered_ = false;
};

void Client::watch(const ResourceInfo& r, const std::string& ns, const WatchOptions& options,
                   const std::function<bool(const WatchEvent&)>& on_event) const {
  State::Watcher(*state_, *this, r, ns, options, on_event).run();
}

}  // namespace kraft::api
