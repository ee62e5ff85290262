// jaeger.thrift → model: payloads encoded by Apache Thrift's C++ library (binary and compact protocols, with
// and without the agent's message envelope) decode to the expected spans.
#include <gtest/gtest.h>

#include "backend/agent/agent_packet.hpp"
#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"
#include "tests/jaeger/thrift_samples.hpp"

namespace peregrine {
namespace {

using convert::thrift::Protocol;

const model::KeyValue* find_tag(const model::KeyValues& tags, const std::string& key) {
  for (const auto& t : tags)
    if (t.key == key) return &t;
  return nullptr;
}

void expect_sample_batch(const model::SpanBatch& spans) {
  ASSERT_EQ(spans.size(), 2u);
  const auto& root = spans[0];
  const auto& child = spans[1];
  EXPECT_EQ(root.trace_id.high, 0x1122334455667788ULL);
  EXPECT_EQ(root.trace_id.low, 0x99aabbccddeeff00ULL);
  EXPECT_EQ(root.span_id, 0x0102030405060708ULL);
  EXPECT_EQ(root.operation_name, "GET /dispatch");
  EXPECT_EQ(root.flags, 1u);
  EXPECT_EQ(root.start_time_us, 1700000000000000LL);
  EXPECT_EQ(root.duration_us, 1500);
  EXPECT_TRUE(root.references.empty());
  ASSERT_NE(find_tag(root.tags, "http.status_code"), nullptr);
  EXPECT_EQ(find_tag(root.tags, "http.status_code")->type, model::ValueType::Int64);
  EXPECT_EQ(find_tag(root.tags, "http.status_code")->i, 200);
  EXPECT_EQ(find_tag(root.tags, "ratio")->type, model::ValueType::Float64);
  EXPECT_DOUBLE_EQ(find_tag(root.tags, "ratio")->d, 0.25);
  EXPECT_EQ(find_tag(root.tags, "error")->type, model::ValueType::Bool);
  EXPECT_TRUE(find_tag(root.tags, "error")->b);
  EXPECT_EQ(find_tag(root.tags, "blob")->type, model::ValueType::Binary);
  EXPECT_EQ(find_tag(root.tags, "blob")->str, std::string("\x01\x02\xff", 3));
  EXPECT_EQ(find_tag(root.tags, "span.kind")->str, "server");
  ASSERT_EQ(root.logs.size(), 1u);
  EXPECT_EQ(root.logs[0].timestamp_us, 1700000000000100LL);
  EXPECT_EQ(root.logs[0].fields[0].str, "cache miss");

  // parentSpanId becomes a CHILD_OF reference placed before the explicit FOLLOWS_FROM one.
  ASSERT_EQ(child.references.size(), 2u);
  EXPECT_EQ(child.references[0].type, model::RefType::ChildOf);
  EXPECT_EQ(child.references[0].span_id, root.span_id);
  EXPECT_EQ(child.references[0].trace_id, root.trace_id);
  EXPECT_EQ(child.references[1].type, model::RefType::FollowsFrom);
  EXPECT_EQ(child.references[1].span_id, 0x7777u);
  EXPECT_EQ(child.parent_span_id(), root.span_id);

  ASSERT_TRUE(root.process);
  EXPECT_EQ(root.process, child.process);  // one shared Process per batch
  EXPECT_EQ(root.process->service_name, "frontend");
  ASSERT_EQ(root.process->tags.size(), 2u);
  EXPECT_EQ(root.process->tags[0].key, "hostname");
  EXPECT_EQ(root.process->tags[0].str, "host-1");
}

TEST(JaegerThrift, BinaryBatchWithoutEnvelope) {
  auto payload = testing::thrift_serialize(testing::sample_jaeger_batch(), false);
  auto result = convert::jaeger_batch_from_thrift(payload, Protocol::Binary);
  ASSERT_TRUE(result.ok()) << result.error;
  expect_sample_batch(result.batch);
}

TEST(JaegerThrift, CompactBatchWithoutEnvelope) {
  auto payload = testing::thrift_serialize(testing::sample_jaeger_batch(), true);
  auto result = convert::jaeger_batch_from_thrift(payload, Protocol::Compact);
  ASSERT_TRUE(result.ok()) << result.error;
  expect_sample_batch(result.batch);
}

TEST(JaegerThrift, AgentEmitBatchPacketsInBothProtocols) {
  for (bool compact : {true, false}) {
    auto packet = testing::agent_emit_batch_packet(testing::sample_jaeger_batch(), compact);
    auto result = agent::decode_agent_packet(packet, compact ? Protocol::Compact : Protocol::Binary);
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.kind, agent::PacketKind::JaegerBatch);
    expect_sample_batch(result.spans);
  }
}

TEST(JaegerThrift, AgentPacketProtocolIsRecognisedFromTheFirstByte) {
  // Node's jaeger-client sends binary-protocol packets, also to the compact port.
  auto binary = testing::agent_emit_batch_packet(testing::sample_jaeger_batch(), false);
  auto on_compact_port = agent::decode_agent_packet(binary, Protocol::Compact);
  ASSERT_TRUE(on_compact_port.ok()) << on_compact_port.error;
  expect_sample_batch(on_compact_port.spans);
  auto compact = testing::agent_emit_batch_packet(testing::sample_jaeger_batch(), true);
  EXPECT_TRUE(agent::decode_agent_packet(compact, Protocol::Binary).ok());
}

TEST(JaegerThrift, ParentAlreadyReferencedIsNotDuplicated) {
  auto batch = testing::sample_jaeger_batch();
  testing::tj::SpanRef ref;
  ref.refType = testing::tj::SpanRefType::CHILD_OF;
  ref.traceIdHigh = batch.spans[1].traceIdHigh;
  ref.traceIdLow = batch.spans[1].traceIdLow;
  ref.spanId = batch.spans[1].parentSpanId;
  batch.spans[1].__set_references({ref});
  auto result = convert::jaeger_batch_from_thrift(testing::thrift_serialize(batch, false), Protocol::Binary);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.batch[1].references.size(), 1u);
}

