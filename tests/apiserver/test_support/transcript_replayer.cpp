#include "transcript_replayer.h"

#include "text_codec.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <thread>

namespace kraft::testing {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Every recorded request carried this User-Agent; it names the field manager of writes.
constexpr const char* kRecorderUserAgent = "kraft-recorder/1.0 (linux/amd64)";
constexpr const char* kUserToken = "kraft-user-token";

std::string url_encode(const std::string& in) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string describe_request(const json& request) {
  std::string out = request.value("method", "?") + " " + request.value("path", "?");
  std::string sep = "?";
  const json query = request.value("query", json::object());
  for (const auto& [k, v] : query.items()) {
    out += sep + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
    sep = "&";
  }
  return out;
}

/// The request's path and query string, with bound placeholders filled in.
std::string target_of(const json& request, const PlaceholderBindings& bindings) {
  std::string target = substitute_bound(request.value("path", ""), bindings);
  std::string sep = "?";
  const json query = request.value("query", json::object());
  for (const auto& [k, v] : query.items()) {
    target +=
        sep + url_encode(k) + "=" + url_encode(substitute_bound(v.get<std::string>(), bindings));
    sep = "&";
  }
  return target;
}

/// The resource list of /apis/k3k.io/v1beta1 comes in a varying order on the real server (see
/// the transcripts' README): that one list is compared sorted by name.
void sort_discovery_resources(json& body) {
  if (!body.is_object() || !body.contains("resources") || !body["resources"].is_array()) return;
  auto& list = body["resources"];
  std::sort(list.begin(), list.end(),
            [](const json& a, const json& b) { return a.value("name", "") < b.value("name", ""); });
}

}  // namespace

/// What the server answered to one request.
struct TranscriptReplayer::Answer {
  int status = 0;
  std::string content_type;
  std::vector<std::string> warnings;
  std::string raw_body;
  std::string transport_error;
};

struct TranscriptReplayer::OpenWatch {
  const TranscriptStep* step = nullptr;
  std::unique_ptr<TestClient::Watch> watch;
};

TranscriptReplayer::TranscriptReplayer(TestApiServer& server) : server_(server) {
  server_.access().add_token(kUserToken, UserInfo{"kraft-user", {}});
}

TranscriptReplayer::~TranscriptReplayer() = default;

TestClient& TranscriptReplayer::client_for(const json& request) {
  const std::string auth = request.value("auth", "");
  auto& slot = clients_[auth];
  if (!slot) {
    Credentials credentials = Credentials::admin(server_);
    if (auth == "token:kraft-user") credentials = Credentials::token(kUserToken);
    if (auth == "token:bogus") credentials = Credentials::token("bogus-token-nobody-knows");
    if (auth == "anonymous") credentials = Credentials::anonymous();
    slot = std::make_unique<TestClient>(server_, credentials);
  }
  return *slot;
}

std::vector<StepOutcome> TranscriptReplayer::replay(const Transcript& transcript) {
  std::vector<StepOutcome> outcomes(transcript.steps.size());
  auto collect_watches = [&] {
    for (auto& w : watches_) outcomes[w->step->index] = collect(*w);
    watches_.clear();
  };
  for (const auto& step : transcript.steps) {
    // A watch's events were read while the scenario went on, but its stream was over before
    // the cleanup deleted the namespace (whose deletion would add events).
    if (step.is_cleanup()) collect_watches();
    if (step.is_watch()) {
      open_watch(step);
      continue;
    }
    outcomes[step.index] = run_plain(step);
  }
  collect_watches();
  return outcomes;
}

TranscriptReplayer::Answer TranscriptReplayer::perform(const TranscriptStep& step) {
  const json& request = step.request;
  std::string path = substitute_bound(request.value("path", ""), bindings_);
  std::string target = target_of(request, bindings_);
  std::string body;
  const nlohmann::ordered_json& recorded_body = step.request_body;
  if (recorded_body.is_string()) {
    body = recorded_body.get<std::string>();
  } else if (!recorded_body.is_null()) {
    body = recorder_json(substitute_request_body(recorded_body, path));
  }
  const json headers = request.value("headers", json::object());
  std::string content_type = headers.value("Content-Type", "application/json");
  HttpResult r = client_for(request).request(request.value("method", "GET"), target, body,
                                             content_type, {{"User-Agent", kRecorderUserAgent}});
  Answer a;
  a.status = r.status;
  a.content_type = r.content_type;
  a.warnings = r.warnings;
  a.raw_body = r.body;
  a.transport_error = r.transport_error;
  return a;
}

