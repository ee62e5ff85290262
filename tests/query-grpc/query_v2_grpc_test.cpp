// jaeger.api_v2.QueryService over real gRPC stubs: every RPC, chunking of a 10,000-span trace, raw vs adjusted
// traces, and the error statuses.
#include <map>
#include <set>

#include "tests/query-grpc/query_grpc_server_fixture.hpp"

namespace peregrine::query::testing {
namespace {

namespace api = jaeger::api_v2;

std::vector<api::Span> all_spans(const StreamResult<api::SpansResponseChunk>& r) {
  std::vector<api::Span> spans;
  for (const auto& chunk : r.messages) spans.insert(spans.end(), chunk.spans().begin(), chunk.spans().end());
  return spans;
}

std::vector<std::string> tag_keys(const api::Span& span) {
  std::vector<std::string> keys;
  for (const auto& t : span.tags()) keys.push_back(t.key());
  return keys;
}

TEST_F(QueryGrpcServerTest, V2GetServicesListsEveryService) {
  grpc::ClientContext ctx;
  api::GetServicesResponse resp;
  ASSERT_TRUE(v2_->GetServices(&ctx, api::GetServicesRequest{}, &resp).ok());
  EXPECT_EQ(std::vector<std::string>(resp.services().begin(), resp.services().end()),
            (std::vector<std::string>{"backend", "bulk", "frontend"}));
}

TEST_F(QueryGrpcServerTest, V2GetOperationsFillsOperationsAndDeprecatedNames) {
  grpc::ClientContext ctx;
  api::GetOperationsRequest req;
  req.set_service("frontend");
  api::GetOperationsResponse resp;
  ASSERT_TRUE(v2_->GetOperations(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.operations_size(), 2);
  EXPECT_EQ(resp.operations(0).name(), "GET /about");
  EXPECT_EQ(resp.operations(0).span_kind(), "server");
  EXPECT_EQ(resp.operations(1).name(), "GET /checkout");
  EXPECT_EQ(std::vector<std::string>(resp.operationnames().begin(), resp.operationnames().end()),
            (std::vector<std::string>{"GET /about", "GET /checkout"}));
}

TEST_F(QueryGrpcServerTest, V2GetOperationsFiltersBySpanKind) {
  grpc::ClientContext ctx;
  api::GetOperationsRequest req;
  req.set_service("backend");
  req.set_span_kind("server");
  api::GetOperationsResponse resp;
  ASSERT_TRUE(v2_->GetOperations(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.operations_size(), 0);

  grpc::ClientContext ctx2;
  req.set_span_kind("client");
  ASSERT_TRUE(v2_->GetOperations(&ctx2, req, &resp).ok());
  ASSERT_EQ(resp.operations_size(), 1);
  EXPECT_EQ(resp.operations(0).name(), "SELECT");
}

TEST_F(QueryGrpcServerTest, V2GetTraceStreamsSpansWithTheirProcesses) {
  auto r = v2_get_trace(trace_id_bytes(kCheckoutTrace));
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  ASSERT_EQ(r.messages.size(), 1u);
  auto spans = all_spans(r);
  ASSERT_EQ(spans.size(), 2u);
  std::map<std::string, std::string> service_by_op;
  for (const auto& s : spans) {
    EXPECT_EQ(s.trace_id(), trace_id_bytes(kCheckoutTrace));
    EXPECT_EQ(s.span_id().size(), 8u);
    service_by_op[s.operation_name()] = s.process().service_name();
  }
  EXPECT_EQ(service_by_op["GET /checkout"], "frontend");
  EXPECT_EQ(service_by_op["SELECT"], "backend");
  for (const auto& s : spans) {
    if (s.operation_name() != "SELECT") continue;
    ASSERT_EQ(s.references_size(), 1);
    EXPECT_EQ(s.references(0).ref_type(), api::CHILD_OF);
    EXPECT_EQ(s.start_time().seconds(), (kBaseUs + 1000) / 1000000);
    EXPECT_EQ(s.start_time().nanos(), 1000 * 1000);
    EXPECT_EQ(s.duration().nanos(), 1200 * 1000);
  }
}

TEST_F(QueryGrpcServerTest, V2GetTraceAppliesAdjustersUnlessRawTracesIsSet) {
  auto adjusted = all_spans(v2_get_trace(trace_id_bytes(kCheckoutTrace)));
  auto raw = all_spans(v2_get_trace(trace_id_bytes(kCheckoutTrace), true));
  auto root_keys = [](const std::vector<api::Span>& spans) {
    for (const auto& s : spans) {
      if (s.operation_name() == "GET /checkout") return tag_keys(s);
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(root_keys(adjusted), (std::vector<std::string>{"alpha", "span.kind", "zeta"}));
  EXPECT_EQ(root_keys(raw), (std::vector<std::string>{"span.kind", "zeta", "alpha"}));
}

TEST_F(QueryGrpcServerTest, V2GetTraceChunksALargeTraceTenSpansAtATime) {
  auto r = v2_get_trace(trace_id_bytes(kBigTrace));
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_EQ(r.messages.size(), kBigTraceSpans / 10);
  std::set<std::string> ids;
  for (const auto& chunk : r.messages) {
    EXPECT_EQ(chunk.spans_size(), 10);
    for (const auto& s : chunk.spans()) {
      ids.insert(s.span_id());
      EXPECT_EQ(s.process().service_name(), "bulk");
    }
  }
  EXPECT_EQ(ids.size(), kBigTraceSpans);
}

TEST_F(QueryGrpcServerTest, V2GetTraceErrors) {
  auto missing = v2_get_trace(trace_id_bytes(model::TraceID{0, 0x404}));
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.status.error_message(), "trace not found");
  EXPECT_TRUE(missing.messages.empty());

  auto empty = v2_get_trace("");
  EXPECT_EQ(empty.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(empty.status.error_message(), "uninitialized TraceID");

  auto short_id = v2_get_trace(std::string(8, '\x01'));
  EXPECT_EQ(short_id.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  auto zero = v2_get_trace(std::string(16, '\0'));
  EXPECT_EQ(zero.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryGrpcServerTest, V2FindTracesStreamsEveryMatchingTrace) {
  api::FindTracesRequest req;
  req.mutable_query()->set_service_name("frontend");
  set_window(req.mutable_query());
  auto r = v2_find(req);
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  std::map<std::string, int> spans_per_trace;
  for (const auto& s : all_spans(r)) ++spans_per_trace[s.trace_id()];
  EXPECT_EQ(spans_per_trace, (std::map<std::string, int>{{trace_id_bytes(kCheckoutTrace), 2},
                                                          {trace_id_bytes(kAboutTrace), 1}}));
}

TEST_F(QueryGrpcServerTest, V2FindTracesHonoursCriteria) {
  api::FindTracesRequest req;
  auto* q = req.mutable_query();
  set_window(q);
  q->set_service_name("backend");
  (*q->mutable_tags())["db.system"] = "postgres";
  auto r = v2_find(req);
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  auto spans = all_spans(r);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].trace_id(), trace_id_bytes(kCheckoutTrace));

  (*q->mutable_tags())["db.system"] = "mysql";
  EXPECT_TRUE(all_spans(v2_find(req)).empty());

  q->clear_tags();
  q->set_service_name("frontend");
  q->set_search_depth(1);
  r = v2_find(req);
  std::set<std::string> traces;
  for (const auto& s : all_spans(r)) traces.insert(s.trace_id());
  EXPECT_EQ(traces, (std::set<std::string>{trace_id_bytes(kAboutTrace)}));  // newest first

  q->set_search_depth(0);
  q->mutable_duration_min()->set_nanos(2'000'000);  // ≥ 2 ms: only the 5 ms checkout root
  traces.clear();
  for (const auto& s : all_spans(v2_find(req))) traces.insert(s.trace_id());
  EXPECT_EQ(traces, (std::set<std::string>{trace_id_bytes(kCheckoutTrace)}));
}

TEST_F(QueryGrpcServerTest, V2FindTracesChunksALargeTrace) {
  api::FindTracesRequest req;
  req.mutable_query()->set_service_name("bulk");
  set_window(req.mutable_query());
  auto r = v2_find(req);
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_EQ(r.messages.size(), kBigTraceSpans / 10);
  EXPECT_EQ(all_spans(r).size(), kBigTraceSpans);
}

TEST_F(QueryGrpcServerTest, V2FindTracesRejectsBadArguments) {
  auto missing = v2_find(api::FindTracesRequest{});
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(missing.status.error_message(), "missing query");

  api::FindTracesRequest req;
  set_window(req.mutable_query());
  req.mutable_query()->mutable_duration_min()->set_seconds(2);
  req.mutable_query()->mutable_duration_max()->set_seconds(1);
  EXPECT_EQ(v2_find(req).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  api::FindTracesRequest negative;
  negative.mutable_query()->set_search_depth(-1);
  EXPECT_EQ(v2_find(negative).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  api::FindTracesRequest reversed;
  set_time_us(kBaseUs, reversed.mutable_query()->mutable_start_time_min());
  set_time_us(kBaseUs - 1, reversed.mutable_query()->mutable_start_time_max());
  EXPECT_EQ(v2_find(reversed).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryGrpcServerTest, V2GetDependenciesReturnsCallsBetweenServices) {
  grpc::ClientContext ctx;
  api::GetDependenciesRequest req;
  set_time_us(kBaseUs - 3600LL * 1000000, req.mutable_start_time());
  set_time_us(kBaseUs + 3600LL * 1000000, req.mutable_end_time());
  api::GetDependenciesResponse resp;
  ASSERT_TRUE(v2_->GetDependencies(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.dependencies_size(), 1);
  EXPECT_EQ(resp.dependencies(0).parent(), "frontend");
  EXPECT_EQ(resp.dependencies(0).child(), "backend");
  EXPECT_EQ(resp.dependencies(0).call_count(), 1u);
  EXPECT_EQ(resp.dependencies(0).source(), "jaeger");

  grpc::ClientContext ctx2;
  api::GetDependenciesRequest none;
  EXPECT_EQ(v2_->GetDependencies(&ctx2, none, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryGrpcServerTest, V2ArchiveTraceReportsMissingArchiveStorage) {
  grpc::ClientContext ctx;
  api::ArchiveTraceRequest req;
  req.set_trace_id(trace_id_bytes(kCheckoutTrace));
  api::ArchiveTraceResponse resp;
  grpc::Status status = v2_->ArchiveTrace(&ctx, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "failed to archive trace: archive span storage was not configured");

  grpc::ClientContext ctx2;
  EXPECT_EQ(v2_->ArchiveTrace(&ctx2, api::ArchiveTraceRequest{}, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace peregrine::query::testing
