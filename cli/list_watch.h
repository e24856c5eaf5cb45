#pragma once
// kraft list -w: the table (or objects) now, then a row (or object) each time a cluster is
// added, changed or deleted, like `kubectl get -w`, on one shared list and watch
// (api::Reflector). It runs until interrupted and ends by the signal (the shell reports 130
// for Ctrl-C), as kraft's other waits do.
#include <string>

namespace kraft::cli {

class CommandContext;

struct ListWatchOptions {
  std::string ns{};  ///< "" every namespace
  std::string selector{};
  std::string output{};  ///< "", wide, json, yaml, name
  bool no_headers = false;
  bool show_managed_fields = false;
  bool watch_events = false;  ///< --output-watch-events: say ADDED, MODIFIED or DELETED
};

/// Never returns normally: it watches until a signal ends kraft (or an error is thrown).
int run_list_watch(CommandContext& ctx, const ListWatchOptions& options);

}  // namespace kraft::cli
