// jaeger.api_v3.QueryService over real gRPC stubs: every RPC, chunking of a 10,000-span trace into several
// TracesData messages, raw vs adjusted traces, and the error statuses.
#include <set>

#include "tests/query-grpc/query_grpc_server_fixture.hpp"

namespace peregrine::query::testing {
namespace {

namespace api = jaeger::api_v3;
using opentelemetry::proto::trace::v1::TracesData;

std::vector<opentelemetry::proto::trace::v1::Span> all_spans(const StreamResult<TracesData>& r) {
  std::vector<opentelemetry::proto::trace::v1::Span> spans;
  for (const auto& data : r.messages)
    for (const auto& rs : data.resource_spans())
      for (const auto& ss : rs.scope_spans()) spans.insert(spans.end(), ss.spans().begin(), ss.spans().end());
  return spans;
}

std::set<std::string> service_names(const StreamResult<TracesData>& r) {
  std::set<std::string> out;
  for (const auto& data : r.messages)
    for (const auto& rs : data.resource_spans())
      for (const auto& attr : rs.resource().attributes())
        if (attr.key() == "service.name") out.insert(attr.value().string_value());
  return out;
}

TEST_F(QueryGrpcServerTest, V3GetServicesAndOperations) {
  grpc::ClientContext ctx;
  api::GetServicesResponse services;
  ASSERT_TRUE(v3_->GetServices(&ctx, api::GetServicesRequest{}, &services).ok());
  EXPECT_EQ(std::vector<std::string>(services.services().begin(), services.services().end()),
            (std::vector<std::string>{"backend", "bulk", "frontend"}));

  grpc::ClientContext ctx2;
  api::GetOperationsRequest req;
  req.set_service("backend");
  api::GetOperationsResponse ops;
  ASSERT_TRUE(v3_->GetOperations(&ctx2, req, &ops).ok());
  ASSERT_EQ(ops.operations_size(), 1);
  EXPECT_EQ(ops.operations(0).name(), "SELECT");
  EXPECT_EQ(ops.operations(0).span_kind(), "client");
}

TEST_F(QueryGrpcServerTest, V3GetTraceReturnsOtlpWithResourcesPerService) {
  auto r = v3_get_trace(kCheckoutTrace.to_hex());
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(service_names(r), (std::set<std::string>{"frontend", "backend"}));
  auto spans = all_spans(r);
  ASSERT_EQ(spans.size(), 2u);
  std::string expected_id(16, '\0');
  kCheckoutTrace.to_bytes(reinterpret_cast<unsigned char*>(expected_id.data()));
  for (const auto& s : spans) {
    EXPECT_EQ(s.trace_id(), expected_id);
    if (s.name() == "SELECT") {
      EXPECT_EQ(s.kind(), opentelemetry::proto::trace::v1::Span::SPAN_KIND_CLIENT);
      EXPECT_EQ(s.start_time_unix_nano(), static_cast<uint64_t>(kBaseUs + 1000) * 1000);
      EXPECT_EQ(s.parent_span_id().size(), 8u);
    }
  }
}

TEST_F(QueryGrpcServerTest, V3GetTraceAcceptsA128BitId) {
  auto r = v3_get_trace(kAboutTrace.to_hex32());
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  auto spans = all_spans(r);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name(), "GET /about");
  EXPECT_EQ(spans[0].status().code(), opentelemetry::proto::trace::v1::Status::STATUS_CODE_ERROR);
}

TEST_F(QueryGrpcServerTest, V3GetTraceAppliesAdjustersUnlessRawTracesIsSet) {
  auto first_attribute_of_root = [](const StreamResult<TracesData>& r) {
    for (const auto& s : all_spans(r)) {
      if (s.name() == "GET /checkout" && s.attributes_size() > 0) return s.attributes(0).key();
    }
    return std::string();
  };
  EXPECT_EQ(first_attribute_of_root(v3_get_trace(kCheckoutTrace.to_hex())), "alpha");
  EXPECT_EQ(first_attribute_of_root(v3_get_trace(kCheckoutTrace.to_hex(), true)), "zeta");
}

TEST_F(QueryGrpcServerTest, V3GetTraceSplitsALargeTraceOverSeveralMessages) {
  auto r = v3_get_trace(kBigTrace.to_hex());
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_GT(r.messages.size(), 1u);
  for (const auto& m : r.messages) EXPECT_LT(m.ByteSizeLong(), size_t{4} << 20);
  std::set<std::string> ids;
  for (const auto& s : all_spans(r)) ids.insert(s.span_id());
  EXPECT_EQ(ids.size(), kBigTraceSpans);
  EXPECT_EQ(service_names(r), (std::set<std::string>{"bulk"}));
}

TEST_F(QueryGrpcServerTest, V3GetTraceErrors) {
  auto missing = v3_get_trace("404");
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.status.error_message(), "trace not found");

