#pragma once
// The recorded kube-apiserver transcripts of tests/data/kube-transcripts (see its README.md for
// the format): loading them and reading what each step's note says about how it was made.
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kraft::testing {

/// How a recorded watch stream ended, from the step's `stream_end`.
struct StreamEnd {
  enum class Kind { kNone, kServerClosed, kClientStoppedAfter, kQuietFor };
  Kind kind = Kind::kNone;
  size_t events = 0;  ///< kClientStoppedAfter: how many events the client took
};

struct TranscriptStep {
  size_t index = 0;
  std::string note;
  nlohmann::json request;  ///< method, path, query, headers, body, auth?
  /// request.body with the key order of the file: the order the recorder sent.
  nlohmann::ordered_json request_body;
  nlohmann::json response;  ///< status, headers, body, stream_end?

  /// "polled (bounded, N s) until ...": the bound of the poll loop this step ended.
  std::optional<std::chrono::seconds> poll_bound() const;
  bool is_cleanup() const { return note.rfind("cleanup", 0) == 0; }
  bool is_watch() const;
  StreamEnd stream_end() const;
};

struct Transcript {
  std::string file_stem;  ///< "cluster-watch"
  std::string scenario;
  std::string description;
  std::vector<TranscriptStep> steps;
};

/// The transcripts directory of the shared tree.
std::string transcripts_dir();
/// The file stems of every *.json transcript, sorted.
std::vector<std::string> transcript_names();
/// Loads `<transcripts_dir()>/<stem>.json`; throws std::runtime_error on a bad file.
Transcript load_transcript(const std::string& stem);

/// `body` serialised the way the recorder (Python's json.dumps) sent it: ", " and ": "
/// separators, non-ASCII escaped. Messages that quote a request body depend on the bytes.
std::string recorder_json(const nlohmann::ordered_json& body);

}  // namespace kraft::testing
