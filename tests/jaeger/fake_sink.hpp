// A pipeline::Sink for tests: records accepted batches, or answers a fixed non-accepting status.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "backend/pipeline/sink.hpp"

namespace peregrine::testing {

class RecordingSink : public pipeline::Sink {
 public:
  struct Submission {
    model::SpanBatch batch;
    std::string transport;
    std::string format;
  };

  pipeline::SubmitResult submit(model::SpanBatch&& batch, const std::string& transport,
                                const std::string& format) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (status_ != pipeline::SubmitStatus::Accepted) return {status_, 0};
    size_t n = batch.size();
    submissions_.push_back({std::move(batch), transport, format});
    cv_.notify_all();
    return {pipeline::SubmitStatus::Accepted, n};
  }

  void set_status(pipeline::SubmitStatus s) {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = s;
  }

  // Waits (event-driven, bounded) until at least `n` submissions arrived; returns a copy of them.
  std::vector<Submission> wait_for(size_t n, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, timeout, [&] { return submissions_.size() >= n; });
    return submissions_;
  }

  std::vector<Submission> submissions() {
    std::lock_guard<std::mutex> lock(mu_);
    return submissions_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  pipeline::SubmitStatus status_ = pipeline::SubmitStatus::Accepted;
  std::vector<Submission> submissions_;
};

}  // namespace peregrine::testing
