#pragma once
// ClusterRequests for the k3k tests, shared so that the test files also compile together in
// one unity batch.
#include <kraft/k3k/cluster_request.h>

#include <string>

namespace kraft::k3k::testing {

/// A request for cluster `name` in namespace `ns` ("": the default), everything else default.
inline ClusterRequest named(const std::string& name, const std::string& ns = "") {
  ClusterRequest r;
  r.name = name;
  r.ns = ns;
  return r;
}

}  // namespace kraft::k3k::testing
