#include "usage_error.h"

#include <kraft/core/text.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <regex>
#include <string_view>

namespace kraft::cli {
namespace {

// "kraft kubeconfig get": the command CLI11 was parsing when it stopped.
std::string command_path(CLI::App& root) {
  std::string path = root.get_name();
  CLI::App* app = &root;
  while (!app->get_subcommands().empty()) {
    app = app->get_subcommands().back();
    path += " " + app->get_name();
  }
  return path;
}

// CLI11's wording (CLI/Error.hpp, 2.1) turned into kraft's: lowercase, to the point.
std::string reworded(std::string what) {
  constexpr std::string_view kOne = "The following argument was not expected: ";
  constexpr std::string_view kMany = "The following arguments were not expected: ";
  if (what.starts_with(kOne)) {
    const std::string arg = what.substr(kOne.size());
    return arg.starts_with("-") ? "unknown flag " + arg : "unexpected argument \"" + arg + "\"";
  }
  if (what.starts_with(kMany)) return "unexpected arguments: " + what.substr(kMany.size());
  // ArgumentMismatch::TypedAtLeast: "--servers: 1 required INT missing".
  static const std::regex missing(R"(^(\S+): \d+ required \S+ missing$)");
  std::smatch m;
  if (std::regex_match(what, m, missing)) return m[1].str() + " needs a value";
  if (what == "A subcommand is required") return "a command is required";
  // CLI::IsMember: "--sort-by: x not in {namespace,name,age,status}".
  static const std::regex not_member(R"(^(\S+): (.*) not in \{(.*)\}$)");
  if (std::regex_match(what, m, not_member)) {
    return m[1].str() + " \"" + m[2].str() + "\" is not one of " +
           std::regex_replace(m[3].str(), std::regex(","), ", ");
  }
  if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  return what;
}

}  // namespace

std::string usage_error_text(CLI::App& root, const CLI::ParseError& error) {
  return sanitize_text(reworded(error.what())) + " (see '" + command_path(root) + " --help')";
}

}  // namespace kraft::cli
