#pragma once
// `kraft describe`'s text, in the manner of kubectl describe: "Key:  value" lines, then
// Conditions, Host Objects and Events as indented tables. Pure: tested without a server.
#include <kraft/k3k/cluster_service.h>

#include <chrono>
#include <optional>
#include <string>

namespace kraft::cli {

/// The description of `details`; `server_url` nullopt prints "<pending>"; ages count from `now`.
std::string describe_text(const k3k::ClusterDetails& details,
                          const std::optional<std::string>& server_url,
                          std::chrono::system_clock::time_point now);

}  // namespace kraft::cli
