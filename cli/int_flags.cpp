#include "int_flags.h"

#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <system_error>

namespace kraft::cli {
namespace {

// The name messages use: the first of "-v,--v" or "--servers".
std::string display_name(const std::string& names) { return names.substr(0, names.find(',')); }

template <class Target>
CLI::Option* add(CLI::App& app, const std::string& names, Target& target, const std::string& help,
                 int example) {
  const std::string flag = display_name(names);
  return app
      .add_option_function<std::string>(
          names,
          [&target, flag, example](const std::string& text) {
            // CLI11 hands pflag's short spelling `-v=6` (kubectl habit) over as "=6".
            const bool short_flag = flag.size() == 2;
            target = parse_int_flag(short_flag && text.starts_with('=') ? text.substr(1) : text,
                                    flag, example);
          },
          help)
      ->type_name("INT");
}

}  // namespace

int parse_int_flag(std::string_view text, std::string_view flag, int example) {
  const std::string fix = " (e.g. " + std::string(flag) + " " + std::to_string(example) + ")";
  if (text.empty()) throw ValidationError(std::string(flag) + " needs a whole number" + fix);
  // Quoted before it is sanitized, so " 3" keeps the blank that makes it wrong.
  const std::string shown = sanitize_text("\"" + std::string(text) + "\"", 66);
  const std::size_t digits = text.front() == '-' ? 1 : 0;
  if (text.size() == digits ||
      text.find_first_not_of("0123456789", digits) != std::string_view::npos) {
    throw ValidationError(std::string(flag) + " " + shown + " is not a whole number" + fix);
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    throw ValidationError(std::string(flag) + " " + shown + " is out of range" + fix);
  }
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw ValidationError(std::string(flag) + " " + shown + " is not a whole number" + fix);
  }
  return value;
}

CLI::Option* add_int_option(CLI::App& app, const std::string& names, int& target,
                            const std::string& help, int example) {
  return add(app, names, target, help, example);
}

CLI::Option* add_int_option(CLI::App& app, const std::string& names, std::optional<int>& target,
                            const std::string& help, int example) {
  return add(app, names, target, help, example);
}

}  // namespace kraft::cli
