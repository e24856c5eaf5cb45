// kraft kubeconfig list | use | rename | remove: kubectl's get-contexts, use-context,
// rename-context and delete-context, over the same files kubectl reads and writes
// (--kubeconfig, $KUBECONFIG, ~/.kube/config). Each change goes to the file kubectl would
// change, under its lock.
#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/config/loading.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "command_context.h"
#include "commands/command.h"
#include "commands/kubeconfig_commands.h"
#include "kubeconfig_removal.h"
#include "output.h"
#include "table.h"

namespace kraft::cli {
namespace {

config::Kubeconfig load_all(const CommandContext& ctx) {
  return config::load_merged(ctx.flags().loading_rules());
}

config::FileWriteOptions write_options(bool backup) {
  config::FileWriteOptions options;
  options.backup = backup;
  return options;
}

// ---- list

int run_list(const CommandContext& ctx, const std::string& output, bool no_headers) {
  if (!output.empty()) require_output_format(output, {"name", "json"});
  const config::Kubeconfig merged = load_all(ctx);
  std::string out;
  if (output == "name") {
    for (const auto& c : merged.contexts) out += c.name + "\n";
  } else if (output == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : merged.contexts) {
      items.push_back({{"name", c.name},
                       {"cluster", c.value.cluster},
                       {"user", c.value.user},
                       {"namespace", c.value.ns},
                       {"current", c.name == merged.current_context}});
    }
    out = to_json_text(items);
  } else {
    Table table({"current", "name", "cluster", "authinfo", "namespace"});
    for (const auto& c : merged.contexts) {
      table.add_row({c.name == merged.current_context ? "*" : "", c.name, c.value.cluster,
                     c.value.user, c.value.ns});
    }
    out = table.str(no_headers);
  }
  print_stdout(out);
  return 0;
}

// ---- use

int run_use(const CommandContext& ctx, const std::string& name, bool backup) {
  config::Kubeconfig merged = load_all(ctx);
  config::use_context(merged, name);  // unknown name: error with did-you-mean
  const std::string path = config::current_context_file(ctx.flags().loading_rules());
  config::update_kubeconfig_file(
      path, [&](config::Kubeconfig& file) { file.current_context = name; }, write_options(backup));
  print_stdout("Switched to context \"{}\".\n", name);
  return 0;
}

// ---- rename

int run_rename(const CommandContext& ctx, const std::string& from, const std::string& to,
               bool backup) {
  const config::LoadingRules rules = ctx.flags().loading_rules();
  config::Kubeconfig merged = load_all(ctx);
  config::rename_context(merged, from, to);  // checks OLD exists and NEW is free everywhere
  const std::string path = config::file_defining_context(rules, from);
  const auto options = write_options(backup);
  config::update_kubeconfig_file(
      path, [&](config::Kubeconfig& file) { config::rename_context(file, from, to); }, options);
  // kubectl keeps current-context pointing at the renamed context, wherever it is set.
  const std::string current_file = config::current_context_file(rules);
  if (merged.current_context == to && current_file != path) {
    config::update_kubeconfig_file(
        current_file, [&](config::Kubeconfig& file) { file.current_context = to; }, options);
  }
  print_stdout("Context \"{}\" renamed to \"{}\".\n", from, to);
  return 0;
}

// ---- remove

int run_remove(const CommandContext& ctx, const std::vector<std::string>& names, bool backup) {
  const config::LoadingRules rules = ctx.flags().loading_rules();
  const config::Kubeconfig merged = load_all(ctx);
  config::Kubeconfig check = merged;
  config::remove_contexts(check, names);  // every name must exist: checked before writing
  remove_from_files(rules, merged, names, backup);
  if (std::find(names.begin(), names.end(), merged.current_context) != names.end()) {
    print_stderr(
        "warning: this removed your current context; use `kraft kubeconfig use "
        "CONTEXT` to select another\n");
  }
  return 0;
}

}  // namespace

void add_kubeconfig_context_commands(CLI::App& group, CommandRegistry& registry) {
  CommandContext& ctx = registry.context;
  Action& action = registry.action;

  struct ListFlags {
    std::string output;
    bool no_headers = false;
  };
  auto list_flags = std::make_shared<ListFlags>();
  CLI::App* list = group.add_subcommand("list", "List the contexts of your kubeconfig");
  list->alias("ls");
  list->add_option("-o,--output", list_flags->output, "name or json (default: a table)");
  list->add_flag("--no-headers", list_flags->no_headers, "Print the table without its header");
  list->footer(R"(Examples:
  kraft kubeconfig list
  kraft kubeconfig list -o name
  KUBECONFIG=a.yaml:b.yaml kraft kubeconfig list -o json)");
  list->callback([&ctx, &action, list_flags] {
    action = [&ctx, list_flags] {
      return run_list(ctx, list_flags->output, list_flags->no_headers);
    };
  });

  struct EditFlags {
    std::vector<std::string> names;
    bool backup = false;
  };
  auto use_flags = std::make_shared<EditFlags>();
  CLI::App* use = group.add_subcommand("use", "Make a context the current one");
  use->add_option("context", use_flags->names, "Context name")->required()->expected(1);
  use->add_flag("--backup", use_flags->backup, "Keep the previous file as PATH.bak");
  use->footer("Examples:\n  kraft kubeconfig use kraft-k3k-demo-demo");
  use->callback([&ctx, &action, use_flags] {
    action = [&ctx, use_flags] { return run_use(ctx, use_flags->names[0], use_flags->backup); };
  });

  auto rename_flags = std::make_shared<EditFlags>();
  CLI::App* rename = group.add_subcommand("rename", "Rename a context");
  rename->add_option("names", rename_flags->names, "OLD NEW")->required()->expected(2);
  rename->add_flag("--backup", rename_flags->backup, "Keep the previous file as PATH.bak");
  rename->footer("Examples:\n  kraft kubeconfig rename kraft-k3k-demo-demo demo");
  rename->callback([&ctx, &action, rename_flags] {
    action = [&ctx, rename_flags] {
      return run_rename(ctx, rename_flags->names[0], rename_flags->names[1], rename_flags->backup);
    };
  });

  auto remove_flags = std::make_shared<EditFlags>();
  CLI::App* remove = group.add_subcommand(
      "remove", "Remove contexts, and their cluster and user when nothing else uses them");
  remove->alias("rm");
  remove->add_option("contexts", remove_flags->names, "Context names")->required();
  remove->add_flag("--backup", remove_flags->backup, "Keep the previous file as PATH.bak");
  remove->footer(R"(Examples:
  kraft kubeconfig remove kraft-k3k-demo-demo
  kraft kubeconfig remove old-a old-b --backup)");
  remove->callback([&ctx, &action, remove_flags] {
    action = [&ctx, remove_flags] {
      return run_remove(ctx, remove_flags->names, remove_flags->backup);
    };
  });
}

}  // namespace kraft::cli
