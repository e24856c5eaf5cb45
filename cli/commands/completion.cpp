// kraft completion bash: print the completion script (never reads a kubeconfig).
#include "completion.h"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "commands/command.h"
#include "output.h"

namespace kraft::cli {

void add_completion_command(CommandRegistry& registry) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = registry.root.add_subcommand("completion", "Print a shell completion script");
  cmd->add_option("shell", *shell, "The shell: bash")->required()->check(CLI::IsMember({"bash"}));
  cmd->footer(R"(Examples:
  source <(kraft completion bash)
  kraft completion bash > /etc/bash_completion.d/kraft)");
  CLI::App& root = registry.root;
  Action& action = registry.action;
  cmd->callback([&root, &action, shell] {
    action = [&root] {
      print_stdout(bash_completion(root));
      return 0;
    };
  });
}

}  // namespace kraft::cli
