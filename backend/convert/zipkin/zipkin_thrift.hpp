// zipkincore.thrift (Zipkin v1 Thrift) → normalised Zipkin spans, read with the bounded ThriftReader. Used for
// POST /api/v1/spans with Content-Type application/x-thrift (a binary-protocol list<Span>) and for the agent's
// emitZipkinBatch UDP packets (compact protocol).
#pragma once
#include <string_view>
#include <vector>

#include "backend/convert/jaeger/thrift_reader.hpp"
#include "backend/convert/zipkin/zipkin_span.hpp"

namespace peregrine::convert {

// Reads a list<zipkincore.Span> at the reader's position. Throws thrift::ThriftDecodeError.
std::vector<zipkin::Span> read_zipkin_thrift_span_list(thrift::ThriftReader& reader);

// A whole payload holding one list<Span> (no envelope). Never throws.
zipkin::DecodeResult zipkin_spans_from_thrift(std::string_view payload, thrift::Protocol protocol);

}  // namespace peregrine::convert
