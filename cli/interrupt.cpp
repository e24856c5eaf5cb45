#include "interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>

namespace kraft::cli {
namespace {

// The line the handler writes: set before the handler is installed, replaced atomically.
std::atomic<const std::string*> g_line{nullptr};

constexpr std::array<int, 2> kSignals = {SIGINT, SIGTERM};
std::array<struct sigaction, 2> g_previous{};
std::array<bool, 2> g_installed{};

extern "C" void on_interrupt(int signal_number) {
  if (const std::string* line = g_line.load()) {
    // Nothing to do if stderr is gone; the signal still ends kraft.
    if (::write(STDERR_FILENO, line->data(), line->size()) < 0) {
    }
  }
  // SA_RESETHAND restored the default action and SA_NODEFER leaves the signal unblocked:
  // raising it again ends the process here, as if kraft had never caught it.
  ::raise(signal_number);
}

}  // namespace

InterruptNotice::InterruptNotice(const std::string& notice, bool clear_line)
    : clear_line_(clear_line) {
  update(notice);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    struct sigaction current {};
    ::sigaction(kSignals[i], nullptr, &current);
    if (current.sa_handler == SIG_IGN) continue;  // ignored on purpose by whoever started us
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    g_installed[i] = ::sigaction(kSignals[i], &action, &g_previous[i]) == 0;
  }
}

InterruptNotice::~InterruptNotice() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if (g_installed[i]) ::sigaction(kSignals[i], &g_previous[i], nullptr);
    g_installed[i] = false;
  }
  g_line.store(nullptr);
}

void InterruptNotice::update(const std::string& notice) {
  if (notice.empty()) {
    g_line.store(nullptr);
    return;
  }
  // On a terminal the spinner's line (and the echoed ^C) is cleared first.
  lines_.push_back((clear_line_ ? "\r\x1b[K" : "") + std::string("interrupted: ") + notice + "\n");
  g_line.store(&lines_.back());
}

}  // namespace kraft::cli
