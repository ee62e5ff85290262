// Tests for IngestQueue: all-or-nothing admission in spans, QueueFull, oversized batches into an empty
// queue, back-pressure while storage fails and lossless recovery, drain on stop(), deadline expiry,
// shutdown status, sanitizing before writes, and the Jaeger-named metrics.
#include "backend/pipeline/ingest_queue.hpp"

#include <gtest/gtest.h>

#include "backend/pipeline/ingest_metrics.hpp"
#include "tests/pipeline/fake_span_writer.hpp"

namespace peregrine::pipeline {
namespace {

using testing::FakeSpanWriter;
using testing::make_batch;
using namespace std::chrono_literals;

struct Fixture {
  explicit Fixture(size_t capacity, int workers = 2) {
    IngestQueueOptions opts;
    opts.queue_size_spans = capacity;
    opts.num_workers = workers;
    opts.retry_initial = 1ms;
    opts.retry_max = 4ms;
    queue = std::make_unique<IngestQueue>(opts, writer, registry);
  }
  double counter(const std::string& name, const common::Labels& labels) {
    return registry.counter(name, "", labels).value();
  }
  std::shared_ptr<FakeSpanWriter> writer = std::make_shared<FakeSpanWriter>();
  common::MetricsRegistry registry;
  std::unique_ptr<IngestQueue> queue;
};

TEST(IngestQueue, SubmitBeforeStartIsShuttingDown) {
  Fixture f(10);
  EXPECT_EQ(f.queue->submit(make_batch(1, 1), "grpc", "proto").status, SubmitStatus::ShuttingDown);
}

TEST(IngestQueue, AdmissionIsAllOrNothingInSpans) {
  Fixture f(10);
  f.writer->set_open(false);  // nothing completes while we probe admission
  f.queue->start();
  auto r1 = f.queue->submit(make_batch(6, 1), "grpc", "proto");
  EXPECT_EQ(r1.status, SubmitStatus::Accepted);
  EXPECT_EQ(r1.accepted_spans, 6u);
  auto r2 = f.queue->submit(make_batch(5, 100), "grpc", "proto");
  EXPECT_EQ(r2.status, SubmitStatus::QueueFull);
  EXPECT_EQ(r2.accepted_spans, 0u);
  EXPECT_EQ(f.queue->queued_spans(), 6u);
  EXPECT_EQ(f.queue->submit(make_batch(4, 200), "grpc", "proto").status, SubmitStatus::Accepted);
  EXPECT_EQ(f.queue->queued_spans(), 10u);
  EXPECT_EQ(f.queue->submit(make_batch(1, 300), "grpc", "proto").status, SubmitStatus::QueueFull);
  f.writer->set_open(true);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.writer->written(), 10u);
  EXPECT_EQ(f.counter("jaeger_collector_spans_rejected_total",
                      {{"format", "proto"}, {"svc", "svc"}, {"transport", "grpc"}}),
            6);
  EXPECT_EQ(f.counter("jaeger_collector_spans_received_total",
                      {{"format", "proto"}, {"svc", "svc"}, {"transport", "grpc"}}),
            16);
}

TEST(IngestQueue, OversizedBatchAdmittedOnlyIntoEmptyQueue) {
  {
    Fixture f(10);
    f.writer->set_open(false);
    f.queue->start();
    EXPECT_EQ(f.queue->submit(make_batch(15, 1), "http", "jaeger").status, SubmitStatus::Accepted);
    EXPECT_EQ(f.queue->submit(make_batch(1, 100), "http", "jaeger").status, SubmitStatus::QueueFull);
    f.writer->set_open(true);
    EXPECT_EQ(f.queue->stop(), 0u);
    EXPECT_EQ(f.writer->written(), 15u);
  }
  {
    Fixture f(10);
    f.writer->set_open(false);
    f.queue->start();
    EXPECT_EQ(f.queue->submit(make_batch(1, 1), "http", "jaeger").status, SubmitStatus::Accepted);
    EXPECT_EQ(f.queue->submit(make_batch(15, 100), "http", "jaeger").status, SubmitStatus::QueueFull);
    f.writer->set_open(true);
    EXPECT_EQ(f.queue->stop(), 0u);
    EXPECT_EQ(f.writer->written(), 1u);
  }
}

TEST(IngestQueue, BackPressureWhileStorageFailsThenRecoversWithoutLoss) {
  Fixture f(20, 4);
  f.writer->set_mode(FakeSpanWriter::Mode::StorageError);
  f.queue->start();
  std::set<model::SpanID> accepted;
  model::SpanID next_id = 1;
  bool saw_full = false;
  // Storage never succeeds, so the queue must fill and push back.
  while (!saw_full) {
    auto batch = make_batch(3, next_id);
    auto r = f.queue->submit(std::move(batch), "grpc", "proto");
    if (r.status == SubmitStatus::Accepted) {
      for (model::SpanID id = next_id; id < next_id + 3; ++id) accepted.insert(id);
    } else {
      ASSERT_EQ(r.status, SubmitStatus::QueueFull);
      saw_full = true;
    }
    next_id += 3;
  }
  EXPECT_EQ(accepted.size(), 18u);
  f.writer->wait_attempts(10);  // retries are happening
  f.writer->set_mode(FakeSpanWriter::Mode::Ok);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.writer->ids(), accepted);
  EXPECT_GT(f.counter("jaeger_collector_spans_saved_by_svc_total",
                      {{"debug", "false"}, {"result", "err"}, {"svc", "svc"}}),
            0);
  EXPECT_EQ(f.counter("jaeger_collector_spans_saved_by_svc_total",
                      {{"debug", "false"}, {"result", "ok"}, {"svc", "svc"}}),
            18);
  EXPECT_EQ(f.counter("jaeger_collector_spans_dropped_total", {}), 0);
}

