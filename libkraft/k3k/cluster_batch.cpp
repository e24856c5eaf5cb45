// Many creates at once, on the executor: a bounded number in flight, one outcome
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
#include <kraft/k3k/resources.h>

#include <chrono>
#include <random>
#include <thread>

#include "k3k/object_wait.h"

namespace kraft::k3k {
namespace {

// How long a retry waits for a namespace an earlier attempt rolled back: kube-controller-
// manager's namespace controller usually takes seconds, minutes when something holds a
// finalizer (then the item fails with the namespace named).
constexpr std::chrono::minutes kNamespaceGoneWithin{2};

// An answer that says nothing about the request itself: worth another attempt.
bool transient(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const TransportError&) {
    return true;
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
          } catch (const NamespaceTerminatingError& e) {
            // An earlier attempt's rollback, still going (seconds on a real host): wait for
            // the namespace to be gone rather than guess how long that takes.
            if (attempt >= batch.attempts || batch.cancel.cancelled()) throw;
            const auto deadline = std::chrono::steady_clock::now() + kNamespaceGoneWithin;
            if (!detail::wait_for_object(client_, api::resources::namespaces(), "", e.object().name,
                                         deadline,
                                         [](const nlohmann::json* ns) { return ns == nullptr; })) {
              throw;
            }
            continue;
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

}  // namespace kraft::k3k
