// jaeger.api_v2 protobuf ↔ model round trips and ID validation.
#include <gtest/gtest.h>

#include "backend/convert/jaeger/jaeger_proto.hpp"
#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"
#include "tests/jaeger/thrift_samples.hpp"
#include "tests/support/span_assertions.hpp"

namespace peregrine {
namespace {

TEST(JaegerProto, RoundTripPreservesSpansAndSharedProcess) {
  auto decoded = convert::jaeger_batch_from_thrift(testing::thrift_serialize(testing::sample_jaeger_batch(), false),
                                                   convert::thrift::Protocol::Binary);
  ASSERT_TRUE(decoded.ok());
  auto proto = convert::jaeger_batch_to_proto(decoded.batch);
  EXPECT_TRUE(proto.has_process());
  EXPECT_FALSE(proto.spans(0).has_process());
  EXPECT_EQ(proto.spans(0).trace_id().size(), 16u);
  EXPECT_EQ(proto.spans(0).span_id().size(), 8u);
  auto back = convert::jaeger_batch_from_proto(proto);
  ASSERT_TRUE(back.ok()) << back.error;
  ASSERT_EQ(back.batch.size(), 2u);
  for (size_t i = 0; i < 2; ++i) test_support::expect_same_span(decoded.batch[i], back.batch[i]);
}

TEST(JaegerProto, PerSpanProcessWinsOverBatchProcess) {
  jaeger::api_v2::Batch batch;
  batch.mutable_process()->set_service_name("batch-svc");
  auto* s = batch.add_spans();
  s->set_trace_id(std::string(15, '\0') + "\x01");
  s->set_span_id(std::string(7, '\0') + "\x02");
  s->mutable_process()->set_service_name("own-svc");
  auto* t = batch.add_spans();
  t->set_trace_id(std::string(15, '\0') + "\x01");
  t->set_span_id(std::string(7, '\0') + "\x03");
  auto out = convert::jaeger_batch_from_proto(batch);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.batch[0].process->service_name, "own-svc");
  EXPECT_EQ(out.batch[1].process->service_name, "batch-svc");
  EXPECT_EQ(out.batch[0].trace_id.low, 1u);
  EXPECT_EQ(out.batch[1].span_id, 3u);
}

TEST(JaegerProto, MalformedIdsRejectTheWholeBatch) {
  jaeger::api_v2::Batch batch;
  auto* s = batch.add_spans();
  s->set_trace_id("short");
  s->set_span_id(std::string(8, '\1'));
  auto out = convert::jaeger_batch_from_proto(batch);
  EXPECT_FALSE(out.ok());
  EXPECT_TRUE(out.batch.empty());
}

TEST(JaegerProto, DistinctProcessesGoPerSpan) {
  model::SpanBatch spans(2);
  auto a = std::make_shared<model::Process>();
  a->service_name = "a";
  auto b = std::make_shared<model::Process>();
  b->service_name = "b";
  spans[0].process = a;
  spans[1].process = b;
  auto proto = convert::jaeger_batch_to_proto(spans);
  EXPECT_FALSE(proto.has_process());
  EXPECT_EQ(proto.spans(0).process().service_name(), "a");
  EXPECT_EQ(proto.spans(1).process().service_name(), "b");
}

}  // namespace
}  // namespace peregrine
