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

// CancelOnInterrupt's state: what the handler cancels and which signal came.
CancellationSource* g_cancel = nullptr;
std::atomic<int> g_cancelled_by{0};

extern "C" void on_cancel(int signal_number) {
  g_cancelled_by.store(signal_number);
  if (g_cancel != nullptr) g_cancel->cancel();  // an atomic store: async-signal-safe
  if (const std::string* line = g_line.load()) {
    if (::write(STDERR_FILENO, line->data(), line->size()) < 0) {
    }
  }
  // SA_RESETHAND restored the default action: a second signal ends kraft at once.
}

// Installs `handler` for SIGINT and SIGTERM (one shot), unless ignored by whoever started us.
void install(void (*handler)(int)) {
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    struct sigaction current {};
    ::sigaction(kSignals[i], nullptr, &current);
    if (current.sa_handler == SIG_IGN) continue;  // ignored on purpose by whoever started us
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    g_installed[i] = ::sigaction(kSignals[i], &action, &g_previous[i]) == 0;
  }
}

void uninstall() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if (g_installed[i]) ::sigaction(kSignals[i], &g_previous[i], nullptr);
    g_installed[i] = false;
  }
  g_line.store(nullptr);
}

}  // namespace

CancelOnInterrupt::CancelOnInterrupt(CancellationSource source, const std::string& notice,
                                     bool clear_line)
    : source_(std::move(source)),
      line_((clear_line ? "\r\x1b[K" : "") + std::string("interrupted: ") + notice + "\n") {
  g_cancelled_by.store(0);
  g_cancel = &source_;
  g_line.store(&line_);
  install(on_cancel);
}

CancelOnInterrupt::~CancelOnInterrupt() {
  uninstall();
  g_cancel = nullptr;
}

int CancelOnInterrupt::signal() const { return g_cancelled_by.load(); }

void CancelOnInterrupt::end_if_interrupted() {
  const int signal_number = signal();
  if (signal_number == 0) return;
  uninstall();
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal_number, &default_action, nullptr);
  ::raise(signal_number);
}

InterruptNotice::InterruptNotice(const std::string& notice, bool clear_line)
    : clear_line_(clear_line) {
  update(notice);
  install(on_interrupt);
}

InterruptNotice::~InterruptNotice() { uninstall(); }

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
