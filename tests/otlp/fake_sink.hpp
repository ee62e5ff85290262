// A pipeline::Sink for receiver tests: records what it is given and answers with a configurable status.
#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "backend/pipeline/sink.hpp"

namespace peregrine::otlp_test {

class FakeSink : public pipeline::Sink {
 public:
  struct Call {
    model::SpanBatch batch;
    std::string transport;
    std::string format;
  };

  explicit FakeSink(pipeline::SubmitStatus status = pipeline::SubmitStatus::Accepted) : status_(status) {}

  pipeline::SubmitResult submit(model::SpanBatch&& batch, const std::string& transport,
                                const std::string& format) override {
    std::lock_guard<std::mutex> lock(mu_);
    pipeline::SubmitResult result;
    result.status = status_;
    if (status_ == pipeline::SubmitStatus::Accepted) {
      result.accepted_spans = batch.size();
      calls_.push_back(Call{std::move(batch), transport, format});
    } else {
      ++refused_;
    }
    return result;
  }

  void set_status(pipeline::SubmitStatus status) {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = status;
  }
  std::vector<Call> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int refused() const {
    std::lock_guard<std::mutex> lock(mu_);
    return refused_;
  }

 private:
  mutable std::mutex mu_;
  pipeline::SubmitStatus status_;
  std::vector<Call> calls_;
  int refused_ = 0;
};

}  // namespace peregrine::otlp_test
