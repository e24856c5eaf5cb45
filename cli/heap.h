#pragma once
// Heap tuning for a short-lived process that handles kubeconfigs of megabytes.

namespace kraft::cli {

/// Called first by commands that build big documents (`kubeconfig merge`): the heap grows in
/// one step, keeps what is freed for reuse, and asks for transparent huge pages (where the
/// system gives them on request), for the main thread and for the next thread to start.
void tune_heap();

}  // namespace kraft::cli