TEST(IngestQueue, StopDrainsEverythingAccepted) {
  Fixture f(100000, 3);
  f.queue->start();
  size_t accepted = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = f.queue->submit(make_batch(50, static_cast<model::SpanID>(i) * 50 + 1), "grpc", "proto");
    ASSERT_EQ(r.status, SubmitStatus::Accepted);
    accepted += r.accepted_spans;
  }
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.writer->written(), accepted);
  EXPECT_EQ(f.queue->queued_spans(), 0u);
  EXPECT_EQ(f.queue->submit(make_batch(1, 1), "grpc", "proto").status, SubmitStatus::ShuttingDown);
  EXPECT_EQ(f.queue->stop(), 0u);  // idempotent
}

TEST(IngestQueue, StopDeadlineReportsAndCountsUnwritten) {
  Fixture f(100, 1);
  f.writer->set_mode(FakeSpanWriter::Mode::StorageError);
  f.queue->start();
  ASSERT_EQ(f.queue->submit(make_batch(3, 1), "grpc", "proto").status, SubmitStatus::Accepted);
  ASSERT_EQ(f.queue->submit(make_batch(2, 10), "grpc", "proto").status, SubmitStatus::Accepted);
  f.writer->wait_attempts(1);
  EXPECT_EQ(f.queue->stop(10ms), 5u);
  EXPECT_EQ(f.counter("jaeger_collector_spans_dropped_total", {}), 5);
  EXPECT_EQ(f.writer->written(), 0u);
}

TEST(IngestQueue, NonRetryableErrorIsDroppedNotRetriedForever) {
  Fixture f(100, 1);
  f.writer->set_mode(FakeSpanWriter::Mode::LogicError);
  f.queue->start();
  ASSERT_EQ(f.queue->submit(make_batch(4, 1), "grpc", "proto").status, SubmitStatus::Accepted);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.counter("jaeger_collector_spans_dropped_total", {}), 4);
}

TEST(IngestQueue, WorkersSanitizeBeforeWriting) {
  Fixture f(100, 1);
  f.queue->start();
  ASSERT_EQ(f.queue->submit(make_batch(2, 1, ""), "http", "zipkin").status, SubmitStatus::Accepted);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.writer->services(), (std::set<std::string>{"empty-service-name"}));
}

TEST(IngestQueue, GaugesAndHistogramsAreExported) {
  Fixture f(1234, 1);
  f.queue->start();
  ASSERT_EQ(f.queue->submit(make_batch(7, 1), "grpc", "proto").status, SubmitStatus::Accepted);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.registry.gauge("jaeger_collector_queue_capacity", "").value(), 1234);
  EXPECT_EQ(f.registry.gauge("jaeger_collector_queue_length", "").value(), 0);
  EXPECT_EQ(f.registry.gauge("jaeger_collector_batch_size", "").value(), 7);
  EXPECT_EQ(f.registry.histogram("jaeger_collector_save_latency", "", {}).count(), 1u);
  EXPECT_EQ(f.registry.histogram("jaeger_collector_in_queue_latency", "", {}).count(), 1u);
  std::string text = f.registry.render();
  EXPECT_NE(text.find("jaeger_collector_spans_received_total{format=\"proto\",svc=\"svc\",transport=\"grpc\"} 7"),
            std::string::npos);
}

TEST(IngestQueue, ServiceLabelCardinalityIsCapped) {
  Fixture f(1000000, 1);
  f.queue->start();
  const size_t services = kMaxServiceLabels + 50;
  for (size_t i = 0; i < services; ++i)
    ASSERT_EQ(f.queue->submit(make_batch(1, i + 1, "svc-" + std::to_string(i)), "grpc", "proto").status,
              SubmitStatus::Accepted);
  EXPECT_EQ(f.queue->stop(), 0u);
  EXPECT_EQ(f.counter("jaeger_collector_spans_received_total",
                      {{"format", "proto"}, {"svc", kOtherServicesLabel}, {"transport", "grpc"}}),
            50);
  EXPECT_EQ(f.counter("jaeger_collector_spans_received_total",
                      {{"format", "proto"}, {"svc", "svc-0"}, {"transport", "grpc"}}),
            1);
}

TEST(IngestQueue, EmptyBatchIsAcceptedTrivially) {
  Fixture f(10);
  f.queue->start();
  auto r = f.queue->submit({}, "grpc", "proto");
  EXPECT_EQ(r.status, SubmitStatus::Accepted);
  EXPECT_EQ(r.accepted_spans, 0u);
}

}  // namespace
}  // namespace peregrine::pipeline
