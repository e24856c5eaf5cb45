#include "transcript.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace kraft::testing {

using nlohmann::json;

std::optional<std::chrono::seconds> TranscriptStep::poll_bound() const {
  static const std::regex re(R"(polled \(bounded, (\d+) s\))");
  std::smatch m;
  if (!std::regex_search(note, m, re)) return std::nullopt;
  return std::chrono::seconds(std::stoll(m[1].str()));
}

bool TranscriptStep::is_watch() const {
  const json query = request.value("query", json::object());
  std::string watch = query.value("watch", "");
  return watch == "1" || watch == "true";
}

StreamEnd TranscriptStep::stream_end() const {
  StreamEnd out;
  std::string text = response.value("stream_end", "");
  static const std::regex after(R"(client stopped after (\d+) events?)");
  std::smatch m;
  if (text == "server closed the stream") {
    out.kind = StreamEnd::Kind::kServerClosed;
  } else if (std::regex_search(text, m, after)) {
    out.kind = StreamEnd::Kind::kClientStoppedAfter;
    out.events = static_cast<size_t>(std::stoul(m[1].str()));
  } else if (text.rfind("client stopped: no further events", 0) == 0) {
    out.kind = StreamEnd::Kind::kQuietFor;
  }
  return out;
}

std::string transcripts_dir() { return std::string(KRAFT_TEST_DATA_DIR) + "/kube-transcripts"; }

std::vector<std::string> transcript_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(transcripts_dir())) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Transcript load_transcript(const std::string& stem) {
  const std::string path = transcripts_dir() + "/" + stem + ".json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(in, nullptr, false);
  json doc = ordered.is_discarded() ? json() : json::parse(ordered.dump());
  if (!doc.is_object() || !doc.contains("steps") || !doc["steps"].is_array()) {
    throw std::runtime_error(path + " is not a transcript");
  }
  Transcript t;
  t.file_stem = stem;
  t.scenario = doc.value("scenario", stem);
  t.description = doc.value("description", "");
  for (const auto& s : doc["steps"]) {
    TranscriptStep step;
    step.request_body =
        ordered["steps"][t.steps.size()]["request"].value("body", nlohmann::ordered_json());
    step.index = t.steps.size();
    step.note = s.value("note", "");
    step.request = s.at("request");
    step.response = s.at("response");
    t.steps.push_back(std::move(step));
  }
  return t;
}

std::string recorder_json(const nlohmann::ordered_json& body) {
  std::string out;
  if (body.is_object()) {
    out = "{";
    for (auto it = body.begin(); it != body.end(); ++it) {
      if (it != body.begin()) out += ", ";
      out += nlohmann::ordered_json(it.key()).dump(-1, ' ', true) + ": " + recorder_json(*it);
    }
    return out + "}";
  }
  if (body.is_array()) {
    out = "[";
    for (size_t i = 0; i < body.size(); ++i) out += (i ? ", " : "") + recorder_json(body[i]);
    return out + "]";
  }
  return body.dump(-1, ' ', true);
}

}  // namespace kraft::testing