std::vector<Mismatch> TranscriptReplayer::compare(const TranscriptStep& step, const Answer& answer,
                                                  PlaceholderBindings& bindings) const {
  std::vector<Mismatch> out;
  const json& expected = step.response;
  if (!answer.transport_error.empty()) {
    out.push_back({"(transport)", "a response", "", answer.transport_error});
    return out;
  }
  if (expected.value("status", 0) != answer.status) {
    out.push_back({"(HTTP status)", std::to_string(expected.value("status", 0)),
                   std::to_string(answer.status), ""});
  }
  const json headers = expected.value("headers", json::object());
  if (headers.value("Content-Type", "") != answer.content_type) {
    out.push_back({"(Content-Type)", headers.value("Content-Type", ""), answer.content_type, ""});
  }
  json expected_warnings = headers.value("Warning", json::array());
  if (expected_warnings != json(answer.warnings)) {
    out.push_back(
        {"(Warning headers)", expected_warnings.dump(), json(answer.warnings).dump(), ""});
  }
  const json& body = expected.contains("body") ? expected["body"] : json();
  if (body.is_null()) {
    if (!answer.raw_body.empty()) out.push_back({"(body)", "(empty)", answer.raw_body, ""});
    return out;
  }
  if (body.is_string()) {
    std::string why;
    if (!match_string(body.get<std::string>(), answer.raw_body, bindings, why)) {
      out.push_back({"(body)", json(body).dump(), json(answer.raw_body).dump(), why});
    }
    return out;
  }
  json actual = json::parse(answer.raw_body, nullptr, false);
  if (actual.is_discarded()) {
    out.push_back({"(body)", "JSON", json(answer.raw_body).dump(), "not JSON"});
    return out;
  }
  json wanted = body;
  if (step.request.value("path", "") == "/apis/k3k.io/v1beta1") {
    sort_discovery_resources(wanted);
    sort_discovery_resources(actual);
  }
  auto diffs = match_json(wanted, actual, bindings);
  out.insert(out.end(), diffs.begin(), diffs.end());
  return out;
}

