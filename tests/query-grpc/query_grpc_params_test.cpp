// Pure translation of gRPC query request parameters: timestamps (incl. Go's zero time), trace IDs, search
// criteria of both API versions and the dependency window.
#include <gtest/gtest.h>

#include "backend/query/grpc/query_grpc_params.hpp"

namespace peregrine::query {
namespace {

google::protobuf::Timestamp ts(int64_t seconds, int32_t nanos = 0) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  return t;
}

TEST(GrpcQueryParams, TimestampsConvertToMicroseconds) {
  std::string err;
  EXPECT_EQ(grpc_timestamp_us(ts(1700000000, 123456789), &err), 1700000000123456);
  EXPECT_EQ(grpc_timestamp_us(ts(0), &err), 0);
  EXPECT_EQ(grpc_timestamp_us(ts(-62135596800), &err), 0);  // Go's time.Time{} means "not set"
  EXPECT_FALSE(grpc_timestamp_us(ts(1, -1), &err));
  EXPECT_FALSE(grpc_timestamp_us(ts(1, 1000000000), &err));
  EXPECT_FALSE(grpc_timestamp_us(ts(253402300800), &err));
}

TEST(GrpcQueryParams, V2TraceIdsAreSixteenBigEndianBytes) {
  std::string err;
  std::string bytes(16, '\0');
  bytes[7] = 0x01;
  bytes[15] = 0x02;
  auto id = grpc_v2_trace_id(bytes, &err);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->high, 1u);
  EXPECT_EQ(id->low, 2u);
  EXPECT_FALSE(grpc_v2_trace_id("", &err));
  EXPECT_EQ(err, "uninitialized TraceID");
  EXPECT_FALSE(grpc_v2_trace_id(std::string(16, '\0'), &err));
  EXPECT_FALSE(grpc_v2_trace_id(std::string(8, '\x01'), &err));
}

TEST(GrpcQueryParams, V3TraceIdsAreHex) {
  std::string err;
  auto id = grpc_v3_trace_id("00000000000000010000000000000002", &err);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->high, 1u);
  EXPECT_EQ(id->low, 2u);
  EXPECT_EQ(grpc_v3_trace_id("a1", &err)->low, 0xa1u);
  EXPECT_FALSE(grpc_v3_trace_id("xyz", &err));
  EXPECT_EQ(err.rfind("malformed trace_id: ", 0), 0u) << err;
  EXPECT_FALSE(grpc_v3_trace_id("0", &err));
}

TEST(GrpcQueryParams, V2QueryMapsEveryField) {
  jaeger::api_v2::FindTracesRequest req;
  auto* q = req.mutable_query();
  q->set_service_name("svc");
  q->set_operation_name("op");
  (*q->mutable_tags())["http.status_code"] = "500";
  *q->mutable_start_time_min() = ts(100);
  *q->mutable_start_time_max() = ts(200);
  q->mutable_duration_min()->set_nanos(1500);  // 1.5 µs → at least 2 µs
  q->mutable_duration_max()->set_nanos(2500);  // 2.5 µs → at most 2 µs
  q->set_search_depth(7);
  q->set_raw_traces(true);
  GrpcTraceQuery parsed = grpc_v2_trace_query(req);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.query.service, "svc");
  EXPECT_EQ(parsed.query.operation, "op");
  EXPECT_EQ(parsed.query.tags.at("http.status_code"), "500");
  EXPECT_EQ(parsed.query.start_time_min_us, 100000000);
  EXPECT_EQ(parsed.query.start_time_max_us, 200000000);
  EXPECT_EQ(parsed.query.duration_min_us, 2);
  EXPECT_EQ(parsed.query.duration_max_us, 2);
  EXPECT_EQ(parsed.query.num_traces, 7);
  EXPECT_TRUE(parsed.raw_traces);
}

TEST(GrpcQueryParams, V2QueryDefaultsAndErrors) {
  jaeger::api_v2::FindTracesRequest req;
  req.mutable_query();
  GrpcTraceQuery parsed = grpc_v2_trace_query(req);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.query.num_traces, 100);
  EXPECT_EQ(parsed.query.start_time_min_us, 0);
  EXPECT_EQ(parsed.query.start_time_max_us, 0);

  EXPECT_EQ(grpc_v2_trace_query(jaeger::api_v2::FindTracesRequest{}).error, "missing query");
  req.mutable_query()->mutable_duration_min()->set_seconds(2);
  req.mutable_query()->mutable_duration_max()->set_seconds(1);
  EXPECT_EQ(grpc_v2_trace_query(req).error, "'max duration' should be greater than 'min duration'");
}

TEST(GrpcQueryParams, V3QueryNeedsBothStartTimesAndMapsAttributes) {
  jaeger::api_v3::FindTracesRequest req;
  auto* q = req.mutable_query();
  (*q->mutable_attributes())["k"] = "v";
  EXPECT_EQ(grpc_v3_trace_query(req).error, "start time min and max are required parameters");
  *q->mutable_start_time_min() = ts(100);
  EXPECT_FALSE(grpc_v3_trace_query(req).ok());
  *q->mutable_start_time_max() = ts(200);
  GrpcTraceQuery parsed = grpc_v3_trace_query(req);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.query.tags.at("k"), "v");
  EXPECT_EQ(parsed.query.num_traces, 100);
}

TEST(GrpcQueryParams, DependencyWindow) {
  GrpcDependencyWindow w = grpc_dependency_window(ts(100), ts(160));
  ASSERT_TRUE(w.ok()) << w.error;
  EXPECT_EQ(w.end_ts_us, 160000000);
  EXPECT_EQ(w.lookback_us, 60000000);
  EXPECT_FALSE(grpc_dependency_window(ts(0), ts(160)).ok());
  EXPECT_FALSE(grpc_dependency_window(ts(100), ts(0)).ok());
  EXPECT_FALSE(grpc_dependency_window(ts(160), ts(100)).ok());
}

}  // namespace
}  // namespace peregrine::query
