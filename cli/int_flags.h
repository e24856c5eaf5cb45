#pragma once
// Whole-number flags (--servers, --agents, --days, -v). CLI11 reads integers with base
// detection ("0x10" is 16, "010" is 8) and takes "" as 0; kraft reads plain decimal only and
// names the flag when the value is not one:
//
//   add_int_option(*cmd, "--servers", request.servers, "Number of servers", 3);
//   kraft create demo --servers 1e3  →  error: --servers "1e3" is not a whole number (e.g.
//   --servers 3)
#include <optional>
#include <string>
#include <string_view>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace kraft::cli {

/// `text` as an int: an optional '-' then decimal digits, nothing else (no sign '+', no
/// spaces, no 0x, no exponent, not empty), within int's range. Throws ValidationError naming
/// `flag` and showing `example` as the fix.
int parse_int_flag(std::string_view text, std::string_view flag, int example);

/// Adds an option (names as in CLI11's add_option) whose value parse_int_flag reads into
/// `target`; its help shows INT. `example` is the value error messages suggest.
CLI::Option* add_int_option(CLI::App& app, const std::string& names, int& target,
                            const std::string& help, int example);
CLI::Option* add_int_option(CLI::App& app, const std::string& names, std::optional<int>& target,
                            const std::string& help, int example);

}  // namespace kraft::cli
