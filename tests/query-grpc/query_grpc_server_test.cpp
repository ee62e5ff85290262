// QueryGrpcServer as a server: health checking, server reflection, status mapping of storage failures, the
// per-method call counter, and the lifecycle (ephemeral port, busy port, idempotent stop).
#include <grpcpp/generic/generic_stub.h>

#include <stdexcept>

#include "tests/query-grpc/query_grpc_server_fixture.hpp"

namespace peregrine::query::testing {
namespace {

// --- raw calls through GenericStub (no generated client for health / reflection is installed) ---

grpc::ByteBuffer to_buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string to_string(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(buffer.Dump(&slices).ok());
  std::string out;
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

// A length-delimited protobuf field with a short (< 128 bytes) payload.
std::string string_field(int number, const std::string& value) {
  return std::string(1, static_cast<char>((number << 3) | 2)) + static_cast<char>(value.size()) + value;
}

bool next(grpc::CompletionQueue& cq) {
  void* tag = nullptr;
  bool ok = false;
  EXPECT_TRUE(cq.Next(&tag, &ok));
  return ok;
}

struct RawResult {
  grpc::Status status;
  std::string response;
};

RawResult raw_unary(grpc::Channel& channel, const std::string& method, const std::string& request) {
  grpc::GenericStub stub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  auto call = stub.PrepareUnaryCall(&ctx, method, to_buffer(request), &cq);
  call->StartCall();
  grpc::ByteBuffer response;
  RawResult out;
  call->Finish(&response, &out.status, reinterpret_cast<void*>(1));
  next(cq);
  if (out.status.ok()) out.response = to_string(response);
  return out;
}

// One request/response exchange on the reflection stream.
RawResult reflection_exchange(grpc::Channel& channel, const std::string& request) {
  grpc::GenericStub stub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  auto call = stub.PrepareCall(&ctx, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = reinterpret_cast<void*>(1);
  RawResult out;
  call->StartCall(tag);
  if (next(cq)) {
    call->Write(to_buffer(request), tag);
    if (next(cq)) {
      call->WritesDone(tag);
      next(cq);
    }
    grpc::ByteBuffer response;
    call->Read(&response, tag);
    while (next(cq)) {
      out.response += to_string(response);
      call->Read(&response, tag);
    }
  }
  call->Finish(&out.status, tag);
  next(cq);
  return out;
}

constexpr const char* kHealthCheck = "/grpc.health.v1.Health/Check";
const std::string kServing = std::string("\x08\x01", 2);

TEST_F(QueryGrpcServerTest, HealthReportsServingForTheServerAndBothQueryServices) {
  for (const std::string service : {"", "jaeger.api_v2.QueryService", "jaeger.api_v3.QueryService"}) {
    RawResult r = raw_unary(*channel_, kHealthCheck, service.empty() ? "" : string_field(1, service));
    ASSERT_TRUE(r.status.ok()) << service << ": " << r.status.error_message();
    EXPECT_EQ(r.response, kServing) << service;
  }
  RawResult unknown = raw_unary(*channel_, kHealthCheck, string_field(1, "no.such.Service"));
  EXPECT_EQ(unknown.status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryGrpcServerTest, ReflectionListsTheQueryServices) {
  RawResult r = reflection_exchange(*channel_, string_field(7, ""));
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  const std::string& listed = r.response;
  EXPECT_NE(listed.find("jaeger.api_v2.QueryService"), std::string::npos);
  EXPECT_NE(listed.find("jaeger.api_v3.QueryService"), std::string::npos);
  EXPECT_NE(listed.find("grpc.health.v1.Health"), std::string::npos);
}

TEST_F(QueryGrpcServerTest, ReflectionDescribesApiV3WithItsOtlpDependency) {
  RawResult r = reflection_exchange(*channel_, string_field(4, "jaeger.api_v3.QueryService"));
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  const std::string& files = r.response;
  EXPECT_NE(files.find("jaeger/api_v3/query_service.proto"), std::string::npos);
  EXPECT_NE(files.find("opentelemetry/proto/trace/v1/trace.proto"), std::string::npos);
}

TEST_F(QueryGrpcServerTest, CountsCallsByMethodAndCode) {
  v2_get_trace(trace_id_bytes(kCheckoutTrace));
  v2_get_trace(trace_id_bytes(model::TraceID{0, 0x404}));
  EXPECT_EQ(metrics_
                .counter("peregrine_query_grpc_requests_total", "",
                         {{"method", "api_v2.GetTrace"}, {"code", "OK"}})
                .value(),
            1);
  EXPECT_EQ(metrics_
                .counter("peregrine_query_grpc_requests_total", "",
                         {{"method", "api_v2.GetTrace"}, {"code", "NOT_FOUND"}})
                .value(),
            1);
  // The query service's own metrics apply as for the HTTP API.
  EXPECT_GE(metrics_
                .counter("jaeger_query_requests_total", "", {{"operation", "get_trace"}, {"result", "ok"}})
                .value(),
            2);
}

TEST_F(QueryGrpcServerTest, ABusyPortFailsToStart) {
  QueryGrpcServer second("127.0.0.1:" + std::to_string(server_->port()), *service_, metrics_);
  EXPECT_THROW(second.start(), std::runtime_error);
}

TEST_F(QueryGrpcServerTest, StopIsIdempotentAndRefusesLaterCalls) {
  EXPECT_NE(server_->port(), 0);
  server_->stop();
  server_->stop();
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  jaeger::api_v2::GetServicesResponse resp;
  EXPECT_EQ(v2_->GetServices(&ctx, {}, &resp).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(QueryGrpcServerReflection, CanBeTurnedOff) {
  auto store = std::make_shared<storage::memory::MemoryStore>();
  common::MetricsRegistry metrics;
  QueryService service(store, store, QueryServiceOptions{}, metrics);
  QueryGrpcServerOptions options;
  options.host_port = "127.0.0.1:0";
  options.reflection = false;
  QueryGrpcServer server(options, service, metrics);
  server.start();
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server.port()), grpc::InsecureChannelCredentials());
  RawResult r = reflection_exchange(*channel, string_field(7, ""));
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  auto stub = jaeger::api_v2::QueryService::NewStub(channel);
  grpc::ClientContext ctx;
  jaeger::api_v2::GetServicesResponse resp;
  EXPECT_TRUE(stub->GetServices(&ctx, {}, &resp).ok());
}

TEST(QueryGrpcServerTls, UnreadableCertificateFailsToStart) {
  auto store = std::make_shared<storage::memory::MemoryStore>();
  common::MetricsRegistry metrics;
  QueryService service(store, store, QueryServiceOptions{}, metrics);
  QueryGrpcServerOptions options;
  options.host_port = "127.0.0.1:0";
  options.tls.enabled = true;
  options.tls.cert_file = "/nonexistent/cert.pem";
  options.tls.key_file = "/nonexistent/key.pem";
  QueryGrpcServer server(options, service, metrics);
  EXPECT_THROW(server.start(), std::runtime_error);
}

// --- storage failures ---

// A reader whose every call fails: with storage::StorageError (storage unreachable) or another exception.
class FailingReader final : public storage::SpanReader, public storage::DependencyReader {
 public:
  explicit FailingReader(bool storage_error) : storage_error_(storage_error) {}
  std::optional<model::Trace> get_trace(const model::TraceID&) override { fail(); }
  std::vector<std::string> get_services() override { fail(); }
  std::vector<storage::Operation> get_operations(const storage::OperationQuery&) override { fail(); }
  std::vector<model::Trace> find_traces(const storage::TraceQuery&) override { fail(); }
  std::vector<model::TraceID> find_trace_ids(const storage::TraceQuery&) override { fail(); }
  std::vector<model::DependencyLink> get_dependencies(int64_t, int64_t) override { fail(); }

 private:
  [[noreturn]] void fail() {
    if (storage_error_) throw storage::StorageError("connection refused");
    throw std::logic_error("corrupt record");
  }
  bool storage_error_;
};

class QueryGrpcStorageFailureTest : public ::testing::TestWithParam<bool> {
 protected:
  QueryGrpcStorageFailureTest() {
    auto reader = std::make_shared<FailingReader>(GetParam());
    service_ = std::make_unique<QueryService>(reader, reader, QueryServiceOptions{}, metrics_);
    server_ = std::make_unique<QueryGrpcServer>("127.0.0.1:0", *service_, metrics_);
    server_->start();
    auto channel =
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
    v2_ = jaeger::api_v2::QueryService::NewStub(channel);
    v3_ = jaeger::api_v3::QueryService::NewStub(channel);
  }
  grpc::StatusCode expected_code() const {
    return GetParam() ? grpc::StatusCode::UNAVAILABLE : grpc::StatusCode::INTERNAL;
  }

  common::MetricsRegistry metrics_;
  std::unique_ptr<QueryService> service_;
  std::unique_ptr<QueryGrpcServer> server_;
  std::unique_ptr<jaeger::api_v2::QueryService::Stub> v2_;
  std::unique_ptr<jaeger::api_v3::QueryService::Stub> v3_;
};

TEST_P(QueryGrpcStorageFailureTest, EveryRpcMapsTheFailure) {
  const std::string cause = GetParam() ? "connection refused" : "corrupt record";
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::GetServicesResponse resp;
    grpc::Status s = v2_->GetServices(&ctx, {}, &resp);
    EXPECT_EQ(s.error_code(), expected_code());
    EXPECT_EQ(s.error_message(), "failed to fetch services: " + cause);
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::GetOperationsResponse resp;
    EXPECT_EQ(v2_->GetOperations(&ctx, {}, &resp).error_code(), expected_code());
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::GetTraceRequest req;
    req.set_trace_id(trace_id_bytes(kCheckoutTrace));
    auto r = drain(v2_->GetTrace(&ctx, req));
    EXPECT_EQ(r.status.error_code(), expected_code());
    EXPECT_EQ(r.status.error_message(), "failed to fetch spans from the backend: " + cause);
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::FindTracesRequest req;
    req.mutable_query()->set_service_name("x");
    EXPECT_EQ(drain(v2_->FindTraces(&ctx, req)).status.error_code(), expected_code());
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::GetDependenciesRequest req;
    set_time_us(kBaseUs - 1000000, req.mutable_start_time());
    set_time_us(kBaseUs, req.mutable_end_time());
    jaeger::api_v2::GetDependenciesResponse resp;
    EXPECT_EQ(v2_->GetDependencies(&ctx, req, &resp).error_code(), expected_code());
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v3::GetTraceRequest req;
    req.set_trace_id("a1");
    EXPECT_EQ(drain(v3_->GetTrace(&ctx, req)).status.error_code(), expected_code());
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v3::FindTracesRequest req;
    set_time_us(kBaseUs - 1000000, req.mutable_query()->mutable_start_time_min());
    set_time_us(kBaseUs, req.mutable_query()->mutable_start_time_max());
    EXPECT_EQ(drain(v3_->FindTraces(&ctx, req)).status.error_code(), expected_code());
  }
  {
    grpc::ClientContext ctx;
    jaeger::api_v3::GetServicesResponse resp;
    EXPECT_EQ(v3_->GetServices(&ctx, {}, &resp).error_code(), expected_code());
  }
}

INSTANTIATE_TEST_SUITE_P(StorageErrorAndOtherFailure, QueryGrpcStorageFailureTest, ::testing::Bool());

}  // namespace
}  // namespace peregrine::query::testing