  auto malformed = v3_get_trace("not-hex");
  EXPECT_EQ(malformed.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(v3_get_trace("").status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(v3_get_trace(std::string(33, 'a')).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryGrpcServerTest, V3FindTracesStreamsOneOrMoreMessagesPerTrace) {
  api::FindTracesRequest req;
  set_window(req.mutable_query());
  req.mutable_query()->set_service_name("frontend");
  auto r = v3_find(req);
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(all_spans(r).size(), 3u);

  req.mutable_query()->set_service_name("");
  (*req.mutable_query()->mutable_attributes())["db.system"] = "postgres";
  r = v3_find(req);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(all_spans(r).size(), 2u);

  api::FindTracesRequest bulk;
  set_window(bulk.mutable_query());
  bulk.mutable_query()->set_service_name("bulk");
  r = v3_find(bulk);
  ASSERT_TRUE(r.status.ok());
  EXPECT_GT(r.messages.size(), 1u);
  EXPECT_EQ(all_spans(r).size(), kBigTraceSpans);
}

TEST_F(QueryGrpcServerTest, V3FindTracesRejectsBadArguments) {
  auto missing = v3_find(api::FindTracesRequest{});
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(missing.status.error_message(), "missing query");

  api::FindTracesRequest no_times;
  no_times.mutable_query()->set_service_name("frontend");
  auto r = v3_find(no_times);
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.status.error_message(), "start time min and max are required parameters");

  api::FindTracesRequest bad_duration;
  set_window(bad_duration.mutable_query());
  bad_duration.mutable_query()->mutable_duration_min()->set_seconds(-1);
  EXPECT_EQ(v3_find(bad_duration).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // Upstream's structured filter (field 10) is refused, never ignored.
  api::FindTracesRequest filtered;
  set_window(filtered.mutable_query());
  filtered.mutable_query()->GetReflection()->MutableUnknownFields(filtered.mutable_query())->AddLengthDelimited(
      10, "\x0a\x02" "eq");
  EXPECT_EQ(v3_find(filtered).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryGrpcServerTest, V3GetDependencies) {
  grpc::ClientContext ctx;
  api::GetDependenciesRequest req;
  set_time_us(kBaseUs - 3600LL * 1000000, req.mutable_start_time());
  set_time_us(kBaseUs + 3600LL * 1000000, req.mutable_end_time());
  api::DependenciesResponse resp;
  ASSERT_TRUE(v3_->GetDependencies(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.dependencies_size(), 1);
  EXPECT_EQ(resp.dependencies(0).parent(), "frontend");
  EXPECT_EQ(resp.dependencies(0).child(), "backend");
  EXPECT_EQ(resp.dependencies(0).call_count(), 1u);

  grpc::ClientContext ctx2;
  api::GetDependenciesRequest reversed;
  set_time_us(kBaseUs, reversed.mutable_start_time());
  set_time_us(kBaseUs - 1000000, reversed.mutable_end_time());
  EXPECT_EQ(v3_->GetDependencies(&ctx2, reversed, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace peregrine::query::testing
