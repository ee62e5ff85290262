// Request parameters of the gRPC query APIs (jaeger.api_v2 and jaeger.api_v3) → the query service's inputs.
// Pure functions, no gRPC: each result carries either the value or an error message that the server answers
// with INVALID_ARGUMENT.
//   Timestamps: unset, the Unix epoch or Go's zero time (0001-01-01, which Go clients send for "not set")
//   mean "no bound"; nanos outside [0, 1e9) or seconds outside years 1..9999 are errors.
//   Durations: ns → µs, a minimum rounded up and a maximum rounded down; negative is an error.
//   search_depth: 0 → the default of 100 traces; negative is an error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "backend/model/ids.hpp"
#include "backend/storage/span_reader.hpp"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "jaeger/api_v3/query_service.pb.h"
#include "jaeger/query.pb.h"

namespace peregrine::query {

struct GrpcTraceQuery {
  storage::TraceQuery query;
  bool raw_traces = false;
  std::string error;  // non-empty: INVALID_ARGUMENT
  bool ok() const { return error.empty(); }
};

struct GrpcDependencyWindow {
  int64_t end_ts_us = 0;
  int64_t lookback_us = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

// µs since the epoch; 0 for unset / Go zero time; nullopt (and *error) when out of range.
std::optional<int64_t> grpc_timestamp_us(const google::protobuf::Timestamp& ts, std::string* error);

// api_v2 bytes trace ID: 16 big-endian bytes. Empty or all-zero → "uninitialized TraceID".
std::optional<model::TraceID> grpc_v2_trace_id(const std::string& bytes, std::string* error);
// api_v3 hex trace ID (1..32 hex digits, Jaeger's TraceIDFromString rules). Zero → "uninitialized TraceID".
std::optional<model::TraceID> grpc_v3_trace_id(const std::string& hex, std::string* error);

GrpcTraceQuery grpc_v2_trace_query(const jaeger::api_v2::FindTracesRequest& request);
// Also requires start_time_min and start_time_max, and refuses the structured filter (field 10).
GrpcTraceQuery grpc_v3_trace_query(const jaeger::api_v3::FindTracesRequest& request);

// [start, end] → (end, end - start); both are required (unset, epoch or Go zero time count as missing) and
// end must not precede start.
GrpcDependencyWindow grpc_dependency_window(const google::protobuf::Timestamp& start,
                                            const google::protobuf::Timestamp& end);

}  // namespace peregrine::query
