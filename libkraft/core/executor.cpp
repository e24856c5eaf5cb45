// Executor: K worker threads pulling item indices from a shared counter. Indices are taken
// in order, so items start in index order; the cancellation flag is read just before an
// item starts, which is the one point where "not started" can still be promised.
#include <kraft/core/executor.h>
#include <kraft/core/text.h>

#include <algorithm>
#include <thread>
#include <typeinfo>

namespace kraft {

Failure describe_exception(std::exception_ptr exception) {
  Failure f;
  f.exception = exception;
  try {
    std::rethrow_exception(exception);
  } catch (const Error& e) {
    f.message = sanitize_text(e.what(), 0);
    f.exit_code = e.exit_code();
  } catch (const std::exception& e) {
    f.message = sanitize_text(e.what(), 0);
    if (f.message.empty()) f.message = typeid(e).name();
  } catch (...) {
    f.message = "unknown error (an exception that is not a std::exception)";
  }
  return f;
}

Executor::Executor(ExecutorOptions options) : options_(std::move(options)) {
  options_.max_in_flight = std::max(1, options_.max_in_flight);
}

void Executor::run(std::size_t n, const std::function<void(std::size_t, bool)>& item) const {
  if (n == 0) return;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      item(i, options_.cancel.cancelled());
    }
  };
  const std::size_t threads = std::min<std::size_t>(n, options_.max_in_flight);
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

}  // namespace kraft
