// kraft kubeconfig merge FILE...: merge kubeconfig files into one, refusing (by default) to
// let a name with different content win silently.
#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/config/loading.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>

#include "command_context.h"
#include "commands/command.h"
#include "commands/kubeconfig_commands.h"
#include "heap.h"
#include "merge_report.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct MergeFlags {
  std::vector<std::string> files;
  std::string into;
  std::string prefix;
  std::string on_conflict = "fail";
  bool backup = false;
};

// Whether kubectl reads `path` under these loading rules.
bool reads_file(const config::LoadingRules& rules, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto same = [&](const std::string& other) {
    return !other.empty() && fs::equivalent(path, other, ec);
  };
  if (!rules.explicit_path.empty()) return same(rules.explicit_path);
  if (!rules.precedence.empty())
    return std::any_of(rules.precedence.begin(), rules.precedence.end(), same);
  return same(rules.default_path);
}

int run_merge(CommandContext& ctx, const MergeFlags& flags) {
  // Only here: the other commands are small, and huge pages would only add to their memory.
  tune_heap();
  config::MergeOptions options;
  options.on_conflict = config::parse_on_conflict(flags.on_conflict);
  options.prefix = flags.prefix;
  const config::LoadingRules rules = ctx.flags().loading_rules();
  const std::string path = flags.into.empty() ? config::default_write_file(rules) : flags.into;
  // kubectl's rule (the first current-context wins) applied to what kubectl actually reads:
  // when PATH is one of several files and another one already sets the current context, a
  // current context adopted into PATH would silently switch the user's cluster.
  if (flags.into.empty() || reads_file(rules, path)) {
    options.adopt_current_context = config::load_merged(rules).current_context.empty();
  }
  config::FileWriteOptions write;
  write.backup = flags.backup;
  // With --on-conflict fail, every file is tried so that all collisions are listed at once;
  // nothing is written when there is one.
  const config::MergeReport total =
      config::merge_kubeconfig_files(path, flags.files, options, write);
  std::string out = merge_report_text(total, path);
  if (out.empty()) out = fmt::format("{} already has every entry; nothing to do\n", path);
  print_stdout(out);
  return 0;
}

}  // namespace

void add_kubeconfig_merge(CLI::App& group, CommandRegistry& registry) {
  auto flags = std::make_shared<MergeFlags>();
  CLI::App* cmd = group.add_subcommand("merge", "Merge kubeconfig files into one");
  cmd->add_option("files", flags->files, "Kubeconfig files to merge in, in order")->required();
  cmd->add_option("--into", flags->into,
                  "The file to merge into (default: the file kubectl writes to: --kubeconfig, "
                  "the first existing $KUBECONFIG file, ~/.kube/config)");
  cmd->add_option("--prefix", flags->prefix,
                  "Put P in front of every merged cluster, user and context name");
  cmd->add_option("--on-conflict", flags->on_conflict,
                  "When a name exists with different content: fail (default: list every "
                  "collision, write nothing), rename (NAME-2, NAME-3, ...) or overwrite")
      ->check(CLI::IsMember({"fail", "rename", "overwrite"}));
  cmd->add_flag("--backup", flags->backup, "Keep the previous file as PATH.bak");
  cmd->footer(R"(Examples:
  kraft kubeconfig merge demo.yaml                    # into ~/.kube/config
  kraft kubeconfig merge a.yaml b.yaml --into merged.yaml
  kraft kubeconfig merge staging.yaml --prefix staging- --backup
  kraft kubeconfig merge new.yaml --on-conflict rename

Entries are merged as `KUBECONFIG=PATH:FILE... kubectl config view` would merge them: new
names are appended, identical entries are skipped, the current context stays (it is taken
from the first file that sets one only when none of the files kubectl reads sets one).
Comments at the top of PATH are kept.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_merge(ctx, *flags); }; });
}

}  // namespace kraft::cli
