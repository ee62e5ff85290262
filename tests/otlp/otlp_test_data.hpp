// Test helpers: builders for OTLP requests and fixed IDs used across the OTLP tests.
#pragma once
#include <string>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

namespace peregrine::otlp_test {

namespace otlp_collector = opentelemetry::proto::collector::trace::v1;
namespace otlp_trace = opentelemetry::proto::trace::v1;
namespace otlp_common = opentelemetry::proto::common::v1;

// 0102030405060708090a0b0c0d0e0f10
inline std::string trace_id_bytes() { return std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10", 16); }
// 1112131415161718
inline std::string span_id_bytes(char last = 0x18) { return std::string("\x11\x12\x13\x14\x15\x16\x17", 7) + last; }

inline void add_string_attr(google::protobuf::RepeatedPtrField<otlp_common::KeyValue>* attrs, const std::string& key,
                            const std::string& value) {
  auto* kv = attrs->Add();
  kv->set_key(key);
  kv->mutable_value()->set_string_value(value);
}

// One ResourceSpans (service "svc") with one ScopeSpans holding one valid span named "op".
inline otlp_collector::ExportTraceServiceRequest one_span_request() {
  otlp_collector::ExportTraceServiceRequest request;
  auto* rs = request.add_resource_spans();
  add_string_attr(rs->mutable_resource()->mutable_attributes(), "service.name", "svc");
  auto* span = rs->add_scope_spans()->add_spans();
  span->set_trace_id(trace_id_bytes());
  span->set_span_id(span_id_bytes());
  span->set_name("op");
  span->set_start_time_unix_nano(1'700'000'000'123'456'789ULL);
  span->set_end_time_unix_nano(1'700'000'000'123'456'789ULL + 2'500'000);
  return request;
}

inline otlp_trace::Span& first_span(otlp_collector::ExportTraceServiceRequest& request) {
  return *request.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(0);
}

}  // namespace peregrine::otlp_test
