// Splitting a trace's spans into the chunks a streaming gRPC answer sends. Jaeger's api_v2 handler sends 10 spans
// per SpansResponseChunk; api_v3 sends TracesData messages, here sized by an estimate of their encoded bytes so
// that no message comes near gRPC clients' default 4 MiB receive limit. Pure functions.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

#include "backend/model/span.hpp"

namespace peregrine::query {

struct SpanChunkLimits {
  size_t max_spans;  // ≥ 1
  size_t max_bytes;  // estimated encoded bytes; a single larger span still gets a chunk of its own
};

inline constexpr SpanChunkLimits kV2ChunkLimits{10, 2u << 20};
inline constexpr SpanChunkLimits kV3ChunkLimits{100000, 1u << 20};

// A rough, never-zero estimate of a span's protobuf size: its strings and binary values plus fixed costs per
// field, tag, log, reference and process tag (the process is counted with every span).
size_t estimated_span_bytes(const model::Span& span);

// Consecutive [begin, end) index ranges covering all of `spans` in order; empty for no spans. A chunk closes
// before it would exceed either limit, but always holds at least one span.
std::vector<std::pair<size_t, size_t>> span_chunk_ranges(const std::vector<model::Span>& spans, SpanChunkLimits limits);

}  // namespace peregrine::query
