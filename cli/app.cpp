#include "app.h"

#include <fmt/core.h>
#include <kraft/core/error.h>
#include <kraft/version.h>

#include <CLI/CLI.hpp>
#include <sstream>

#include "command_context.h"
#include "commands/command.h"
#include "global_flags.h"
#include "output.h"
#include "usage_error.h"

namespace kraft::cli {
namespace {

constexpr const char* kDescription =
    "kraft manages virtual Kubernetes clusters (K3k) on a host cluster.";

constexpr const char* kFooter = R"(Examples:
  kraft create demo --wait
  kraft connect demo -- kubectl get ns
  kraft list
  kraft describe demo
  kraft scale demo --servers 3 --wait
  kraft delete demo --wait
  kraft version
  kraft version --context prod -o json
  kraft --kubeconfig ~/.kube/host.yaml version -v 6
  source <(kraft completion bash)

Exit codes:
  0  success
  1  error (API error, bad kubeconfig, unreachable server, ...)
  2  usage error (unknown flag, bad argument)
  3  not found (cluster, policy)
  4  timed out waiting (--wait --timeout)
  130, 143  interrupted (Ctrl-C, SIGTERM); during --wait kraft says what K3k carries on with

Documentation: man kraft, or README.md in the source tree.)";

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{kDescription, "kraft"};
  app.footer(kFooter);
  app.set_version_flag("--version", fmt::format("kraft version {}", kraft::version()),
                       "Print the client version and exit");
  app.require_subcommand(0, 1);
  app.fallthrough();

  GlobalFlags flags;
  flags.add_to(app);
  CommandContext context(flags);
  Action action;
  CommandRegistry registry{app, context, action};
  add_version_command(registry);
  add_create_command(registry);
  add_list_command(registry);
  add_get_command(registry);
  add_describe_command(registry);
  add_scale_command(registry);
  add_delete_command(registry);
  add_kubeconfig_command(registry);
  add_connect_command(registry);
  add_completion_command(registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    // --help, --help-all, --version: their text is data on stdout, written and checked like
    // any other output (CLI11 would print it to std::cout unchecked).
    std::ostringstream out;
    std::ostringstream err;
    const int code = app.exit(e, out, err);
    write_stdout(out.str());
    print_stderr(err.str());
    return code;
  } catch (const CLI::ParseError& e) {
    print_stderr("error: {}\n", usage_error_text(app, e));
    return static_cast<int>(ExitCode::kUsage);
  }
  if (!action) {
    write_stdout(app.help());
    return 0;
  }
  return action();
}

}  // namespace kraft::cli
