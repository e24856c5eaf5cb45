#pragma once
// Waiting for one named object to reach a state, with a watch that starts from the current
// state (the server sends it as a synthetic ADDED), reconnecting until a deadline.
#include <kraft/api/client.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace kraft::k3k::detail {

/// Calls `done` with the object (nullptr while it does not exist) and on every change until
/// it returns true (→ true) or `deadline` passes (→ false).
bool wait_for_object(const api::Client& client, const api::ResourceInfo& resource,
                     const std::string& ns, const std::string& name,
                     std::chrono::steady_clock::time_point deadline,
                     const std::function<bool(const nlohmann::json*)>& done);

}  // namespace kraft::k3k::detail
