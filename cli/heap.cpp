// kraft lives for a moment and may read and write kubeconfigs of megabytes (`kubeconfig merge`
// of hundreds of contexts with embedded certificates), which glibc would hand out page by page:
// mmap for every big string, returned to the system on free, and a page fault for every 4 KiB
// touched, a quarter of such a merge's time. Huge pages cut the faults to a few hundred. All of
// it is advice: where the system refuses, pages come as before.
#include "heap.h"

#include <cstdint>
#include <cstdlib>
#include <system_error>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kraft::cli {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

[[maybe_unused]] void advise_huge(std::uintptr_t begin, std::uintptr_t end) {
#if defined(__GLIBC__)
  const std::uintptr_t start = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t stop = end & ~(kHugePage - 1);
  if (stop > start) madvise(reinterpret_cast<void*>(start), stop - start, MADV_HUGEPAGE);
#endif
}

// The same advice for the heap of the calling thread (glibc gives each thread that allocates
// much a heap of its own).
void tune_thread_heap() {
#if defined(__GLIBC__)
  // A thread's heap is one mapping of HEAP_MAX_SIZE (64 MiB on 64-bit), aligned to its size,
  // that glibc opens up as it grows.
  constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;
  void* volatile probe = std::malloc(64);
  const auto heap = reinterpret_cast<std::uintptr_t>(probe) & ~(kThreadHeap - 1);
  std::free(probe);
  // Only when the probe came from such a heap, not from the main one (brk) it may share.
  if (heap > reinterpret_cast<std::uintptr_t>(sbrk(0))) advise_huge(heap, heap + kThreadHeap);
#endif
}

}  // namespace

void tune_heap() {
#if defined(__GLIBC__)
  constexpr int kPad = 32 << 20;
  mallopt(M_MMAP_THRESHOLD, kPad);
  mallopt(M_TRIM_THRESHOLD, 4 * kPad);
  mallopt(M_TOP_PAD, kPad);
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Grows the heap by kPad / 2 + kPad, touching none of it (volatile: or the pair is elided).
  void* volatile grow = std::malloc(kPad / 2);
  std::free(grow);
  advise_huge(before, reinterpret_cast<std::uintptr_t>(sbrk(0)));
  // libkraft reads the target of a merge in a thread of its own (merge_kubeconfig_files). glibc
  // gives a new thread the heap of a thread that has ended, when there is one: advised here, in
  // a thread that ends at once, it is the heap that thread gets.
  try {
    std::thread(tune_thread_heap).join();
  } catch (const std::system_error&) {
  }
#endif
}

}  // namespace kraft::cli
