// IngestQueue: the bounded queue between receivers and storage. Implements Sink with all-or-nothing
// admission counted in spans (--collector.queue-size), N worker threads (--collector.num-workers) that
// write batches through a SpanWriter, retrying with back-off on StorageError so an accepted span is never
// dropped. submit() sanitizes each batch on the caller's thread before admission (the batch is still in cache
// there), so the spans a worker writes are always sanitized. While storage is failing, the queue fills and
// receivers see QueueFull. stop() stops admission and drains everything already accepted (graceful SIGTERM).
// Written batches are recycled (BatchRecycler) for receivers that decode into reusable batches. An optional
// SpanBatchObserver sees each accepted batch right after sanitizing.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "backend/common/metrics.hpp"
#include "backend/pipeline/batch_recycler.hpp"
#include "backend/pipeline/sink.hpp"
#include "backend/pipeline/span_batch_observer.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::pipeline {

class IngestMetrics;

struct IngestQueueOptions {
  size_t queue_size_spans = 2000;  // Jaeger's --collector.queue-size default
  int num_workers = 50;            // Jaeger's --collector.num-workers default
  std::chrono::milliseconds retry_initial{50};
  std::chrono::milliseconds retry_max{5000};
  // Told about each accepted batch (after sanitizing, before it is queued); none by default.
  std::shared_ptr<SpanBatchObserver> observer;
};

class IngestQueue : public Sink {
 public:
  IngestQueue(IngestQueueOptions opts, std::shared_ptr<storage::SpanWriter> writer,
              common::MetricsRegistry& metrics);
  ~IngestQueue() override;  // calls stop()

  void start();
  SubmitResult submit(model::SpanBatch&& batch, const std::string& transport, const std::string& format) override;
  // Written batches are kept (bounded) for receivers to decode into again; see BatchRecycler.
  model::SpanBatch reusable_batch() override;
  void recycle(model::SpanBatch&& batch) override;
  // Stops admission, waits until every accepted span is written (or `deadline` passes), joins workers.
  // Returns the number of spans still unwritten (0 on a clean drain).
  size_t stop(std::chrono::milliseconds deadline = std::chrono::seconds(30));

  size_t queued_spans() const;

 private:
  struct Item {
    model::SpanBatch batch;
    std::string transport;
    std::string format;
    std::chrono::steady_clock::time_point enqueued;
  };
  enum class WriteOutcome { Written, Failed, Abandoned };
  void worker_loop();
  WriteOutcome write_with_retry(const model::SpanBatch& batch);

  IngestQueueOptions opts_;
  std::shared_ptr<storage::SpanWriter> writer_;
  common::MetricsRegistry& metrics_;
  std::unique_ptr<IngestMetrics> ingest_metrics_;
  std::mutex stop_mu_;  // serializes start()/stop()
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable drained_cv_;
  std::condition_variable retry_cv_;  // back-off waits, woken early when stop() gives up
  std::deque<Item> items_;
  size_t queued_spans_ = 0;
  size_t in_flight_ = 0;
  size_t admitting_ = 0;  // batches admitted (counted in queued_spans_) but not yet in items_ (being sanitized)
  bool accepting_ = false;
  bool stopping_ = false;
  bool abandon_ = false;  // stop() deadline passed: workers give up on unwritten batches
  bool started_ = false;
  bool stopped_ = false;
  std::vector<std::thread> workers_;
  BatchRecycler recycler_;
};

// Sanitizers applied to every submitted batch before it is queued (Jaeger's collector sanitizers): empty
// service name → "empty-service-name" (warning added), negative duration → 0, UTF-8 fix-ups of strings (invalid
// bytes replaced, warning added). Implemented in sanitizer.cpp; see sanitizer.hpp for the batch form.
void sanitize_span(model::Span& span);

}  // namespace peregrine::pipeline
