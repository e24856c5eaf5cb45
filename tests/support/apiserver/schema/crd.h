#pragma once
// A CustomResourceDefinition as the test server needs it: names, scope, served versions with
// their compiled schemas and subresources. Loaded from CRD YAML (third_party/*/crds, embedded in
// the server by embedded_files.h, or any file given to it).
#include <memory>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace kraft::testing {

struct CrdVersion {
  std::string name;  ///< "v1beta1"
  bool served = true;
  bool storage = true;
  bool status_subresource = false;
  std::shared_ptr<const Schema> schema;
};

struct Crd {
  std::string group;      ///< "k3k.io"
  std::string kind;       ///< "Cluster"
  std::string list_kind;  ///< "ClusterList"
  std::string plural;     ///< "clusters"
  std::string singular;   ///< "cluster"
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool namespaced = true;
  std::vector<CrdVersion> versions;
  nlohmann::json raw;  ///< the CRD object itself, as JSON
};

/// Reads one CRD YAML file. Throws std::runtime_error naming the file on malformed YAML, a
/// document that is not a CRD, or a schema/CEL rule the test server cannot enforce.
Crd load_crd_file(const std::string& path);
/// The same for CRD YAML already in memory; `origin` names it in errors.
Crd load_crd_text(const std::string& text, const std::string& origin);

/// Converts one YAML document to JSON with the types YAML 1.2 core schema gives scalars
/// (true/false, integers, floats, null; quoted scalars stay strings).
nlohmann::json yaml_to_json(const std::string& yaml_text);

}  // namespace kraft::testing
