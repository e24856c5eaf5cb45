// One named object watched until a predicate holds; see object_wait.h.
#include "k3k/object_wait.h"

#include <algorithm>
#include <cmath>

namespace kraft::k3k::detail {

bool wait_for_object(const api::Client& client, const api::ResourceInfo& resource,
                     const std::string& ns, const std::string& name,
                     std::chrono::steady_clock::time_point deadline,
                     const std::function<bool(const nlohmann::json*)>& done) {
  using Clock = std::chrono::steady_clock;
  auto object = client.get_opt(resource, ns, name);
  if (done(object ? &*object : nullptr)) return true;
  bool satisfied = false;
  while (!satisfied && Clock::now() < deadline) {
    api::WatchOptions w;
    w.field_selector = "metadata.name=" + name;
    const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
    w.timeout_seconds = std::max(1, static_cast<int>(std::ceil(left)));
    client.watch(resource, ns, w, [&](const api::WatchEvent& event) {
      if (event.type == "ADDED" || event.type == "MODIFIED") {
        satisfied = done(event.object.get());
      } else if (event.type == "DELETED") {
        satisfied = done(nullptr);
      }
      return !satisfied && Clock::now() < deadline;
    });
  }
  return satisfied;
}

}  // namespace kraft::k3k::detail
