#pragma once
// Quantities for people to read, the way `kubectl top` prints usage (kubectl's
// pkg/metricsutil/metrics_printer.go, printSingleResourceUsage): CPU in whole millicores,
// memory in whole mebibytes. These are display forms and lose precision; for anything a
// program or a server reads back, use Quantity::to_string(), the canonical form.
#include <kraft/core/quantity.h>

#include <string>

namespace kraft {

/// CPU as `kubectl top` prints it: millicores rounded up, "329087452n" -> "330m".
std::string format_cpu_millicores(const Quantity& cpu);

/// Memory as `kubectl top` prints it: mebibytes rounded down, "2748180Ki" -> "2683Mi".
std::string format_memory_mebibytes(const Quantity& memory);

}  // namespace kraft
