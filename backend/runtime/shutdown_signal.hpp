// Shutdown signal handling: block SIGINT/SIGTERM in every thread (call first thing in main, before any thread
// starts) and later wait for one of them synchronously, so shutdown runs on the main thread, not in a handler.
#pragma once

namespace peregrine::runtime {

void block_shutdown_signals();
// Returns the signal number received (SIGINT or SIGTERM).
int wait_for_shutdown_signal();

}  // namespace peregrine::runtime
