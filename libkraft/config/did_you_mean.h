#pragma once
// "not found" messages in the style of kubectl and ninja: what was wanted, where it was looked
// for, what exists, and the closest name when one is close.
#include <string>
#include <vector>

namespace kraft::config::detail {

/// `KIND "NAME"[ REFERRER] not found in WHERE (KINDs: a, b, c); did you mean "x"?`
/// `referrer` says who asked, e.g. `(named by context "dev")`.
std::string not_found_message(const std::string& kind, const std::string& name,
                              const std::string& where, const std::vector<std::string>& names,
                              const std::string& referrer = "");

}  // namespace kraft::config::detail
