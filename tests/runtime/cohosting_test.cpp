// Co-hosting: OTLP configured on the Jaeger receivers' ports (as seed 002's collector command does) is served by the
// Jaeger receivers' servers — gRPC TraceService next to CollectorService, HTTP /v1/traces next to /api/traces.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "backend/common/metrics.hpp"
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"
#include "backend/runtime/collector_runtime.hpp"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "tests/common/http_test_client.hpp"

namespace peregrine {
namespace {

class RecordingSink : public pipeline::Sink {
 public:
  pipeline::SubmitResult submit(model::SpanBatch&& batch, const std::string& transport,
                                const std::string& format) override {
    std::lock_guard lk(mu_);
    for (auto& s : batch) operations_.push_back(s.operation_name);
    transports_.push_back(transport);
    return {pipeline::SubmitStatus::Accepted, batch.size()};
  }
  std::vector<std::string> operations() {
    std::lock_guard lk(mu_);
    return operations_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> operations_;
  std::vector<std::string> transports_;
};

opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest one_span_request(const std::string& name) {
  opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest req;
  auto* rs = req.add_resource_spans();
  auto* attr = rs->mutable_resource()->add_attributes();
  attr->set_key("service.name");
  attr->mutable_value()->set_string_value("cohosted");
  auto* span = rs->add_scope_spans()->add_spans();
  span->set_trace_id(std::string(15, '\0') + "\x01");
  span->set_span_id(std::string(7, '\0') + "\x02");
  span->set_name(name);
  span->set_start_time_unix_nano(1'700'000'000'000'000'000ULL);
  span->set_end_time_unix_nano(1'700'000'000'001'000'000ULL);
  return req;
}

TEST(SameListenAddress, SeedStylePortsMatch) {
  EXPECT_TRUE(runtime::same_listen_address(":14250", ":14250"));
  EXPECT_TRUE(runtime::same_listen_address(":14250", "0.0.0.0:14250"));
  EXPECT_TRUE(runtime::same_listen_address("127.0.0.1:14268", "127.0.0.1:14268"));
  EXPECT_FALSE(runtime::same_listen_address(":4317", ":14250"));
  EXPECT_FALSE(runtime::same_listen_address("127.0.0.1:14250", "10.0.0.1:14250"));
  EXPECT_FALSE(runtime::same_listen_address(":0", ":0"));  // two ephemeral binds are two sockets
}

TEST(Cohosting, OtlpTraceServiceOnTheJaegerGrpcServer) {
  RecordingSink sink;
  common::MetricsRegistry metrics;
  receivers::JaegerGrpcOptions opts;
  opts.host_port = "127.0.0.1:0";
  opts.cohosted_services.push_back(receivers::OtlpGrpcReceiver::make_service(sink, metrics));
  receivers::JaegerGrpcReceiver jaeger(opts, sink, metrics);
  jaeger.start();

  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(jaeger.port()), grpc::InsecureChannelCredentials());
  auto stub = opentelemetry::proto::collector::trace::v1::TraceService::NewStub(channel);
  grpc::ClientContext ctx;
  opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse resp;
  auto status = stub->Export(&ctx, one_span_request("via-14250"), &resp);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(sink.operations(), std::vector<std::string>{"via-14250"});
  jaeger.stop();
}

TEST(Cohosting, OtlpHttpRouteOnTheJaegerHttpServer) {
  RecordingSink sink;
  common::MetricsRegistry metrics;
  receivers::OtlpHttpOptions otlp_opts;
  receivers::JaegerHttpOptions opts;
  opts.host_port = "127.0.0.1:0";
  opts.cohosted_routes.emplace_back("/v1/traces", receivers::make_otlp_http_handler(sink, otlp_opts, &metrics));
  receivers::JaegerHttpReceiver jaeger(opts, sink, metrics);
  jaeger.start();

  auto body = one_span_request("via-14268").SerializeAsString();
  testing::TestClient client(jaeger.port());
  auto otlp = client.request(testing::http::verb::post, "/v1/traces", body, {{"Content-Type", "application/x-protobuf"}});
  EXPECT_EQ(otlp.status, 200u) << otlp.body;
  EXPECT_EQ(sink.operations(), std::vector<std::string>{"via-14268"});
  // The Jaeger endpoint on the same port still answers (an empty body is a malformed Thrift batch → 400).
  auto thrift = client.request(testing::http::verb::post, "/api/traces", "", {{"Content-Type", "application/x-thrift"}});
  EXPECT_EQ(thrift.status, 400u);
  jaeger.stop();
}

}  // namespace
}  // namespace peregrine
