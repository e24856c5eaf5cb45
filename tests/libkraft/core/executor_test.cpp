// The executor: bounded concurrency, results in item order, every kind of exception kept,
// and cancellation that starts nothing new. Synchronisation is by latches and condition
// variables, never by sleeping.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/core/executor.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

namespace kraft {
namespace {

TEST(Executor, NeverRunsMoreThanTheBoundAtOnceAndReachesIt) {
  std::mutex mu;
  std::condition_variable cv;
  int in_flight = 0;
  int most = 0;
  Executor pool({.max_in_flight = 4});
  auto results = pool.map<int>(40, [&](std::size_t i) {
    std::unique_lock lock(mu);
    most = std::max(most, ++in_flight);
    // The first four wait for each other, so the bound is reached, not just respected.
    if (i < 4) cv.wait(lock, [&] { return most >= 4; });
    cv.notify_all();
    --in_flight;
    return static_cast<int>(i) * 2;
  });
  EXPECT_EQ(most, 4);
  ASSERT_EQ(results.size(), 40u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << i;
    EXPECT_EQ(*results[i].value, static_cast<int>(i) * 2);
  }
}

TEST(Executor, KeepsEachItemsErrorAndGoesOnWithTheOthers) {
  Executor pool({.max_in_flight = 3});
  auto results = pool.map<std::string>(6, [](std::size_t i) -> std::string {
    if (i == 1) throw api::ApiError(404, "NotFound", "cluster \"b\" not found");
    if (i == 3) throw std::runtime_error("plain\nfailure");
    if (i == 4) throw 42;  // not even an exception class
    return "item " + std::to_string(i);
  });
  EXPECT_EQ(*results[0].value, "item 0");
  ASSERT_TRUE(results[1].failure);
  EXPECT_EQ(results[1].failure->exit_code, ExitCode::kNotFound);
  EXPECT_NE(results[1].failure->message.find("cluster \"b\" not found"), std::string::npos);
  // The exception itself is kept with its type.
  EXPECT_THROW(std::rethrow_exception(results[1].failure->exception), api::ApiError);
  EXPECT_EQ(results[3].failure->exit_code, ExitCode::kError);
  EXPECT_EQ(results[3].failure->message, "plain\\nfailure");  // one line
  ASSERT_TRUE(results[4].failure);
  EXPECT_NE(results[4].failure->message.find("unknown error"), std::string::npos);
  EXPECT_EQ(*results[5].value, "item 5");
  EXPECT_EQ(batch_exit_code(results), ExitCode::kError);
}

TEST(Executor, BatchExitCodeIsTheCommonCodeOfTheFailures) {
  std::vector<Outcome<int>> outcomes(3);
  outcomes[0].value = 1;
  EXPECT_EQ(batch_exit_code(std::vector<Outcome<int>>{outcomes[0]}), ExitCode::kSuccess);
  outcomes[1].failure = Failure{"a", ExitCode::kNotFound, nullptr};
  outcomes[2].failure = Failure{"b", ExitCode::kNotFound, nullptr};
  EXPECT_EQ(batch_exit_code(outcomes), ExitCode::kNotFound);
  outcomes[2].failure->exit_code = ExitCode::kTimeout;
  EXPECT_EQ(batch_exit_code(outcomes), ExitCode::kError);
}

TEST(Executor, CancellationStartsNothingNewAndLetsInFlightItemsFinish) {
  CancellationSource cancel;
  std::mutex mu;
  std::condition_variable cv;
  bool cancelled = false;
  std::set<std::size_t> started;
  Executor pool({.max_in_flight = 2, .cancel = cancel.token()});
  std::vector<std::size_t> done_order;
  auto results = pool.map<int>(
      10,
      [&](std::size_t i) {
        std::unique_lock lock(mu);
        started.insert(i);
        if (i == 3) {
          // Item 3 trips the token, as a signal handler would, while item 2 is in flight.
          cancel.cancel();
          cancelled = true;
          cv.notify_all();
        }
        if (i == 2) cv.wait(lock, [&] { return cancelled; });
        return static_cast<int>(i);
      },
      [&](std::size_t i, const Outcome<int>&) {
        std::lock_guard lock(mu);
        done_order.push_back(i);
      });
  EXPECT_EQ(started, (std::set<std::size_t>{0, 1, 2, 3}));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(results[i].ok()) << i;  // finished
  for (std::size_t i = 4; i < 10; ++i) {
    EXPECT_TRUE(results[i].cancelled) << i;
    EXPECT_FALSE(results[i].ok());
    EXPECT_FALSE(results[i].failure);
  }
  EXPECT_EQ(done_order.size(), 10u);  // on_done is told about every item, cancelled too
  EXPECT_EQ(batch_exit_code(results), ExitCode::kError);
}

TEST(Executor, ADefaultTokenIsNeverCancelledAndZeroItemsIsNothing) {
  EXPECT_FALSE(CancellationToken().cancelled());
  Executor pool;
  EXPECT_TRUE(pool.map<int>(0, [](std::size_t) { return 1; }).empty());
  Executor bounded({.max_in_flight = 0});  // treated as 1
  auto results = bounded.map<int>(3, [](std::size_t i) { return static_cast<int>(i); });
  EXPECT_EQ(*results[2].value, 2);
}

}  // namespace
}  // namespace kraft
