#pragma once
// kraft::Secret: a string that never prints. Tokens, passwords and private keys travel in this
// type so that no log line, error message or debug dump can show them by accident.
#include <ostream>
#include <string>
#include <utility>

namespace kraft {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  /// The secret itself; call sites that reveal it are easy to grep for.
  const std::string& reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  bool operator==(const Secret& other) const { return value_ == other.value_; }

 private:
  std::string value_;
};

/// Printing a Secret shows "<redacted>", never its value.
inline std::ostream& operator<<(std::ostream& os, const Secret&) { return os << "<redacted>"; }

}  // namespace kraft
