// BulkTicket: the completion state one write_spans call waits on. Each of its documents is finished exactly
// once by the bulk writer — stored, or rejected for good by Elasticsearch (logged and counted) — or the whole
// ticket fails (writer shutting down). A caller that stops waiting abandons the ticket: documents not yet
// sent are then dropped instead of sent, because the caller resubmits them.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

namespace peregrine::storage::elasticsearch {

class BulkTicket {
 public:
  explicit BulkTicket(size_t documents) : remaining_(documents) {}

  // n documents are done; `rejected` when Elasticsearch refused them permanently.
  void finish(size_t n, bool rejected = false);
  // Every outstanding document failed (e.g. shutdown); wakes the waiter.
  void fail(const std::string& reason);
  // true when every document finished (check failed()) before the deadline.
  bool wait_until(std::chrono::steady_clock::time_point deadline);

  void abandon() { abandoned_.store(true, std::memory_order_release); }
  bool abandoned() const { return abandoned_.load(std::memory_order_acquire); }

  bool failed() const;
  std::string failure() const;
  size_t rejected() const;
  size_t remaining() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  size_t remaining_;
  size_t rejected_ = 0;
  bool failed_ = false;
  std::string failure_;
  std::atomic<bool> abandoned_{false};
};

}  // namespace peregrine::storage::elasticsearch
