// The oracle test: every transcript of a real kube-apiserver v1.26 in
// tests/data/kube-transcripts is replayed against a fresh TestApiServer, and every step must
// answer the same status, headers and body (placeholders aside). When they disagree, the
// transcript wins: fix the server, or, if matching is genuinely hard, list the step below.
#include <gtest/gtest.h>

#include <ctime>
#include <set>

#include "test_support/transcript_replayer.h"

namespace kraft::testing {
namespace {

/// A step the test server does not match yet, and why that is hard. The list may only
/// shrink: a listed step that starts to match fails the test until it is removed.
struct KnownGap {
  const char* scenario;  ///< file stem
  size_t step;
  const char* reason;
};

const std::vector<KnownGap>& known_gaps() {
  static const std::vector<KnownGap> gaps = {};
  return gaps;
}

const KnownGap* find_gap(const std::string& scenario, size_t step) {
  for (const auto& gap : known_gaps()) {
    if (scenario == gap.scenario && step == gap.step) return &gap;
  }
  return nullptr;
}

TestApiServerOptions replay_options() {
  TestApiServerOptions options;
  // "GET right after DELETE, while terminating" must still see the namespace; leave the
  // namespace controller enough slack on a loaded machine (cleanup polls for the end anyway).
  options.registry.namespace_finalize_delay = std::chrono::milliseconds(500);
  // Each recording ran within whole seconds where it matters: managedFields entries are sorted
  // by time (in seconds), so a second boundary between two of our writes would reorder them.
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char frozen[32];
  std::strftime(frozen, sizeof frozen, "%Y-%m-%dT%H:%M:%SZ", &tm);
  options.registry.clock = [now = std::string(frozen)] { return now; };
  return options;
}

class TranscriptReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(TranscriptReplay, EveryStepAnswersAsTheRealServerDid) {
  const Transcript transcript = load_transcript(GetParam());
  TestApiServer server(replay_options());
  TranscriptReplayer replayer(server);
  const auto outcomes = replayer.replay(transcript);
  ASSERT_EQ(outcomes.size(), transcript.steps.size());
  size_t matched = 0;
  for (const auto& outcome : outcomes) {
    const KnownGap* gap = find_gap(transcript.file_stem, outcome.index);
    if (outcome.matched) ++matched;
    if (!outcome.matched && gap == nullptr) {
      ADD_FAILURE() << transcript.file_stem << ": " << outcome.report;
    } else if (outcome.matched && gap != nullptr) {
      ADD_FAILURE() << transcript.file_stem << " step " << outcome.index
                    << " is listed as a known gap (" << gap->reason
                    << ") but matches now: remove it from known_gaps()";
    }
  }
  std::cout << transcript.file_stem << ": " << matched << "/" << outcomes.size()
            << " steps match\n";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(KubeTranscripts, TranscriptReplay, ::testing::ValuesIn(transcript_names()),
                         test_name);

TEST(TranscriptReplayGaps, EveryKnownGapNamesARecordedStep) {
  const auto names = transcript_names();
  std::set<std::pair<std::string, size_t>> seen;
  for (const auto& gap : known_gaps()) {
    ASSERT_NE(std::find(names.begin(), names.end(), gap.scenario), names.end()) << gap.scenario;
    EXPECT_LT(gap.step, load_transcript(gap.scenario).steps.size()) << gap.scenario;
    EXPECT_TRUE(seen.insert({gap.scenario, gap.step}).second)
        << gap.scenario << " step " << gap.step << " is listed twice";
    EXPECT_STRNE(gap.reason, "") << gap.scenario << " step " << gap.step;
  }
}

}  // namespace
}  // namespace kraft::testing
