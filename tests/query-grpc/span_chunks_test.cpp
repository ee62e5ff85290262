// Span chunking for streamed answers: span-count and byte limits, order, and the one-oversized-span case.
#include <gtest/gtest.h>

#include "backend/query/grpc/span_chunks.hpp"

namespace peregrine::query {
namespace {

std::vector<model::Span> spans_with_payload(size_t count, size_t payload_bytes) {
  std::vector<model::Span> spans(count);
  for (auto& s : spans) s.tags.push_back(model::KeyValue::String("payload", std::string(payload_bytes, 'x')));
  return spans;
}

TEST(SpanChunks, NoSpansNoChunks) { EXPECT_TRUE(span_chunk_ranges({}, kV2ChunkLimits).empty()); }

TEST(SpanChunks, SplitsBySpanCount) {
  auto ranges = span_chunk_ranges(spans_with_payload(25, 10), SpanChunkLimits{10, 1u << 30});
  EXPECT_EQ(ranges, (std::vector<std::pair<size_t, size_t>>{{0, 10}, {10, 20}, {20, 25}}));
}

TEST(SpanChunks, SplitsByEstimatedBytes) {
  auto spans = spans_with_payload(10, 1000);
  const size_t one = estimated_span_bytes(spans[0]);
  EXPECT_GT(one, 1000u);
  auto ranges = span_chunk_ranges(spans, SpanChunkLimits{100, one * 3});
  EXPECT_EQ(ranges, (std::vector<std::pair<size_t, size_t>>{{0, 3}, {3, 6}, {6, 9}, {9, 10}}));
}

TEST(SpanChunks, AnOversizedSpanGetsAChunkOfItsOwn) {
  auto spans = spans_with_payload(3, 10);
  spans[1].tags.push_back(model::KeyValue::Binary("blob", std::string(5000, 'b')));
  auto ranges = span_chunk_ranges(spans, SpanChunkLimits{10, 1000});
  EXPECT_EQ(ranges, (std::vector<std::pair<size_t, size_t>>{{0, 1}, {1, 2}, {2, 3}}));
}

TEST(SpanChunks, EstimateCountsLogsProcessAndReferences) {
  model::Span bare;
  model::Span rich;
  rich.logs.push_back(model::Log{1, {model::KeyValue::String("event", "boom")}});
  rich.references.push_back(model::SpanRef{model::TraceID{0, 1}, 2, model::RefType::ChildOf});
  auto process = std::make_shared<model::Process>();
  process->service_name = "svc";
  rich.process = process;
  EXPECT_GT(estimated_span_bytes(bare), 0u);
  EXPECT_GT(estimated_span_bytes(rich), estimated_span_bytes(bare));
}

}  // namespace
}  // namespace peregrine::query
