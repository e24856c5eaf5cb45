#pragma once
// Fault injection for tests: latency, error statuses (429 with Retry-After, 500, 503) and
// dropped connections, for requests whose method and path match, a given number of times.
#include <chrono>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace kraft::testing {

struct Fault {
  enum class Kind { kLatency, kStatus, kDropConnection };
  Kind kind = Kind::kStatus;
  std::string method;          ///< "" matches every method
  std::string path_pattern;    ///< ECMAScript regex over the path (no query), whole match
  int times = 1;               ///< how many matching requests it hits; -1 = every one
  int status = 503;            ///< kStatus
  int retry_after_seconds = 0; ///< kStatus with 429/503: sent as Retry-After when > 0
  std::chrono::milliseconds latency{0};  ///< kLatency

  static Fault latency_of(std::chrono::milliseconds d, std::string path = ".*", int times = -1);
  static Fault status_of(int code, std::string path = ".*", int times = 1, int retry_after = 0);
  static Fault drop(std::string path = ".*", int times = 1);
};

class FaultInjector {
 public:
  /// Adds a fault; returns its id.
  int add(Fault fault);
  void clear();
  /// How many requests a fault has hit so far.
  int hits(int id) const;

  struct Decision {
    std::chrono::milliseconds delay{0};
    std::optional<Fault> failure;  ///< a kStatus or kDropConnection fault to apply
  };
  /// Consumes matching faults for one request.
  Decision on_request(const std::string& method, const std::string& path);

 private:
  struct Entry {
    Fault fault;
    std::regex pattern;
    int hits = 0;
  };
  mutable std::mutex mu_;
  std::vector<Entry> entries_;
};

}  // namespace kraft::testing
