#pragma once
// Running many independent operations (create 50 clusters, delete every cluster of a label)
// with a bounded number in flight, one outcome per item in item order, and cooperative
// cancellation: once cancelled, no new item starts, items in flight run to their end (each
// operation is responsible for leaving nothing half-made, as ClusterService::create is), and
// the items never started report kCancelled.
//
//   kraft::CancellationSource cancel;
//   kraft::Executor pool({.max_in_flight = 16, .cancel = cancel.token()});
//   auto results = pool.map<Cluster>(names.size(), [&](std::size_t i) { return make(names[i]); });
//   for (auto& r : results) if (!r.ok()) std::cerr << r.failure->message << "\n";
#include <kraft/core/error.h>

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kraft {

/// The reading side of a cancellation flag; cheap to copy, safe to read from any thread.
/// A default-constructed token is never cancelled.
class CancellationToken {
 public:
  CancellationToken() = default;
  /// Whether cancellation was requested.
  bool cancelled() const noexcept { return flag_ && flag_->load(std::memory_order_acquire); }

 private:
  friend class CancellationSource;
  explicit CancellationToken(std::shared_ptr<const std::atomic<bool>> flag)
      : flag_(std::move(flag)) {}
  std::shared_ptr<const std::atomic<bool>> flag_;
};

/// The writing side. cancel() is a lock-free atomic store: async-signal-safe, so a SIGINT
/// handler may call it.
class CancellationSource {
 public:
  CancellationSource() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  /// Requests cancellation; idempotent.
  void cancel() noexcept { flag_->store(true, std::memory_order_release); }
  bool cancelled() const noexcept { return flag_->load(std::memory_order_acquire); }
  CancellationToken token() const { return CancellationToken(flag_); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// Why an item did not produce a value.
struct Failure {
  std::string message;                    ///< what() of the exception, one line
  ExitCode exit_code = ExitCode::kError;  ///< a kraft::Error's own code, else kError
  std::exception_ptr exception;           ///< the exception itself, to rethrow or inspect
};

/// Describes any exception (kraft::Error, std::exception, or anything else thrown).
Failure describe_exception(std::exception_ptr exception);

/// The outcome of one item: a value, a failure, or cancelled before it started.
template <class T>
struct Outcome {
  std::optional<T> value;
  std::optional<Failure> failure;
  bool cancelled = false;  ///< never started: it did nothing
  bool ok() const noexcept { return value.has_value(); }
};

/// Which exit code a batch ends with: 0 when every item succeeded; the failures' code when
/// they all agree (3 when every failure was "not found", 4 when every one timed out); 1
/// otherwise. Cancelled items count as failures with code 1.
template <class T>
ExitCode batch_exit_code(const std::vector<Outcome<T>>& outcomes) {
  std::optional<ExitCode> common;
  for (const auto& o : outcomes) {
    if (o.ok()) continue;
    const ExitCode code = o.failure ? o.failure->exit_code : ExitCode::kError;
    if (common && *common != code) return ExitCode::kError;
    common = code;
  }
  return common.value_or(ExitCode::kSuccess);
}

struct ExecutorOptions {
  int max_in_flight = 16;  ///< at least 1
  CancellationToken cancel{};
};

/// Runs items on at most max_in_flight threads of its own (the calling thread only waits).
class Executor {
 public:
  explicit Executor(ExecutorOptions options = {});

  /// Calls op(0..n-1), at most max_in_flight at once, started in index order; returns one
  /// Outcome per index, in index order, once every started item has finished. Whatever op
  /// throws is caught and kept. `on_done(i, outcome)` (optional) runs on the worker thread
  /// right after item i finishes or is found cancelled (for progress; keep it short and
  /// thread-safe).
  template <class T>
  std::vector<Outcome<T>> map(
      std::size_t n, const std::function<T(std::size_t)>& op,
      const std::function<void(std::size_t, const Outcome<T>&)>& on_done = nullptr) const {
    std::vector<Outcome<T>> outcomes(n);
    run(n, [&](std::size_t i, bool cancelled) {
      Outcome<T>& o = outcomes[i];
      if (cancelled) {
        o.cancelled = true;
      } else {
        try {
          o.value.emplace(op(i));
        } catch (...) {
          o.failure = describe_exception(std::current_exception());
        }
      }
      if (on_done) on_done(i, o);
    });
    return outcomes;
  }

 private:
  // Calls item(i, cancelled) exactly once per index: cancelled=true for those never started.
  // item must not throw.
  void run(std::size_t n, const std::function<void(std::size_t, bool)>& item) const;

  ExecutorOptions options_;
};

}  // namespace kraft
