// Shell completion and the man page are checked against the real command tree.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "process/process.h"

namespace kraft::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(KraftCompletion, CommittedBashScriptMatchesTheCommandTree) {
  auto r = run_kraft({"completion", "bash"}, {{"KUBECONFIG", "/"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(std::string(KRAFT_SOURCE_DIR) + "/completions/kraft.bash"))
      << "regenerate with: build/default/cli/kraft completion bash > completions/kraft.bash";
  EXPECT_NE(r.out.find("--kubeconfig"), std::string::npos);
  EXPECT_NE(r.out.find("version"), std::string::npos);
}

TEST(KraftCompletion, UnknownShellIsAUsageError) {
  auto r = run_kraft({"completion", "fish"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(KraftManPage, DocumentsEveryCommand) {
  std::string man = read_file(std::string(KRAFT_SOURCE_DIR) + "/man/kraft.1");
  for (const char* cmd : {"version", "completion", "kubeconfig", "context", "request\\-timeout"}) {
    EXPECT_NE(man.find(cmd), std::string::npos) << cmd << " missing from man/kraft.1";
  }
}

}  // namespace
}  // namespace kraft::testing
