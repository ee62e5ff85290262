// BulkTicket completion state (see bulk_ticket.hpp).
#include "backend/storage/elasticsearch/bulk_ticket.hpp"

namespace peregrine::storage::elasticsearch {

void BulkTicket::finish(size_t n, bool rejected) {
  std::lock_guard<std::mutex> lock(mu_);
  n = n > remaining_ ? remaining_ : n;
  remaining_ -= n;
  if (rejected) rejected_ += n;
  if (remaining_ == 0) cv_.notify_all();
}

void BulkTicket::fail(const std::string& reason) {
  std::lock_guard<std::mutex> lock(mu_);
  if (remaining_ == 0) return;
  failed_ = true;
  failure_ = reason;
  remaining_ = 0;
  cv_.notify_all();
}

bool BulkTicket::wait_until(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_until(lock, deadline, [&] { return remaining_ == 0; });
}

bool BulkTicket::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

std::string BulkTicket::failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failure_;
}

size_t BulkTicket::rejected() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rejected_;
}

size_t BulkTicket::remaining() const {
  std::lock_guard<std::mutex> lock(mu_);
  return remaining_;
}

}  // namespace peregrine::storage::elasticsearch