StepOutcome TranscriptReplayer::run_plain(const TranscriptStep& step) {
  StepOutcome outcome{step.index, false, ""};
  const auto bound = step.poll_bound();
  const auto deadline = Clock::now() + (bound ? *bound : std::chrono::seconds(0));
  for (;;) {
    Answer answer = perform(step);
    // A poll's earlier tries must not bind placeholders: only the final answer counts.
    PlaceholderBindings scratch = bindings_;
    auto diffs = compare(step, answer, scratch);
    if (diffs.empty() || !bound || Clock::now() >= deadline) {
      bindings_ = scratch;
      remember_objects(json::parse(answer.raw_body, nullptr, false));
      outcome.matched = diffs.empty();
      if (!diffs.empty()) {
        outcome.report =
            "step " + std::to_string(step.index) + " (" + describe_request(step.request) + ")" +
            (step.note.empty() ? "" : " [" + step.note + "]") + ":\n" + describe(diffs);
      }
      return outcome;
    }
    // Waiting for a server-side controller, as the recorder's poll loop did.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void TranscriptReplayer::open_watch(const TranscriptStep& step) {
  std::string target = target_of(step.request, bindings_);
  auto w = std::make_unique<OpenWatch>();
  w->step = &step;
  w->watch = client_for(step.request).watch(target);
  watches_.push_back(std::move(w));
}

StepOutcome TranscriptReplayer::collect(OpenWatch& open) {
  const TranscriptStep& step = *open.step;
  TestClient::Watch& watch = *open.watch;
  std::vector<Mismatch> diffs;
  json events = json::array();
  const StreamEnd end = step.stream_end();
  if (end.kind == StreamEnd::Kind::kServerClosed) {
    if (!watch.wait_closed(std::chrono::seconds(20))) {
      diffs.push_back({"(stream)", "closed by the server", "still open after 20 s", ""});
    }
    while (auto e = watch.next(std::chrono::milliseconds(0))) events.push_back(*e);
  } else if (end.kind == StreamEnd::Kind::kClientStoppedAfter) {
    for (size_t i = 0; i < end.events; ++i) {
      auto e = watch.next(std::chrono::seconds(10));
      if (!e) break;
      events.push_back(*e);
    }
  } else {
    // "no further events within 3 s": what arrived, then a short quiet period.
    while (auto e = watch.next(std::chrono::milliseconds(500))) events.push_back(*e);
  }
  if (step.response.value("status", 0) != watch.status()) {
    diffs.push_back({"(HTTP status)", std::to_string(step.response.value("status", 0)),
                     std::to_string(watch.status()), ""});
  }
  const json headers = step.response.value("headers", json::object());
  if (headers.value("Content-Type", "") != watch.content_type()) {
    diffs.push_back(
        {"(Content-Type)", headers.value("Content-Type", ""), watch.content_type(), ""});
  }
  auto body_diffs = match_json(step.response.value("body", json::array()), events, bindings_);
  diffs.insert(diffs.end(), body_diffs.begin(), body_diffs.end());
  for (const auto& e : events) {
    if (e.is_object() && e.contains("object")) remember_objects(e["object"]);
  }
  StepOutcome outcome{step.index, diffs.empty(), ""};
  if (!diffs.empty()) {
    outcome.report = "step " + std::to_string(step.index) + " (watch " +
                     describe_request(step.request) + "):\n" + describe(diffs);
  }
  return outcome;
}

nlohmann::ordered_json TranscriptReplayer::substitute_request_body(
    const nlohmann::ordered_json& body, const std::string& path) const {
  using ojson = nlohmann::ordered_json;
  // The object the body was copied from: named in the body, or last in the URL path.
  std::string name;
  if (body.is_object() && body.contains("metadata") && body["metadata"].is_object()) {
    name = substitute_bound(body["metadata"].value("name", std::string()), bindings_);
  }
  if (name.empty()) {
    std::string p = path;
    if (p.size() > 7 && p.compare(p.size() - 7, 7, "/status") == 0) p.resize(p.size() - 7);
    name = p.substr(p.rfind('/') + 1);
  }
  auto it = last_seen_.find(name);
  const json* reference = it == last_seen_.end() ? nullptr : &it->second;

  std::function<ojson(const ojson&, const json*)> walk = [&](const ojson& v, const json* ref) {
    if (v.is_object()) {
      ojson out = ojson::object();
      for (const auto& [k, child] : v.items()) {
        const json* r =
            ref != nullptr && ref->is_object() && ref->contains(k) ? &(*ref)[k] : nullptr;
        out[k] = walk(child, r);
      }
      return out;
    }
    if (v.is_array()) {
      ojson out = ojson::array();
      for (size_t i = 0; i < v.size(); ++i) {
        const json* r = ref != nullptr && ref->is_array() && i < ref->size() ? &(*ref)[i] : nullptr;
        out.push_back(walk(v[i], r));
      }
      return out;
    }
    if (!v.is_string()) return v;
    std::string s = substitute_bound(v.get<std::string>(), bindings_);
    if (s == "<time>" || s == "<uid>") {
      if (ref != nullptr && ref->is_string()) return ojson(ref->get<std::string>());
      if (s == "<uid>" && reference != nullptr) {
        return ojson(reference->value("metadata", json::object()).value("uid", s));
      }
      if (s == "<time>") return ojson(rfc3339_now());
    }
    return ojson(s);
  };
  return walk(body, reference);
}

void TranscriptReplayer::remember_objects(const json& body) {
  if (!body.is_object()) return;
  if (body.contains("items") && body["items"].is_array()) {
    for (const auto& item : body["items"]) remember_objects(item);
    return;
  }
  if (body.value("kind", "") == "Status") return;
  if (body.contains("metadata") && body["metadata"].is_object() &&
      body["metadata"].contains("name") && body["metadata"]["name"].is_string()) {
    last_seen_[body["metadata"]["name"].get<std::string>()] = body;
  }
}

}  // namespace kraft::testing
