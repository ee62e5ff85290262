// Span chunking for streamed gRPC answers (see span_chunks.hpp).
#include "backend/query/grpc/span_chunks.hpp"

#include <algorithm>

namespace peregrine::query {

namespace {

constexpr size_t kSpanFixedBytes = 64;       // ids, times, flags, framing
constexpr size_t kKeyValueFixedBytes = 16;   // type, number payload, framing
constexpr size_t kLogFixedBytes = 16;        // timestamp, framing
constexpr size_t kReferenceFixedBytes = 40;  // two ids, type, framing

size_t key_values_bytes(const model::KeyValues& kvs) {
  size_t n = 0;
  for (const auto& kv : kvs) n += kKeyValueFixedBytes + kv.key.size() + kv.str.size();
  return n;
}

}  // namespace

size_t estimated_span_bytes(const model::Span& span) {
  size_t n = kSpanFixedBytes + span.operation_name.size();
  n += span.references.size() * kReferenceFixedBytes;
  n += key_values_bytes(span.tags);
  for (const auto& log : span.logs) n += kLogFixedBytes + key_values_bytes(log.fields);
  if (span.process) n += span.process->service_name.size() + key_values_bytes(span.process->tags);
  for (const auto& w : span.warnings) n += w.size() + 2;
  return n;
}

std::vector<std::pair<size_t, size_t>> span_chunk_ranges(const std::vector<model::Span>& spans,
                                                         SpanChunkLimits limits) {
  std::vector<std::pair<size_t, size_t>> ranges;
  const size_t max_spans = std::max<size_t>(1, limits.max_spans);
  size_t begin = 0;
  size_t bytes = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    const size_t span_bytes = estimated_span_bytes(spans[i]);
    const bool chunk_open = i > begin;
    if (chunk_open && (i - begin >= max_spans || bytes + span_bytes > limits.max_bytes)) {
      ranges.emplace_back(begin, i);
      begin = i;
      bytes = 0;
    }
    bytes += span_bytes;
  }
  if (begin < spans.size()) ranges.emplace_back(begin, spans.size());
  return ranges;
}

}  // namespace peregrine::query
