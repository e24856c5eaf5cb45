#pragma once
// How a command group plugs into the CLI: it adds its subcommands to the root and, when one is
// chosen, sets the action run after parsing (so parse errors and command errors stay apart).
#include <functional>

namespace CLI {
class App;
}

namespace kraft::cli {

class CommandContext;

/// The chosen command's work; returns the exit code.
using Action = std::function<int()>;

struct CommandRegistry {
  CLI::App& root;
  CommandContext& context;
  Action& action;
};

void add_version_command(CommandRegistry& registry);
void add_completion_command(CommandRegistry& registry);
void add_list_command(CommandRegistry& registry);
void add_get_command(CommandRegistry& registry);
void add_describe_command(CommandRegistry& registry);
void add_create_command(CommandRegistry& registry);
void add_scale_command(CommandRegistry& registry);
void add_delete_command(CommandRegistry& registry);
void add_kubeconfig_command(CommandRegistry& registry);
void add_connect_command(CommandRegistry& registry);

}  // namespace kraft::cli
