// jaeger.api_v2 protobuf ↔ span model. Used by the collector's gRPC PostSpans (14250), the agent's gRPC reporter
// and anything serving api_v2 messages (e.g. the api_v2 query service).
//   IDs: trace_id = 16 big-endian bytes (high, low), span_id = 8 big-endian bytes; empty = zero.
//   start_time / duration: google.protobuf Timestamp / Duration ↔ µs.
//   Process: a span's own process wins, else the batch's; spans without either get an empty Process
//   (the pipeline's sanitizer then names the service "empty-service-name").
#pragma once
#include <string>

#include "backend/model/span.hpp"
#include "jaeger/collector.pb.h"
#include "jaeger/model.pb.h"

namespace peregrine::convert {

struct JaegerProtoResult {
  model::SpanBatch batch;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Validates every ID (a wrong length rejects the whole batch). Never throws.
JaegerProtoResult jaeger_batch_from_proto(const jaeger::api_v2::Batch& batch);

void jaeger_span_to_proto(const model::Span& span, jaeger::api_v2::Span* out, bool include_process);
void jaeger_process_to_proto(const model::Process& process, jaeger::api_v2::Process* out);
void jaeger_key_value_to_proto(const model::KeyValue& kv, jaeger::api_v2::KeyValue* out);

// Builds a Batch: when every span shares one Process (same object or equal value) it goes to batch.process and
// spans carry none; otherwise each span carries its own process.
jaeger::api_v2::Batch jaeger_batch_to_proto(const model::SpanBatch& spans);

}  // namespace peregrine::convert
