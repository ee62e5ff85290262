// IngestQueue: bounded span queue + worker pool. Admission is all-or-nothing per batch and counted in
// spans; a batch stays counted as queued until it is written, so failing storage fills the queue and
// receivers see QueueFull. Batches are sanitized on submission; writes are retried with exponential back-off on
// StorageError.
#include "backend/pipeline/ingest_queue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backend/pipeline/ingest_metrics.hpp"
#include "backend/pipeline/sanitizer.hpp"

namespace peregrine::pipeline {

IngestQueue::IngestQueue(IngestQueueOptions opts, std::shared_ptr<storage::SpanWriter> writer,
                         common::MetricsRegistry& metrics)
    : opts_(opts),
      writer_(std::move(writer)),
      metrics_(metrics),
      ingest_metrics_(std::make_unique<IngestMetrics>(metrics, opts.queue_size_spans)) {
  if (!writer_) throw std::invalid_argument("IngestQueue needs a SpanWriter");
  if (opts_.num_workers < 1) opts_.num_workers = 1;
  if (opts_.retry_initial.count() < 1) opts_.retry_initial = std::chrono::milliseconds(1);
  if (opts_.retry_max < opts_.retry_initial) opts_.retry_max = opts_.retry_initial;
}

IngestQueue::~IngestQueue() { stop(); }

void IngestQueue::start() {
  std::lock_guard<std::mutex> lifecycle(stop_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) throw std::logic_error("IngestQueue cannot be restarted after stop()");
    if (started_) return;
    started_ = true;
    accepting_ = true;
  }
  workers_.reserve(static_cast<size_t>(opts_.num_workers));
  for (int i = 0; i < opts_.num_workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

SubmitResult IngestQueue::submit(model::SpanBatch&& batch, const std::string& transport, const std::string& format) {
  const size_t n = batch.size();
  if (n == 0) {
    std::lock_guard<std::mutex> lock(mu_);
    return {accepting_ ? SubmitStatus::Accepted : SubmitStatus::ShuttingDown, 0};
  }
  bool admitted = true;
  ingest_metrics_->received(batch, transport, format);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!accepting_) return {SubmitStatus::ShuttingDown, 0};
    const bool fits = queued_spans_ + n <= opts_.queue_size_spans;
    const bool oversized_into_empty = n > opts_.queue_size_spans && queued_spans_ == 0;
    if (!fits && !oversized_into_empty) {
      admitted = false;
    } else {
      // Admitted: the spans count as queued from now on (stop() waits for them) while the batch is sanitized
      // outside the lock.
      queued_spans_ += n;
      ++admitting_;
      ingest_metrics_->queue_length(queued_spans_);
    }
  }
  if (!admitted) {
    ingest_metrics_->rejected(batch, transport, format);
    return {SubmitStatus::QueueFull, 0};
  }
  // Sanitize here, on the receiver's thread, while the freshly decoded batch is still in cache: a worker would
  // touch every string again long after it has left the cache.
  sanitize_batch(batch);
  if (opts_.observer) opts_.observer->observe(batch);
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(Item{std::move(batch), transport, format, std::chrono::steady_clock::now()});
  --admitting_;
  // While stopping, idle workers wait for the last admission to land before they may exit: wake them all.
  if (stopping_) {
    cv_.notify_all();
  } else {
    cv_.notify_one();
  }
  return {SubmitStatus::Accepted, n};
}

model::SpanBatch IngestQueue::reusable_batch() { return recycler_.take(); }

void IngestQueue::recycle(model::SpanBatch&& batch) { recycler_.give(std::move(batch)); }

void IngestQueue::worker_loop() {
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // While stopping, a worker may only leave once no admitted batch is still on its way into items_.
      cv_.wait(lock, [&] { return !items_.empty() || abandon_ || (stopping_ && admitting_ == 0); });
      if (abandon_ || items_.empty()) return;  // gave up (stop() counts the rest) or drained while stopping
      item = std::move(items_.front());
      items_.pop_front();
      ++in_flight_;
    }
    ingest_metrics_->in_queue_latency(std::chrono::steady_clock::now() - item.enqueued);
    const size_t n = item.batch.size();
    const WriteOutcome outcome = write_with_retry(item.batch);
    // Written (or given up on): the batch's memory is recycled for the receivers to decode into (before the spans
    // stop counting as queued, so a drained queue has its batches back).
    if (outcome != WriteOutcome::Abandoned) recycler_.give(std::move(item.batch));
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_flight_;
      if (outcome == WriteOutcome::Failed) ingest_metrics_->dropped(n);
      // Abandoned spans stay counted so stop() can report them.
      if (outcome != WriteOutcome::Abandoned) queued_spans_ -= n;
      ingest_metrics_->queue_length(queued_spans_);
      if (queued_spans_ == 0) drained_cv_.notify_all();
    }
  }
}

IngestQueue::WriteOutcome IngestQueue::write_with_retry(const model::SpanBatch& batch) {
  auto backoff = opts_.retry_initial;
  for (int attempt = 1;; ++attempt) {
    const auto started = std::chrono::steady_clock::now();
    try {
      writer_->write_spans(batch);
      ingest_metrics_->save_latency(std::chrono::steady_clock::now() - started);
      ingest_metrics_->saved(batch, true);
      return WriteOutcome::Written;
    } catch (const storage::StorageError& e) {
      ingest_metrics_->saved(batch, false);
      spdlog::warn("failed to save {} spans (attempt {}), retrying in {}ms: {}", batch.size(), attempt,
                   backoff.count(), e.what());
    } catch (const std::exception& e) {
      // Not a storage outage but a writer bug / unwritable data: retrying cannot help.
      ingest_metrics_->saved(batch, false);
      spdlog::error("dropping {} spans after a non-retryable write error: {}", batch.size(), e.what());
      return WriteOutcome::Failed;
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (retry_cv_.wait_for(lock, backoff, [&] { return abandon_; })) return WriteOutcome::Abandoned;
    backoff = std::min(backoff * 2, opts_.retry_max);
  }
}

size_t IngestQueue::stop(std::chrono::milliseconds deadline) {
  std::lock_guard<std::mutex> lifecycle(stop_mu_);
  std::unique_lock<std::mutex> lock(mu_);
  if (stopped_) return 0;
  accepting_ = false;
  stopping_ = true;
  cv_.notify_all();
  const bool drained =
      workers_.empty() || drained_cv_.wait_for(lock, deadline, [&] { return queued_spans_ == 0; });
  if (!drained || workers_.empty()) {
    abandon_ = true;
    retry_cv_.notify_all();
    cv_.notify_all();
  }
  lock.unlock();
  for (auto& w : workers_) w.join();
  workers_.clear();
  lock.lock();
  const size_t unwritten = queued_spans_;
  items_.clear();
  queued_spans_ = 0;
  stopped_ = true;
  ingest_metrics_->queue_length(0);
  if (unwritten > 0) {
    ingest_metrics_->dropped(unwritten);
    spdlog::error("ingest queue stopped with {} unwritten spans", unwritten);
  }
  return unwritten;
}

size_t IngestQueue::queued_spans() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queued_spans_;
}

}  // namespace peregrine::pipeline
