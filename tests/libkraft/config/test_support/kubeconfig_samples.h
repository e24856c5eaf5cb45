#pragma once
// Kubeconfig helpers several config tests share (one copy here, so that the files of the test
// executable also compile together in one unity batch).
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

/// One cluster and one context, both "a", without a user: the file the writers below edit.
inline const std::string kOneContextConfig = R"(apiVersion: v1
kind: Config
clusters:
- {name: a, cluster: {server: https://a}}
contexts:
- {name: a, context: {cluster: a}}
current-context: a
)";

/// Appends context `name` on cluster "a" (with `user`, when given) to `c`.
inline void add_context(config::Kubeconfig& c, const std::string& name,
                        const std::string& user = "") {
  c.contexts.push_back(
      {name, config::ContextInfo{"a", user, ""}, nlohmann::json::object(), c.source});
}

/// The names of `entries` (clusters, users or contexts), in order.
template <class Entries>
std::vector<std::string> names(const Entries& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

/// The ConfigError that parsing `yaml` as the file `source` throws, or "(no error)".
inline std::string parse_error_of(const std::string& yaml,
                                  const std::string& source = "/home/u/.kube/config") {
  try {
    config::parse_kubeconfig(yaml, source);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace kraft::testing
