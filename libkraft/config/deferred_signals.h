#pragma once
// Holding back the signals that end a program (SIGINT, SIGTERM, SIGHUP, SIGQUIT) while a
// kubeconfig is being replaced, so that Ctrl-C or a `kill` can never leave PATH.lock or a
// temporary file behind: they take effect, exactly as they would have, once the lock is gone.
#include <signal.h>

namespace kraft::config::detail {

/// While one exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT are held back process-wide; the last
/// one to go restores the previous dispositions and delivers what arrived meanwhile (a default
/// disposition then ends the process, a program's own handler runs). Signals the program
/// ignores stay ignored. Nests, and may be used from several threads at once.
///
/// Blocking the signals with pthread_sigmask alone is not enough: the mask is per thread, and a
/// signal sent to the process goes to any thread that does not block it (a progress spinner,
/// a resolver thread of libcurl), whose default action ends the whole process. So the calling
/// thread blocks them (its system calls are not interrupted, and in a single-threaded process
/// they simply stay pending), and a process-wide handler records those that reach other threads.
class DeferredSignals {
 public:
  DeferredSignals();
  ~DeferredSignals();
  DeferredSignals(const DeferredSignals&) = delete;
  DeferredSignals& operator=(const DeferredSignals&) = delete;

 private:
  sigset_t saved_mask_;  // this thread's mask before
};

}  // namespace kraft::config::detail
