#pragma once
// Heap tuning for a short-lived process that handles kubeconfigs of megabytes.

namespace kraft::cli {

/// Called first by commands that build big documents (`kubeconfig merge`): the heap grows in
/// one step, keeps what is freed for reuse, and asks for transparent huge pages (where the
/// system gives them on request).
void tune_heap();

/// The same advice for the heap of the calling thread, called first in a thread that builds
/// big documents (glibc gives each such thread a heap of its own).
void tune_thread_heap();

}  // namespace kraft::cli
