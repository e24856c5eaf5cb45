// Character classes of Kubernetes names, labels and quantities (ASCII only, independent of the
// locale).
#pragma once

namespace kraft::detail {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

inline bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace kraft::detail
