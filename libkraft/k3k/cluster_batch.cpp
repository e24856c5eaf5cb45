// Many creates or removes at once, on the executor: a bounded number in flight, one outcome
// per cluster, nothing new started once cancelled. Each create is create() itself, which
// undoes its own writes when it fails, so an item either made its cluster or left nothing.
//
// A create that fails on the way (a dropped connection, a 5xx, a 429 past the transport's
// own retries) is tried again with the same idempotency key: when the lost answer was in
// fact a success, the retry finds the namespace and the Cluster carrying that key and takes
// them as its own instead of reporting "already exists".
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/errors.h>

#include <chrono>
#include <random>
#include <thread>

namespace kraft::k3k {
namespace {

// An answer that says nothing about the request itself: worth another attempt.
bool transient(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const TransportError&) {
    return true;
  } catch (const NamespaceTerminatingError&) {
    return true;  // an earlier attempt's rollback, still going: gone in a moment
  } catch (const api::ApiError& e) {
    return e.code() >= 500 || e.code() == 429;
  } catch (...) {
    return false;
  }
}

std::string new_key() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string key;
  for (int i = 0; i < 16; ++i) key += "0123456789abcdef"[digit(random)];
  return key;
}

}  // namespace

std::vector<Outcome<CreateResult>> ClusterService::create_many(
    const std::vector<ClusterRequest>& requests, const CreateOptions& create,
    const BatchOptions& batch,
    const std::function<void(std::size_t, const Outcome<CreateResult>&)>& on_done) const {
  CreateOptions options = create;
  if (options.idempotency_key.empty()) options.idempotency_key = new_key();
  Executor pool({.max_in_flight = batch.parallel, .cancel = batch.cancel});
  return pool.map<CreateResult>(
      requests.size(),
      [&](std::size_t i) {
        for (int attempt = 1;; ++attempt) {
          try {
            return this->create(requests[i], options);
          } catch (...) {
            auto error = std::current_exception();
            // Once cancelled, an item that failed stays failed: no new writes start.
            if (attempt >= batch.attempts || !transient(error) || batch.cancel.cancelled()) {
              throw;
            }
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(200) * attempt);
        }
      },
      on_done);
}

std::vector<Outcome<RemoveResult>> ClusterService::remove_many(
    const std::vector<ClusterRef>& refs, const RemoveOptions& options, const BatchOptions& batch,
    const std::function<void(std::size_t, const Outcome<RemoveResult>&)>& on_done) const {
  Executor pool({.max_in_flight = batch.parallel, .cancel = batch.cancel});
  return pool.map<RemoveResult>(
      refs.size(), [&](std::size_t i) { return remove(refs[i], options); }, on_done);
}

}  // namespace kraft::k3k
