#include "embedded_files.h"

namespace kraft::testing {

std::optional<std::string_view> embedded_crd(std::string_view name) {
  for (const auto& file : embedded_crds()) {
    if (file.name == name) return file.text;
  }
  return std::nullopt;
}

}  // namespace kraft::testing
