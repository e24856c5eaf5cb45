// Progress on stderr: a spinner line redrawn in place on a terminal, plain lines in a pipe,
// nothing when quiet. stderr is redirected to a pipe for the duration of each test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "progress.h"

namespace kraft::cli {
namespace {

// Captures what is written to fd 2 between construction and take().
class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    EXPECT_EQ(pipe(fds_), 0);
    saved_ = dup(2);
    dup2(fds_[1], 2);
  }
  ~StderrCapture() { restore(); }
  std::string take() {
    restore();
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds_[0], buf, sizeof buf)) > 0;) out.append(buf, n);
    close(fds_[0]);
    return out;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    close(fds_[1]);
    saved_ = -1;
  }
  int fds_[2] = {-1, -1};
  int saved_ = -1;
};

TEST(Progress, LinesStyleWritesOneLinePerChangeAndNoCarriageReturns) {
  StderrCapture capture;
  {
    Progress p(Progress::Style::kLines);
    p.update("cluster a/b: Provisioning");
    p.update("cluster a/b: Provisioning");  // unchanged: not repeated
    p.update("cluster a/b: Ready");
    p.finish("cluster a/b is Ready (0s)");
  }
  EXPECT_EQ(capture.take(),
            "cluster a/b: Provisioning\ncluster a/b: Ready\ncluster a/b is Ready (0s)\n");
}

TEST(Progress, SpinnerRedrawsInPlaceAndClearsItsLineBeforeTheOutcome) {
  StderrCapture capture;
  {
    Progress p(Progress::Style::kSpinner);
    p.update("cluster a/b: Provisioning");
    p.finish("cluster a/b is Ready (0s)");
  }
  const std::string out = capture.take();
  // Whatever frames were drawn, the line is cleared and the outcome stands on its own line.
  const std::string tail = "\r\x1b[Kcluster a/b is Ready (0s)\n";
  ASSERT_GE(out.size(), tail.size()) << out;
  EXPECT_EQ(out.substr(out.size() - tail.size()), tail);
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "the spinner printed lines of its own: " << out;
}

TEST(Progress, QuietPrintsNothing) {
  StderrCapture capture;
  {
    Progress p(Progress::Style::kQuiet);
    p.update("cluster a/b: Provisioning");
    p.finish("cluster a/b is Ready (0s)");
  }
  EXPECT_EQ(capture.take(), "");
}

}  // namespace
}  // namespace kraft::cli
