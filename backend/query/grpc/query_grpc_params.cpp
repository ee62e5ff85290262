// Translation and validation of gRPC query request parameters (see query_grpc_params.hpp).
#include "backend/query/grpc/query_grpc_params.hpp"

#include "backend/query/api_v1_params.hpp"
#include "backend/query/go_parse.hpp"

namespace peregrine::query {

namespace {

constexpr int64_t kGoZeroTimeSeconds = -62135596800;  // 0001-01-01T00:00:00Z, Go's time.Time{}
constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int kV3FilterFieldNumber = 10;

bool is_unset(const google::protobuf::Timestamp& ts) {
  return (ts.seconds() == 0 || ts.seconds() == kGoZeroTimeSeconds) && ts.nanos() == 0;
}

// ns → µs, rounding up (for lower bounds) or down (for upper bounds). nullopt when negative.
std::optional<int64_t> duration_us(const google::protobuf::Duration& d, bool round_up, const char* name,
                                   std::string* error) {
  if (d.seconds() < 0 || d.nanos() < 0 || d.nanos() > 999999999) {
    *error = std::string("invalid ") + name + ": must be a non-negative duration";
    return std::nullopt;
  }
  int64_t us = d.seconds() * 1000000 + d.nanos() / 1000;
  if (round_up && d.nanos() % 1000 != 0) ++us;
  return us;
}

bool time_param(const google::protobuf::Timestamp& ts, const char* name, int64_t* out, std::string* error) {
  std::string err;
  auto us = grpc_timestamp_us(ts, &err);
  if (!us) {
    *error = std::string("invalid ") + name + ": " + err;
    return false;
  }
  *out = *us;
  return true;
}

// The fields both API versions share. `tags` is api_v2's `tags` or api_v3's `attributes`.
template <typename Params, typename TagMap>
GrpcTraceQuery common_trace_query(const Params& p, const TagMap& tags) {
  GrpcTraceQuery out;
  storage::TraceQuery& q = out.query;
  q.service = p.service_name();
  q.operation = p.operation_name();
  for (const auto& [key, value] : tags) q.tags[key] = value;
  out.raw_traces = p.raw_traces();

  if (!time_param(p.start_time_min(), "start_time_min", &q.start_time_min_us, &out.error)) return out;
  if (!time_param(p.start_time_max(), "start_time_max", &q.start_time_max_us, &out.error)) return out;
  if (q.start_time_min_us != 0 && q.start_time_max_us != 0 && q.start_time_min_us > q.start_time_max_us) {
    out.error = "start_time_min is after start_time_max";
    return out;
  }

  auto min_us = duration_us(p.duration_min(), true, "duration_min", &out.error);
  if (!min_us) return out;
  auto max_us = duration_us(p.duration_max(), false, "duration_max", &out.error);
  if (!max_us) return out;
  if (*min_us != 0 && *max_us != 0 && *max_us < *min_us) {
    out.error = "'max duration' should be greater than 'min duration'";
    return out;
  }
  q.duration_min_us = *min_us;
  q.duration_max_us = *max_us;

  if (p.search_depth() < 0) {
    out.error = "search_depth must not be negative";
    return out;
  }
  q.num_traces = p.search_depth() == 0 ? kDefaultSearchLimit : p.search_depth();
  return out;
}

bool carries_field(const google::protobuf::Message& message, int number) {
  const auto& unknown = message.GetReflection()->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    if (unknown.field(i).number() == number) return true;
  }
  return false;
}

}  // namespace

std::optional<int64_t> grpc_timestamp_us(const google::protobuf::Timestamp& ts, std::string* error) {
  if (is_unset(ts)) return 0;
  if (ts.nanos() < 0 || ts.nanos() > 999999999) {
    *error = "nanos out of range";
    return std::nullopt;
  }
  if (ts.seconds() < kGoZeroTimeSeconds || ts.seconds() > kMaxTimestampSeconds) {
    *error = "seconds out of range";
    return std::nullopt;
  }
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

std::optional<model::TraceID> grpc_v2_trace_id(const std::string& bytes, std::string* error) {
  if (bytes.empty()) {
    *error = "uninitialized TraceID";
    return std::nullopt;
  }
  if (bytes.size() != 16) {
    *error = "invalid TraceID: expected 16 bytes, got " + std::to_string(bytes.size());
    return std::nullopt;
  }
  auto id = model::TraceID::from_bytes(reinterpret_cast<const unsigned char*>(bytes.data()));
  if (id.is_zero()) {
    *error = "uninitialized TraceID";
    return std::nullopt;
  }
  return id;
}

std::optional<model::TraceID> grpc_v3_trace_id(const std::string& hex, std::string* error) {
  std::string err;
  auto id = go_parse_trace_id(hex, &err);
  if (!id) {
    *error = "malformed trace_id: " + err;
    return std::nullopt;
  }
  if (id->is_zero()) {
    *error = "uninitialized TraceID";
    return std::nullopt;
  }
  return id;
}

GrpcTraceQuery grpc_v2_trace_query(const jaeger::api_v2::FindTracesRequest& request) {
  if (!request.has_query()) {
    GrpcTraceQuery out;
    out.error = "missing query";
    return out;
  }
  return common_trace_query(request.query(), request.query().tags());
}

GrpcTraceQuery grpc_v3_trace_query(const jaeger::api_v3::FindTracesRequest& request) {
  GrpcTraceQuery out;
  if (!request.has_query()) {
    out.error = "missing query";
    return out;
  }
  const auto& p = request.query();
  if (carries_field(p, kV3FilterFieldNumber)) {
    out.error = "query.filter (structured filters) is not supported; use the predicate fields";
    return out;
  }
  if (is_unset(p.start_time_min()) || is_unset(p.start_time_max())) {
    out.error = "start time min and max are required parameters";
    return out;
  }
  return common_trace_query(p, p.attributes());
}

GrpcDependencyWindow grpc_dependency_window(const google::protobuf::Timestamp& start,
                                            const google::protobuf::Timestamp& end) {
  GrpcDependencyWindow out;
  if (is_unset(start) || is_unset(end)) {
    out.error = "StartTime and EndTime must be initialized.";
    return out;
  }
  int64_t start_us = 0, end_us = 0;
  if (!time_param(start, "start_time", &start_us, &out.error)) return out;
  if (!time_param(end, "end_time", &end_us, &out.error)) return out;
  if (end_us < start_us) {
    out.error = "end_time is before start_time";
    return out;
  }
  out.end_ts_us = end_us;
  out.lookback_us = end_us - start_us;
  return out;
}

}  // namespace peregrine::query
