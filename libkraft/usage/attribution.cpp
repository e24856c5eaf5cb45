#include <kraft/api/json_view.h>
#include <kraft/usage/attribution.h>

namespace kraft::usage {

std::string_view to_string(PodRole role) {
  switch (role) {
    case PodRole::kServer:
      return "server";
    case PodRole::kAgent:
      return "agent";
    case PodRole::kWorkload:
      break;
  }
  return "workload";
}

std::optional<Owner> owner_of(const nlohmann::json& object) {
  const std::string ns(api::metadata_string(object, "namespace"));
  // The workload label wins: a virtual pod may carry a user label `cluster` of its own.
  if (std::string_view name = api::label_at(object, kClusterNameLabel); !name.empty()) {
    return Owner{{ns, std::string(name)}, PodRole::kWorkload};
  }
  const std::string_view name = api::label_at(object, kClusterLabel);
  if (name.empty()) return std::nullopt;
  if (api::label_at(object, "role") == "server") {
    return Owner{{ns, std::string(name)}, PodRole::kServer};
  }
  if (api::label_at(object, "type") == "agent") {
    return Owner{{ns, std::string(name)}, PodRole::kAgent};
  }
  return std::nullopt;
}

}  // namespace kraft::usage
