// is_quantity (the --storage-size check) is kraft::Quantity's parser: it accepts what both
// hold to K3k's CRD pattern for storageRequestSize,
//   ^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$
// which the API server checks, and resource.Quantity's ParseQuantity, which K3k's controller
// reads the field with: the pattern also lets through exponents with a fraction ("1e1.5") or
// beyond 32 bits, which the controller could not read. fuzz/quantity_fuzzer.cpp holds the
// parser to the pattern.
#include <kraft/core/quantity.h>
#include <kraft/k3k/cluster_request.h>

namespace kraft::k3k {

bool is_quantity(std::string_view s) { return Quantity::try_parse(s).has_value(); }

}  // namespace kraft::k3k
