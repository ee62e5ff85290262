// OTLP/gRPC receiver tests: real server on an ephemeral port, generated client stub, fake Sink.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "tests/otlp/fake_sink.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::receivers {
namespace {

using namespace peregrine::otlp_test;

class OtlpGrpcReceiverTest : public ::testing::Test {
 protected:
  void start(OtlpGrpcOptions options = {}) {
    options.host_port = "127.0.0.1:0";
    receiver_ = std::make_unique<OtlpGrpcReceiver>(options, sink_, metrics_);
    receiver_->start();
    ASSERT_NE(receiver_->port(), 0);
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 << 20);
    channel_ = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(receiver_->port()),
                                         grpc::InsecureChannelCredentials(), args);
    stub_ = otlp_collector::TraceService::NewStub(channel_);
  }

  grpc::Status export_request(const otlp_collector::ExportTraceServiceRequest& request, bool gzip = false) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    if (gzip) context.set_compression_algorithm(GRPC_COMPRESS_GZIP);
    otlp_collector::ExportTraceServiceResponse response;
    return stub_->Export(&context, request, &response);
  }

  void TearDown() override {
    if (receiver_) receiver_->stop();
  }

  FakeSink sink_;
  common::MetricsRegistry metrics_;
  std::unique_ptr<OtlpGrpcReceiver> receiver_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<otlp_collector::TraceService::Stub> stub_;
};

TEST_F(OtlpGrpcReceiverTest, ExportDeliversSpansToSink) {
  start();
  auto request = one_span_request();
  add_string_attr(first_span(request).mutable_attributes(), "k", "v");
  grpc::Status status = export_request(request);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto calls = sink_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].transport, "grpc");
  EXPECT_EQ(calls[0].format, "proto");
  ASSERT_EQ(calls[0].batch.size(), 1u);
  EXPECT_EQ(calls[0].batch[0].operation_name, "op");
  EXPECT_EQ(calls[0].batch[0].process->service_name, "svc");
  EXPECT_EQ(calls[0].batch[0].tags.at(0), model::KeyValue::String("k", "v"));
}

TEST_F(OtlpGrpcReceiverTest, GzipCompressedCallsAreAccepted) {
  start();
  EXPECT_TRUE(export_request(one_span_request(), /*gzip=*/true).ok());
  EXPECT_EQ(sink_.calls().size(), 1u);
}

TEST_F(OtlpGrpcReceiverTest, QueueFullIsResourceExhausted) {
  start();
  sink_.set_status(pipeline::SubmitStatus::QueueFull);
  grpc::Status status = export_request(one_span_request());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  sink_.set_status(pipeline::SubmitStatus::ShuttingDown);
  EXPECT_EQ(export_request(one_span_request()).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(sink_.calls().empty());
}

TEST_F(OtlpGrpcReceiverTest, InvalidIdsAreInvalidArgumentWithMessage) {
  start();
  auto request = one_span_request();
  first_span(request).set_trace_id(std::string(16, '\0'));
  grpc::Status status = export_request(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("trace_id must not be all zeros"), std::string::npos)
      << status.error_message();
  EXPECT_TRUE(sink_.calls().empty());
  EXPECT_EQ(metrics_
                .counter("jaeger_collector_spans_rejected_total", "", {{"transport", "grpc"}, {"format", "proto"}})
                .value(),
            1.0);
}

TEST_F(OtlpGrpcReceiverTest, EmptyRequestIsOk) {
  start();
  sink_.set_status(pipeline::SubmitStatus::QueueFull);
  EXPECT_TRUE(export_request(otlp_collector::ExportTraceServiceRequest()).ok());
  EXPECT_EQ(sink_.refused(), 0);
}

TEST_F(OtlpGrpcReceiverTest, OversizedMessageIsRejectedByMaxReceiveSize) {
  OtlpGrpcOptions options;
  options.max_receive_message_bytes = 1024;
  start(options);
  auto request = one_span_request();
  add_string_attr(first_span(request).mutable_attributes(), "big", std::string(4096, 'x'));
  EXPECT_EQ(export_request(request).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(sink_.calls().empty());
}

TEST_F(OtlpGrpcReceiverTest, StopIsIdempotentAndReleasesThePort) {
  start();
  receiver_->stop();
  receiver_->stop();
  EXPECT_FALSE(export_request(one_span_request()).ok());
}

TEST(OtlpGrpcReceiver, BindFailureThrows) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  OtlpGrpcReceiver first("127.0.0.1:0", sink, metrics);
  first.start();
  OtlpGrpcReceiver second("127.0.0.1:" + std::to_string(first.port()), sink, metrics);
  EXPECT_THROW(second.start(), std::runtime_error);
}

}  // namespace
}  // namespace peregrine::receivers
