#include "fault_injector.h"

namespace kraft::testing {

Fault Fault::latency_of(std::chrono::milliseconds d, std::string path, int times) {
  Fault f;
  f.kind = Kind::kLatency;
  f.latency = d;
  f.path_pattern = std::move(path);
  f.times = times;
  return f;
}

Fault Fault::status_of(int code, std::string path, int times, int retry_after) {
  Fault f;
  f.kind = Kind::kStatus;
  f.status = code;
  f.path_pattern = std::move(path);
  f.times = times;
  f.retry_after_seconds = retry_after;
  return f;
}

Fault Fault::drop(std::string path, int times) {
  Fault f;
  f.kind = Kind::kDropConnection;
  f.path_pattern = std::move(path);
  f.times = times;
  return f;
}

int FaultInjector::add(Fault fault) {
  std::lock_guard lock(mu_);
  std::regex pattern(fault.path_pattern);
  entries_.push_back(Entry{std::move(fault), std::move(pattern), 0});
  return static_cast<int>(entries_.size()) - 1;
}

void FaultInjector::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

int FaultInjector::hits(int id) const {
  std::lock_guard lock(mu_);
  if (id < 0 || static_cast<size_t>(id) >= entries_.size()) return 0;
  return entries_[static_cast<size_t>(id)].hits;
}

FaultInjector::Decision FaultInjector::on_request(const std::string& method,
                                                  const std::string& path) {
  std::lock_guard lock(mu_);
  Decision d;
  for (auto& e : entries_) {
    if (e.fault.times >= 0 && e.hits >= e.fault.times) continue;
    if (!e.fault.method.empty() && e.fault.method != method) continue;
    if (!std::regex_match(path, e.pattern)) continue;
    if (e.fault.kind == Fault::Kind::kLatency) {
      d.delay += e.fault.latency;
      ++e.hits;
    } else if (!d.failure) {
      d.failure = e.fault;
      ++e.hits;
    }
  }
  return d;
}

}  // namespace kraft::testing
