#include "config/deferred_signals.h"

#include <pthread.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>

namespace kraft::config::detail {
namespace {

constexpr std::array<int, 4> kSignals{SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// Shared by every DeferredSignals of the process, under g_mutex; the handler touches only the
// two lock-free atomics, which is what a signal handler may do.
std::mutex g_mutex;
int g_depth = 0;
std::array<struct sigaction, kSignals.size()> g_previous{};
std::array<bool, kSignals.size()> g_installed{};
std::atomic<bool> g_active{false};
std::atomic<unsigned> g_caught{0};  // one bit per entry of kSignals
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<unsigned>::is_always_lock_free);

sigset_t deferred_set() {
  sigset_t set;
  ::sigemptyset(&set);
  for (const int sig : kSignals) ::sigaddset(&set, sig);
  return set;
}

// Sends the recorded signals again, to the dispositions in force now. The sender's pid and
// other siginfo details are lost; the signal number is what decides what happens.
void deliver(unsigned caught) {
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if ((caught & (1u << i)) != 0) ::kill(::getpid(), kSignals[i]);
  }
}

void record(int sig) {
  const int saved_errno = errno;
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if (kSignals[i] == sig) g_caught.fetch_or(1u << i);
  }
  // This handler may have been chosen by the kernel just before the last DeferredSignals
  // restored the old dispositions and collected g_caught: the bit set above would then be seen
  // by nobody. The destructor restores the dispositions before clearing g_active and only then
  // collects, so a handler that finds g_active false delivers what it recorded itself (to the
  // restored disposition), and exchange() makes sure each recorded signal is sent once.
  if (!g_active.load()) deliver(g_caught.exchange(0));
  errno = saved_errno;
}

}  // namespace

DeferredSignals::DeferredSignals() {
  const sigset_t set = deferred_set();
  ::pthread_sigmask(SIG_BLOCK, &set, &saved_mask_);
  const std::lock_guard lock(g_mutex);
  if (g_depth++ > 0) return;
  g_active.store(true);
  struct sigaction action {};
  action.sa_handler = record;
  action.sa_mask = set;
  // Other threads' system calls carry on as if nothing had happened: the signal is for later.
  action.sa_flags = SA_RESTART;
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    g_installed[i] = false;
    if (::sigaction(kSignals[i], nullptr, &g_previous[i]) != 0) continue;
    // An ignored signal (nohup's SIGHUP) stays ignored.
    const bool ignored =
        (g_previous[i].sa_flags & SA_SIGINFO) == 0 && g_previous[i].sa_handler == SIG_IGN;
    if (!ignored) g_installed[i] = ::sigaction(kSignals[i], &action, nullptr) == 0;
  }
}

DeferredSignals::~DeferredSignals() {
  unsigned caught = 0;
  {
    const std::lock_guard lock(g_mutex);
    if (--g_depth == 0) {
      for (std::size_t i = 0; i < kSignals.size(); ++i) {
        if (g_installed[i]) ::sigaction(kSignals[i], &g_previous[i], nullptr);
      }
      g_active.store(false);
      caught = g_caught.exchange(0);
    }
  }
  // What was sent to this thread, or to the process while no other thread could take it, is
  // pending: unblocking delivers it now (to the handler above while another DeferredSignals
  // lives, which records it for the last one).
  ::pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
  deliver(caught);
}

}  // namespace kraft::config::detail
