#include "output.h"

#include <kraft/core/error.h>

#include <nlohmann/json.hpp>

namespace kraft::cli {

std::string to_json_text(const nlohmann::json& value) { return value.dump(2) + "\n"; }

void require_output_format(const std::string& format, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (format == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw ValidationError("unknown output format \"" + format + "\": use one of " + list);
}

}  // namespace kraft::cli
