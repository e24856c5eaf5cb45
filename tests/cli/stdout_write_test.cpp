// A failed write to stdout is a failed command: `kraft kubeconfig get demo > file` on a full
// disk must not exit 0 with nothing written, or a script takes the empty file for a
// kubeconfig. A reader that went away (`| head`) ends kraft quietly, as it ends other tools.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixture/k3k_host.h"
#include "test_support/stdout_sink.h"

namespace kraft::testing {
namespace {

const std::string kDiskFull = "error: cannot write to standard output: No space left on device\n";

TEST(StdoutWrite, EveryCommandWithoutAServerFailsOnAFullDisk) {
  K3kHost env(without_controller());
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"--help"},
           {"--version"},
           {"create", "--help"},
           {"kubeconfig", "get", "-h"},
           {"version", "--client"},
           {"version", "--client", "-o", "json"},
           {"completion", "bash"},
           {"create", "demo", "--dry-run=client", "-o", "yaml"},
           {"kubeconfig", "list"},
       }) {
    auto r = run_kraft_into(StdoutSink::kFullDisk, args, env.environment());
    const std::string what = args.empty() ? "(no arguments)" : args[0] + " " + args.back();
    EXPECT_EQ(r.exit_code, 1) << what << ": " << r.err;
    EXPECT_EQ(r.err, kDiskFull) << what;
  }
}

TEST(StdoutWrite, CommandsReadingTheHostFailOnAFullDisk) {
  K3kHost host;
  host.create_ready(
      "team", "demo",
      {{"expose", {{"nodePort", {{"serverPort", 30443}}}}}, {"tlsSANs", {"127.0.0.1"}}});
  host.create_ready("team", "other");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"version"},
           {"list"},
           {"list", "-o", "json"},
           {"list", "-o", "yaml"},
           {"get", "team/demo"},
           {"get", "team/demo", "-o", "json"},
           {"describe", "team/demo"},
           {"kubeconfig", "get", "team/demo"},
       }) {
    auto r = run_kraft_into(StdoutSink::kFullDisk, args, host.environment());
    EXPECT_EQ(r.exit_code, 1) << args[0] << " " << args.back() << ": " << r.err;
    EXPECT_EQ(r.err, kDiskFull) << args[0] << " " << args.back();
  }
}

TEST(StdoutWrite, AReaderThatLeftEndsKraftQuietly) {
  K3kHost host;
  host.create_ready("team", "demo");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"completion", "bash"}, {"--help"}, {"list", "-o", "json"}}) {
    // SIGPIPE at its default: the signal ends kraft, as it ends cat or ls.
    auto r = run_kraft_into(StdoutSink::kClosedPipe, args, host.environment());
    EXPECT_EQ(r.exit_code, 128 + 13) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << args[0];
    // SIGPIPE ignored by whoever started kraft: the write fails with EPIPE instead; exit 1,
    // still without a word (the reader stopped reading on purpose).
    r = run_kraft_into(StdoutSink::kClosedPipeIgnored, args, host.environment());
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << args[0];
  }
}

TEST(StdoutWrite, AnErrorStillReachesAFullStderrWithoutCrashing) {
  // stderr on /dev/full too: nothing can be said, but kraft must still exit with its code
  // (it used to abort, 134, when printing the error threw).
  K3kHost env(without_controller());
  auto r = run_process(
      "/bin/sh",
      {"-c", "exec \"$0\" \"$@\" 2>/dev/full", KRAFT_BINARY, "create", "demo", "--bogus"},
      env.environment());
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace kraft::testing
