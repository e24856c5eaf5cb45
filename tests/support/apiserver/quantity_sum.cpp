#include "quantity_sum.h"

#include <cmath>
#include <map>

namespace kraft::testing {

using nlohmann::json;

bool parse_quantity(const std::string& text, long double& value) {
  static const std::map<std::string, long double> suffixes = {
      {"", 1.0L},          {"n", 1e-9L},         {"u", 1e-6L},        {"m", 1e-3L},
      {"k", 1e3L},         {"M", 1e6L},          {"G", 1e9L},         {"T", 1e12L},
      {"P", 1e15L},        {"E", 1e18L},         {"Ki", 1024.0L},     {"Mi", 1048576.0L},
      {"Gi", 1073741824.0L}, {"Ti", 1099511627776.0L}, {"Pi", 1125899906842624.0L},
      {"Ei", 1152921504606846976.0L}};
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = i;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == digits) return false;
  long double number = std::stold(text.substr(0, i));
  std::string suffix = text.substr(i);
  if (!suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E') && suffix.size() > 1) {
    value = number * std::pow(10.0L, std::stold(suffix.substr(1)));
    return true;
  }
  auto it = suffixes.find(suffix);
  if (it == suffixes.end()) return false;
  value = number * it->second;
  return true;
}

std::string format_quantity(long double value, bool binary) {
  if (value == 0) return "0";
  auto whole = [](long double v) { return std::fabs(v - std::round(v)) < 1e-9L; };
  if (binary) {
    const char* names[] = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
    long double unit = 1152921504606846976.0L;
    for (const char* n : names) {
      if (value >= unit && whole(value / unit)) {
        return std::to_string(static_cast<long long>(std::round(value / unit))) + n;
      }
      unit /= 1024.0L;
    }
  }
  if (whole(value)) return std::to_string(static_cast<long long>(std::round(value)));
  return std::to_string(static_cast<long long>(std::round(value * 1000))) + "m";
}

namespace {

long double pod_resource_sum(const ObjectStore& store, const std::string& ns,
                             const std::string& section, const std::string& resource) {
  long double sum = 0;
  for (const json* pod : store.list("pods", ns)) {
    std::string phase = (*pod).value("status", json::object()).value("phase", "");
    if (phase == "Succeeded" || phase == "Failed") continue;
    for (const auto& c : (*pod)["spec"].value("containers", json::array())) {
      const json res = c.value("resources", json::object()).value(section, json::object());
      if (res.contains(resource) && res[resource].is_string()) {
        long double v = 0;
        if (parse_quantity(res[resource].get<std::string>(), v)) sum += v;
      }
    }
  }
  return sum;
}

}  // namespace

std::string quota_usage(const ObjectStore& store, const std::string& ns, const std::string& key) {
  static const std::map<std::string, std::string> plain_counts = {
      {"pods", "pods"},
      {"secrets", "secrets"},
      {"configmaps", "configmaps"},
      {"services", "services"},
      {"persistentvolumeclaims", "persistentvolumeclaims"},
      {"resourcequotas", "resourcequotas"}};
  if (auto it = plain_counts.find(key); it != plain_counts.end()) {
    return std::to_string(store.list(it->second, ns).size());
  }
  if (key.rfind("count/", 0) == 0) {
    return std::to_string(store.list(key.substr(6), ns).size());
  }
  std::string section = "requests";
  std::string resource = key;
  if (key.rfind("requests.", 0) == 0) {
    resource = key.substr(9);
  } else if (key.rfind("limits.", 0) == 0) {
    section = "limits";
    resource = key.substr(7);
  }
  bool binary = resource == "memory" || resource == "storage" || resource == "ephemeral-storage";
  return format_quantity(pod_resource_sum(store, ns, section, resource), binary);
}

}  // namespace kraft::testing
