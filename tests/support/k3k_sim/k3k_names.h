#pragma once
// K3k's object names: "k3k-" + parts joined by "-", shortened past 63 characters exactly as
// K3k's SafeConcatName does (see docs/k3k.md, "Naming conventions"), so
// names the simulator creates are the names a real K3k controller would create.
#include <string>
#include <string_view>
#include <vector>

namespace kraft::testing {

/// Lower-case hex of `bytes` (Go's hex.EncodeToString).
std::string hex_encode(std::string_view bytes);

/// The parts joined by "-"; longer than 63 characters: cut and suffixed with a sha256 prefix.
std::string safe_concat_name(const std::vector<std::string>& parts);

/// `k3k-CLUSTER[-SUFFIX...]`, e.g. k3k_name("a", {"service"}) == "k3k-a-service".
std::string k3k_name(const std::string& cluster, const std::vector<std::string>& suffixes = {});

}  // namespace kraft::testing
