// Tests for batch recycling and sanitize-on-submit: the BatchRecycler's bounds, IngestQueue handing written
// batches back through reusable_batch() / recycle(), batches reaching the writer already sanitized, and stop()
// draining many concurrent submissions (admissions are sanitized outside the queue lock) without losing any.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "backend/pipeline/batch_recycler.hpp"
#include "backend/pipeline/ingest_queue.hpp"
#include "tests/pipeline/fake_span_writer.hpp"

namespace peregrine::pipeline {
namespace {

using testing::FakeSpanWriter;
using testing::make_batch;
using namespace std::chrono_literals;

TEST(BatchRecycler, KeepsBatchesWithinBounds) {
  BatchRecycler recycler;
  EXPECT_TRUE(recycler.take().empty());
  recycler.give(model::SpanBatch{});  // empty batches are not worth keeping
  EXPECT_TRUE(recycler.take().empty());
  for (size_t i = 0; i < BatchRecycler::kMaxBatches + 3; ++i) recycler.give(make_batch(2, 1));
  size_t kept = 0;
  while (!recycler.take().empty()) ++kept;
  EXPECT_EQ(kept, BatchRecycler::kMaxBatches);
  recycler.give(make_batch(BatchRecycler::kMaxSpans + 1, 1));  // too many spans to keep
  EXPECT_TRUE(recycler.take().empty());
}

TEST(IngestQueueRecycling, WrittenBatchesComeBackForReuse) {
  auto writer = std::make_shared<FakeSpanWriter>();
  common::MetricsRegistry registry;
  IngestQueueOptions opts;
  opts.queue_size_spans = 100;
  opts.num_workers = 1;
  IngestQueue queue(opts, writer, registry);
  queue.start();
  EXPECT_TRUE(queue.reusable_batch().empty());
  ASSERT_EQ(queue.submit(make_batch(3, 1), "grpc", "proto").status, SubmitStatus::Accepted);
  writer->wait_written(3);
  model::SpanBatch reused;
  // The worker recycles right after recording the write; poll briefly for it.
  for (int i = 0; i < 2000 && reused.empty(); ++i) {
    reused = queue.reusable_batch();
    if (reused.empty()) std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(reused.size(), 3u);
  EXPECT_EQ(reused[0].span_id, 1u);
  queue.recycle(std::move(reused));
  EXPECT_EQ(queue.reusable_batch().size(), 3u);
  EXPECT_EQ(queue.stop(), 0u);
}

TEST(IngestQueueRecycling, SubmittedBatchesAreSanitizedBeforeTheWriterSeesThem) {
  auto writer = std::make_shared<FakeSpanWriter>();
  common::MetricsRegistry registry;
  IngestQueueOptions opts;
  opts.queue_size_spans = 100;
  opts.num_workers = 1;
  IngestQueue queue(opts, writer, registry);
  queue.start();
  ASSERT_EQ(queue.submit(make_batch(1, 1, ""), "grpc", "proto").status, SubmitStatus::Accepted);
  EXPECT_EQ(queue.stop(), 0u);
  EXPECT_EQ(writer->services(), std::set<std::string>{"empty-service-name"});
}

TEST(IngestQueueRecycling, StopDrainsEveryConcurrentAdmission) {
  auto writer = std::make_shared<FakeSpanWriter>();
  common::MetricsRegistry registry;
  IngestQueueOptions opts;
  opts.queue_size_spans = 1'000'000;
  opts.num_workers = 2;
  IngestQueue queue(opts, writer, registry);
  queue.start();
  std::atomic<size_t> accepted{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> submitters;
  for (int t = 0; t < 4; ++t) {
    submitters.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < 200; ++i) {
        auto r = queue.submit(make_batch(5, static_cast<model::SpanID>(t * 100000 + i * 10 + 1)), "grpc", "proto");
        if (r.status == SubmitStatus::Accepted) accepted += r.accepted_spans;
      }
    });
  }
  go = true;
  std::this_thread::sleep_for(2ms);
  const size_t unwritten = queue.stop();  // races with the submitters on purpose
  for (auto& t : submitters) t.join();
  EXPECT_EQ(unwritten, 0u);
  EXPECT_EQ(writer->written(), accepted.load());  // every accepted span was written, none twice
  EXPECT_EQ(writer->ids().size(), accepted.load());
}

}  // namespace
}  // namespace peregrine::pipeline
