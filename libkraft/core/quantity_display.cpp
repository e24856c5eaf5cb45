// kubectl top's renderings (quantity_display.h): fmt.Fprintf(out, "%vm", q.MilliValue()) and
// fmt.Fprintf(out, "%vMi", q.Value()/(1024*1024)); Go's integer division truncates toward
// zero, as C++'s does.
#include <kraft/core/quantity_display.h>

namespace kraft {

std::string format_cpu_millicores(const Quantity& cpu) {
  return std::to_string(cpu.milli_value()) + "m";
}

std::string format_memory_mebibytes(const Quantity& memory) {
  return std::to_string(memory.value() / (1024 * 1024)) + "Mi";
}

}  // namespace kraft