TEST(JaegerThrift, MissingRequiredFieldRejectsThePayload) {
  auto batch = testing::sample_jaeger_batch();
  auto payload = testing::thrift_serialize(batch.process, false);  // a Process is not a Batch
  auto result = convert::jaeger_batch_from_thrift(payload, Protocol::Binary);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.batch.empty());
}

TEST(JaegerThrift, HostileLengthPrefixesAreRejectedWithoutAllocating) {
  // Batch { 2: list<Span> with 2^31-1 elements } followed by nothing.
  std::string payload = std::string("\x0f\x00\x02\x0c\x7f\xff\xff\xff", 8);
  auto result = convert::jaeger_batch_from_thrift(payload, Protocol::Binary);
  EXPECT_FALSE(result.ok());
  // Process { 1: string of 2^31-1 bytes }.
  std::string huge_string = std::string("\x0c\x00\x01\x0b\x00\x01\x7f\xff\xff\xff", 10);
  EXPECT_FALSE(convert::jaeger_batch_from_thrift(huge_string, Protocol::Binary).ok());
  // Deeply nested structs (unknown field ids are skipped recursively).
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += std::string("\x0c\x00\x63", 3);
  EXPECT_FALSE(convert::jaeger_batch_from_thrift(deep, Protocol::Binary).ok());
}

TEST(JaegerThrift, UnknownAgentMethodIsRejected) {
  auto packet = testing::agent_emit_batch_packet(testing::sample_jaeger_batch(), true);
  // The method name follows the 0x82, version/type and varint seq id bytes; corrupt its first letter.
  auto pos = packet.find("emitBatch");
  ASSERT_NE(pos, std::string::npos);
  packet[pos] = 'x';
  auto result = agent::decode_agent_packet(packet, Protocol::Compact);
  EXPECT_FALSE(result.ok());
}

}  // namespace
}  // namespace peregrine
