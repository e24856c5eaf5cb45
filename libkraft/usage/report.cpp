// Names of the report's enums, and the quota arithmetic.
#include <kraft/api/json_view.h>
#include <kraft/usage/aggregate.h>
#include <kraft/usage/report.h>

#include <cstdint>
#include <limits>

namespace kraft::usage {

std::string_view to_string(Availability availability) {
  switch (availability) {
    case Availability::kAvailable:
      return "available";
    case Availability::kNotServed:
      return "not served";
    case Availability::kForbidden:
      return "forbidden";
    case Availability::kFailed:
      break;
  }
  return "failed";
}

std::string_view resource_name(Source source) {
  switch (source) {
    case Source::kPods:
      return "pods";
    case Source::kPodMetrics:
      return "pods.metrics.k8s.io";
    case Source::kVolumeClaims:
      return "persistentvolumeclaims";
    case Source::kQuotas:
      return "resourcequotas";
    case Source::kNodes:
      return "nodes";
    case Source::kNodeMetrics:
      break;
  }
  return "nodes.metrics.k8s.io";
}

std::optional<Quantity> ClusterUsage::cpu_used() const {
  if (!usage) return std::nullopt;
  return amount(*usage, kCpu);
}

std::optional<Quantity> ClusterUsage::memory_used() const {
  if (!usage) return std::nullopt;
  return amount(*usage, kMemory);
}

std::optional<double> percent_of(const Quantity& used, const Quantity& hard) {
  if (hard.is_zero()) return std::nullopt;
  // Thousandths keep "500m of 2" exact; past 9.2e15 units (8 PiB) they saturate, and whole
  // units, exact enough for a percentage, take over.
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  auto saturated = [&](std::int64_t v) { return v == kMax || v == kMin; };
  const std::int64_t used_milli = used.milli_value();
  const std::int64_t hard_milli = hard.milli_value();
  long double u = 0;
  long double h = 0;
  if (!saturated(used_milli) && !saturated(hard_milli)) {
    u = static_cast<long double>(used_milli);
    h = static_cast<long double>(hard_milli);
  } else {
    u = static_cast<long double>(used.value());
    h = static_cast<long double>(hard.value());
  }
  return static_cast<double>(u / h * 100.0L);
}

std::vector<QuotaEntry> quota_entries(const nlohmann::json& quota) {
  const nlohmann::json* status = api::child(&quota, "status");
  const nlohmann::json* hard = api::child(status, "hard");
  if (hard == nullptr || !hard->is_object() || hard->empty()) {
    hard = api::child(api::child(&quota, "spec"), "hard");
  }
  const Resources hards = read_resources(hard, "hard");
  const Resources used = read_resources(api::child(status, "used"), "status.used");
  std::vector<QuotaEntry> out;
  out.reserve(hards.size());
  for (const auto& [name, limit] : hards) {
    QuotaEntry entry{name, limit, std::nullopt, std::nullopt};
    if (auto it = used.find(name); it != used.end()) {
      entry.used = it->second;
      entry.percent = percent_of(it->second, limit);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace kraft::usage
