// jaeger.thrift → span model, decoded straight from the wire with the bounded ThriftReader (no intermediate
// generated structs). Mapping follows Jaeger's thrift-to-domain conversion:
//   traceIdHigh/traceIdLow → TraceID; spanId → SpanID; startTime/duration are already µs
//   parentSpanId ≠ 0 and not among the references → a CHILD_OF reference prepended to references
//   tags: STRING/DOUBLE/BOOL/LONG/BINARY → string/float64/bool/int64/binary KeyValues
//   logs: timestamp (µs) + fields; Process.serviceName/tags → one Process shared by every span of the batch
// Required fields (as in the IDL) must be present, otherwise the whole payload is rejected.
#pragma once
#include <string>
#include <string_view>

#include "backend/convert/jaeger/thrift_reader.hpp"
#include "backend/model/span.hpp"

namespace peregrine::convert {

// Reads one jaeger.thrift Batch struct at the reader's position. Throws thrift::ThriftDecodeError.
model::SpanBatch read_jaeger_thrift_batch(thrift::ThriftReader& reader);

// Reads a jaeger.thrift Tag / Process (exposed for the Zipkin and agent decoders and tests).
model::KeyValue read_jaeger_thrift_tag(thrift::ThriftReader& reader);
model::Process read_jaeger_thrift_process(thrift::ThriftReader& reader);

struct JaegerThriftResult {
  model::SpanBatch batch;
  std::string error;
  bool ok() const { return error.empty(); }
};

// A whole payload holding exactly one Batch struct without a message envelope (the body of
// POST /api/traces uses the binary protocol). Never throws.
JaegerThriftResult jaeger_batch_from_thrift(std::string_view payload, thrift::Protocol protocol);

}  // namespace peregrine::convert
