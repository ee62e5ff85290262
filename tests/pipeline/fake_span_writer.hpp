// A controllable in-memory SpanWriter for pipeline tests: can block on a gate, fail with StorageError (or
// another exception) while told to, and lets tests wait for a number of written spans; plus make_batch(), the
// span batch every pipeline test submits.
#pragma once
#include <condition_variable>
#include <mutex>
#include <memory>
#include <set>
#include <string>
#include <stdexcept>

#include "backend/storage/span_writer.hpp"

namespace peregrine::testing {

// n spans of one trace with consecutive span ids from first_id, sharing one process of `service`.
inline model::SpanBatch make_batch(size_t n, model::SpanID first_id, const std::string& service = "svc") {
  auto process = std::make_shared<model::Process>(model::Process{service, {}});
  model::SpanBatch batch;
  for (size_t i = 0; i < n; ++i) {
    model::Span s;
    s.trace_id = {0, 1};
    s.span_id = first_id + i;
    s.operation_name = "op";
    s.duration_us = 5;
    s.process = process;
    batch.push_back(std::move(s));
  }
  return batch;
}

class FakeSpanWriter : public storage::SpanWriter {
 public:
  enum class Mode { Ok, StorageError, LogicError };

  void write_spans(const model::SpanBatch& batch) override {
    std::unique_lock<std::mutex> lock(mu_);
    ++attempts_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
    if (mode_ == Mode::StorageError) throw storage::StorageError("storage is down");
    if (mode_ == Mode::LogicError) throw std::logic_error("writer bug");
    for (const auto& span : batch) {
      ids_.insert(span.span_id);
      services_.insert(span.process ? span.process->service_name : "");
    }
    written_ += batch.size();
    cv_.notify_all();
  }

  void set_mode(Mode m) {
    std::lock_guard<std::mutex> lock(mu_);
    mode_ = m;
  }
  // While closed, write_spans blocks (simulates a slow backend).
  void set_open(bool open) {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = open;
    cv_.notify_all();
  }
  void wait_attempts(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return attempts_ >= n; });
  }
  void wait_written(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return written_ >= n; });
  }
  size_t written() const {
    std::lock_guard<std::mutex> lock(mu_);
    return written_;
  }
  std::set<model::SpanID> ids() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ids_;
  }
  std::set<std::string> services() const {
    std::lock_guard<std::mutex> lock(mu_);
    return services_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  Mode mode_ = Mode::Ok;
  bool open_ = true;
  size_t attempts_ = 0;
  size_t written_ = 0;
  std::set<model::SpanID> ids_;
  std::set<std::string> services_;
};

}  // namespace peregrine::testing
