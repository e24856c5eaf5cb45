#pragma once
// The `kraft kubeconfig` group: one add function per subcommand, each in its own file.
namespace CLI {
class App;
}

namespace kraft::cli {

struct CommandRegistry;

void add_kubeconfig_get(CLI::App& group, CommandRegistry& registry);
void add_kubeconfig_merge(CLI::App& group, CommandRegistry& registry);
void add_kubeconfig_context_commands(CLI::App& group, CommandRegistry& registry);
void add_kubeconfig_prune(CLI::App& group, CommandRegistry& registry);

}  // namespace kraft::cli
