#pragma once
// Ctrl-C (or a TERM from a CI runner) while kraft waits for K3k: the cluster was created,
// scaled or deleted already and K3k carries on without kraft, so kraft says so, and how to
// follow it, before it ends. It ends by the signal itself (the shell reports 130 or 143, and a
// script loop stops as it would for any program killed by it).
//
//   InterruptNotice notice("cluster k3k-demo/demo was created and keeps provisioning; "
//                          "follow it with `kraft describe k3k-demo/demo`", tty);
//   wait_ready(...);   // Ctrl-C now prints "interrupted: cluster k3k-demo/demo was ..."
#include <kraft/core/executor.h>

#include <deque>
#include <string>

namespace kraft::cli {

/// While alive, SIGINT and SIGTERM print "interrupted: NOTICE" on stderr and end kraft by the
/// signal. The handler only writes a line prepared beforehand and re-raises the signal
/// (async-signal-safe); nothing is left half-done by it: the waits it covers only read.
/// A signal ignored when kraft started (nohup, a background job) stays ignored. One notice
/// at a time: the handler and its line are process-wide.
class InterruptNotice {
 public:
  /// `clear_line`: stderr is a terminal whose last line is a progress spinner. An empty
  /// `notice` says nothing (until update()).
  InterruptNotice(const std::string& notice, bool clear_line);
  ~InterruptNotice();
  InterruptNotice(const InterruptNotice&) = delete;
  InterruptNotice& operator=(const InterruptNotice&) = delete;

  /// Says `notice` from now on (the command moved on to another stage); empty: nothing.
  void update(const std::string& notice);

 private:
  bool clear_line_;
  std::deque<std::string> lines_;  // every line handed to the handler stays valid until the end
};

/// While alive, the first SIGINT or SIGTERM cancels `source` (a batch starts nothing new;
/// operations in flight finish, or undo what they made) and prints "interrupted: NOTICE"; a
/// second one ends kraft by the signal at once. Same process-wide rules as InterruptNotice
/// (never both alive at once; ignored signals stay ignored).
class CancelOnInterrupt {
 public:
  CancelOnInterrupt(CancellationSource source, const std::string& notice, bool clear_line);
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

  /// The signal that cancelled the batch, 0 when none came.
  int signal() const;
  /// When a signal came: restores its default action and raises it, so kraft ends by it (the
  /// shell reports 130 or 143) once the command has said what it did. Else returns.
  void end_if_interrupted();

 private:
  CancellationSource source_;
  std::string line_;
};

}  // namespace kraft::cli
