// kraft version: client version, server version, and whether K3k is installed.
#include <fmt/core.h>
#include <kraft/api/errors.h>
#include <kraft/config/yaml_text.h>
#include <kraft/version.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "command_context.h"
#include "commands/command.h"
#include "output.h"

namespace kraft::cli {

namespace {

struct VersionFlags {
  bool client_only = false;
  std::string output;
};

int run_version(CommandContext& ctx, const VersionFlags& flags) {
  if (!flags.output.empty()) require_output_format(flags.output, {"json", "yaml"});
  nlohmann::json doc = {{"clientVersion", {{"version", kraft::version()}}}};
  if (!flags.client_only) {
    auto& client = ctx.client();
    auto server = client.server_version();
    doc["serverVersion"] = {{"gitVersion", server.git_version}, {"platform", server.platform}};
    bool k3k = client.serves("k3k.io/v1beta1");
    doc["k3k"] = {{"installed", k3k}, {"groupVersion", "k3k.io/v1beta1"}};
  }
  if (flags.output == "json") {
    print_stdout(to_json_text(doc));
  } else if (flags.output == "yaml") {
    print_stdout(config::to_yaml_text(doc));
  } else {
    print_stdout("Client Version: {}\n", kraft::version());
    if (!flags.client_only) {
      print_stdout("Server Version: {}\n", doc["serverVersion"]["gitVersion"].get<std::string>());
      print_stdout("K3k: {}\n", doc["k3k"]["installed"].get<bool>()
                                    ? "installed (k3k.io/v1beta1)"
                                    : "not installed (API group k3k.io/v1beta1 not found)");
    }
  }
  return 0;
}

}  // namespace

void add_version_command(CommandRegistry& registry) {
  auto flags = std::make_shared<VersionFlags>();
  CLI::App* cmd = registry.root.add_subcommand(
      "version", "Print the client and server versions, and whether K3k is installed");
  cmd->add_flag("--client", flags->client_only, "Only the client version (no server contact)");
  cmd->add_option("-o,--output", flags->output, "Output format: json or yaml");
  cmd->footer(R"(Examples:
  kraft version
  kraft version --client
  kraft version -o json --context prod)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_version(ctx, *flags); }; });
}

}  // namespace kraft::cli
