#pragma once
// The compiled schemas of the CRD files in third_party/, loaded once per test binary.
#include <memory>

#include "schema/crd.h"

namespace kraft::testing {

inline std::shared_ptr<const Schema> shared_schema(const char* path) {
  return load_crd_file(path).versions.at(0).schema;
}
inline std::shared_ptr<const Schema> cluster_schema() {
  static const auto schema = shared_schema(KRAFT_THIRD_PARTY_DIR "/k3k/crds/k3k.io_clusters.yaml");
  return schema;
}
inline std::shared_ptr<const Schema> policy_schema() {
  static const auto schema =
      shared_schema(KRAFT_THIRD_PARTY_DIR "/k3k/crds/k3k.io_virtualclusterpolicies.yaml");
  return schema;
}
inline std::shared_ptr<const Schema> traefik_schema() {
  static const auto schema =
      shared_schema(KRAFT_THIRD_PARTY_DIR "/traefik/crds/traefik.io_ingressroutetcps.yaml");
  return schema;
}

}  // namespace kraft::testing
