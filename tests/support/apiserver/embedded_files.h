#pragma once
// Files compiled into the test API server (cmake/KraftEmbedFiles.cmake): the CRDs of
// third_party/, so that the server, its tests and the demo find them without a path.
#include <optional>
#include <string_view>
#include <vector>

namespace kraft::testing {

struct EmbeddedFile {
  std::string_view name;  ///< the file's name, e.g. "k3k.io_clusters.yaml"
  std::string_view text;  ///< its bytes, as in the repository
};

/// third_party/k3k/crds/*.yaml and third_party/traefik/crds/*.yaml.
const std::vector<EmbeddedFile>& embedded_crds();

/// The embedded CRD file of that name, if there is one.
std::optional<std::string_view> embedded_crd(std::string_view name);

}  // namespace kraft::testing
