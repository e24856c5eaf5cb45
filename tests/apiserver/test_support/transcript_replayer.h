#pragma once
// Replays a recorded transcript against a TestApiServer, step by step, and says for each step
// whether the test server answered as the real kube-apiserver did.
//
//   TestApiServer server;
//   TranscriptReplayer replayer(server);
//   for (const StepOutcome& o : replayer.replay(load_transcript("cluster-watch"))) ...
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "test_client.h"
#include "transcript.h"
#include "transcript_matcher.h"

namespace kraft::testing {

struct StepOutcome {
  size_t index = 0;
  bool matched = false;
  std::string report;  ///< what differed (empty when matched)
};

class TranscriptReplayer {
 public:
  explicit TranscriptReplayer(TestApiServer& server);
  ~TranscriptReplayer();

  /// Runs every step in order (watches in the background while the next steps run) and
  /// returns one outcome per step, in step order.
  std::vector<StepOutcome> replay(const Transcript& transcript);

 private:
  struct OpenWatch;
  struct Answer;

  TestClient& client_for(const nlohmann::json& request);
  Answer perform(const TranscriptStep& step);
  std::vector<Mismatch> compare(const TranscriptStep& step, const Answer& answer,
                                PlaceholderBindings& bindings) const;
  StepOutcome run_plain(const TranscriptStep& step);
  void open_watch(const TranscriptStep& step);
  StepOutcome collect(OpenWatch& watch);
  /// Fills in <time> and <uid> of a request body from the object it was copied from.
  nlohmann::ordered_json substitute_request_body(const nlohmann::ordered_json& body,
                                                 const std::string& path) const;
  void remember_objects(const nlohmann::json& body);

  TestApiServer& server_;
  std::map<std::string, std::unique_ptr<TestClient>> clients_;  ///< by `auth`
  PlaceholderBindings bindings_;
  std::map<std::string, nlohmann::json> last_seen_;  ///< metadata.name -> last actual object
  std::vector<std::unique_ptr<OpenWatch>> watches_;
};

}  // namespace kraft::testing
