// Tests of the protobuf-bytes ingest entry point (ingest_otlp_protobuf) shared by the gRPC and HTTP receivers: the
// direct decoder's batches, the reference path for invalid IDs (same error message) and undecodable bytes, batch
// recycling through the Sink, and the gRPC receiver's raw-bytes method (multi-slice messages, malformed bytes
// answered with gRPC's own INTERNAL status, as when gRPC deserialized the request itself).
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "backend/convert/otlp_to_model.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_ingest.hpp"
#include "tests/otlp/fake_sink.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::receivers {
namespace {

using namespace peregrine::otlp_test;

// A FakeSink that also hands out and takes back batches for reuse.
class RecyclingSink : public FakeSink {
 public:
  using FakeSink::FakeSink;
  model::SpanBatch reusable_batch() override {
    ++handed_out;
    return std::move(spare);
  }
  void recycle(model::SpanBatch&& batch) override {
    ++recycled;
    spare = std::move(batch);
  }
  model::SpanBatch spare;
  int handed_out = 0;
  int recycled = 0;
};

otlp_collector::ExportTraceServiceRequest request_with_spans(int n) {
  auto request = one_span_request();
  for (int i = 1; i < n; ++i) {
    auto* span = request.mutable_resource_spans(0)->mutable_scope_spans(0)->add_spans();
    *span = first_span(request);
    span->set_span_id(span_id_bytes(static_cast<char>(0x30 + i)));
    add_string_attr(span->mutable_attributes(), "index", std::to_string(i));
  }
  return request;
}

TEST(IngestOtlpProtobuf, ConvertsLikeTheReferencePath) {
  FakeSink sink;
  const auto request = request_with_spans(3);
  const OtlpIngestOutcome outcome = ingest_otlp_protobuf(request.SerializeAsString(), sink, "grpc", "proto", nullptr);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::Accepted);
  EXPECT_EQ(outcome.spans, 3u);
  auto calls = sink.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto reference = convert::otlp_to_model(request);
  ASSERT_EQ(calls[0].batch.size(), reference.batch.size());
  for (size_t i = 0; i < reference.batch.size(); ++i) {
    EXPECT_EQ(calls[0].batch[i].span_id, reference.batch[i].span_id);
    EXPECT_EQ(calls[0].batch[i].tags, reference.batch[i].tags);
    EXPECT_EQ(*calls[0].batch[i].process, *reference.batch[i].process);
  }
}

TEST(IngestOtlpProtobuf, InvalidIdsGetTheReferenceErrorMessage) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  auto request = request_with_spans(2);
  request.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(1)->set_span_id("bad");
  const OtlpIngestOutcome outcome = ingest_otlp_protobuf(request.SerializeAsString(), sink, "grpc", "proto", &metrics);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::InvalidArgument);
  EXPECT_EQ(outcome.message, convert::otlp_to_model(request).error);
  EXPECT_EQ(outcome.spans, 2u);
  EXPECT_TRUE(sink.calls().empty());
  EXPECT_NE(metrics.render().find("peregrine_otlp_requests_rejected_total"), std::string::npos);
}

TEST(IngestOtlpProtobuf, UndecodableBytesAreReportedNotCounted) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  const OtlpIngestOutcome outcome = ingest_otlp_protobuf(std::string("\x0a\xff\x01", 3), sink, "grpc", "proto", &metrics);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::Undecodable);
  EXPECT_EQ(outcome.message, convert::OtlpExportRequest().InitializationErrorString());
  EXPECT_TRUE(sink.calls().empty());
  EXPECT_EQ(metrics.render().find("peregrine_otlp_requests_rejected_total"), std::string::npos);
}

TEST(IngestOtlpProtobuf, EmptyRequestIsAcceptedWithoutSubmitting) {
  FakeSink sink;
  const OtlpIngestOutcome outcome = ingest_otlp_protobuf("", sink, "grpc", "proto", nullptr);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::Accepted);
  EXPECT_EQ(outcome.spans, 0u);
  EXPECT_TRUE(sink.calls().empty());
}

TEST(IngestOtlpProtobuf, DecodesIntoRecycledBatchesAndRecyclesRefusedOnes) {
  RecyclingSink sink(pipeline::SubmitStatus::QueueFull);
  const std::string bytes = request_with_spans(4).SerializeAsString();
  OtlpIngestOutcome outcome = ingest_otlp_protobuf(bytes, sink, "grpc", "proto", nullptr);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::QueueFull);
  EXPECT_EQ(sink.handed_out, 1);
  EXPECT_EQ(sink.recycled, 1);  // the refused batch came back to the sink
  ASSERT_EQ(sink.spare.size(), 4u);

  // The next request (smaller) is decoded into the refused batch; nothing of the old content remains.
  sink.set_status(pipeline::SubmitStatus::Accepted);
  sink.spare[0].warnings.push_back("stale");
  const auto smaller = request_with_spans(2);
  outcome = ingest_otlp_protobuf(smaller.SerializeAsString(), sink, "grpc", "proto", nullptr);
  EXPECT_EQ(outcome.status, OtlpIngestStatus::Accepted);
  auto calls = sink.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto reference = convert::otlp_to_model(smaller);
  ASSERT_EQ(calls[0].batch.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(calls[0].batch[i].span_id, reference.batch[i].span_id);
    EXPECT_EQ(calls[0].batch[i].tags, reference.batch[i].tags);
    EXPECT_TRUE(calls[0].batch[i].warnings.empty());
  }
}

class OtlpGrpcRawBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OtlpGrpcOptions options;
    options.host_port = "127.0.0.1:0";
    options.max_receive_message_bytes = 64 << 20;
    receiver_ = std::make_unique<OtlpGrpcReceiver>(options, sink_, metrics_);
    receiver_->start();
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 << 20);
    channel_ = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(receiver_->port()),
                                         grpc::InsecureChannelCredentials(), args);
  }
  void TearDown() override { receiver_->stop(); }

  // Sends raw bytes to TraceService/Export, bypassing client-side serialization.
  grpc::Status send(const std::string& bytes, std::string* response_bytes = nullptr) {
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::CompletionQueue cq;
    auto call = stub.PrepareUnaryCall(&context, "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
                                      request, &cq);
    call->StartCall();
    grpc::Status status;
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&tag, &ok));
    if (response_bytes && status.ok()) {
      std::vector<grpc::Slice> slices;
      response.Dump(&slices);
      response_bytes->clear();
      for (const auto& s : slices) response_bytes->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    return status;
  }

  FakeSink sink_;
  common::MetricsRegistry metrics_;
  std::unique_ptr<OtlpGrpcReceiver> receiver_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(OtlpGrpcRawBytesTest, LargeMultiSliceRequestIsDecodedWhole) {
  const auto request = request_with_spans(3000);  // hundreds of KB: arrives in several slices
  std::string response;
  const grpc::Status status = send(request.SerializeAsString(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.empty());  // an empty ExportTraceServiceResponse
  auto calls = sink_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].batch.size(), 3000u);
  EXPECT_EQ(calls[0].batch[2999].tags.back().str, "2999");
}

TEST_F(OtlpGrpcRawBytesTest, MalformedBytesAreInternalLikeGrpcDeserialization) {
  const grpc::Status status = send(std::string("\x0a\xff\xff\x01garbage", 10));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), convert::OtlpExportRequest().InitializationErrorString());
  EXPECT_TRUE(sink_.calls().empty());
}

}  // namespace
}  // namespace peregrine::receivers
