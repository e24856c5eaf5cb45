#include "easy_pool.h"

namespace kraft::http::detail {

EasyPool::Lease EasyPool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      // Most recently used first: its connection is the likeliest still to be open.
      EasyHandle handle = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(handle));
    }
  }
  return Lease(*this, make_easy_handle());
}

size_t EasyPool::idle() const {
  std::lock_guard lock(mu_);
  return idle_.size();
}

void EasyPool::give_back(EasyHandle handle) {
  std::lock_guard lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(handle));
  // Otherwise the parameter `handle` closes its connection after the lock is released.
}

}  // namespace kraft::http::detail
