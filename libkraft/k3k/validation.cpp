// Name checks made before any request, so a bad name fails in one clear line instead of a
// 422 from the server (or, worse, a K3k controller that never provisions the cluster).
#include <kraft/core/error.h>
#include <kraft/k3k/names.h>

#include "core/ascii.h"

namespace kraft::k3k {
namespace {

constexpr std::size_t kMaxLabelLength = 63;

using kraft::detail::is_lower_alnum;

// A valid label close to `s`, offered as "did you mean": lowercase, other characters
// become '-', trimmed to 63 and of leading/trailing '-'. Empty when nothing is left.
std::string suggest_label(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += is_lower_alnum(c) ? c : '-';
  }
  if (out.size() > kMaxLabelLength) out.resize(kMaxLabelLength);
  const auto first = out.find_first_not_of('-');
  if (first == std::string::npos) return "";
  const auto last = out.find_last_not_of('-');
  return out.substr(first, last - first + 1);
}

// Throws the one-line error for a name that is not a DNS-1123 label. `what` is "cluster
// name", "namespace name", ...
void check_label(std::string_view s, const char* what) {
  if (s.empty())
    throw ValidationError(std::string(what) + " is empty; give a name such as \"dev\"");
  if (is_dns1123_label(s)) return;
  std::string message = std::string(what) + " \"" + std::string(s) + "\" is invalid: ";
  if (s.size() > kMaxLabelLength) {
    message += "it has " + std::to_string(s.size()) + " characters, at most 63 are allowed";
  } else {
    message +=
        "use only lowercase letters, digits and '-', starting and ending with a letter or digit";
  }
  if (const std::string hint = suggest_label(s); !hint.empty() && hint != s) {
    message += " (did you mean \"" + hint + "\"?)";
  }
  throw ValidationError(message);
}

}  // namespace

bool is_dns1123_label(std::string_view s) {
  if (s.empty() || s.size() > kMaxLabelLength) return false;
  if (!is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

void validate_cluster_name(std::string_view name) {
  check_label(name, "cluster name");
  // K3k's controller refuses a Cluster named "system"; catch it before creating anything.
  if (name == "system") {
    throw ValidationError("cluster name \"system\" is reserved by K3k; choose another name");
  }
}

void validate_namespace_name(std::string_view ns) { check_label(ns, "namespace name"); }

void validate_policy_name(std::string_view name) { check_label(name, "policy name"); }

}  // namespace kraft::k3k
