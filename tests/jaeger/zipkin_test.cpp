// Zipkin → model: v2 JSON and protobuf, v1 JSON and Thrift, shared client/server span IDs and kinds.
#include <gtest/gtest.h>

#include "backend/agent/agent_packet.hpp"
#include "backend/convert/zipkin/zipkin_json.hpp"
#include "backend/convert/zipkin/zipkin_proto.hpp"
#include "backend/convert/zipkin/zipkin_thrift.hpp"
#include "backend/convert/zipkin/zipkin_to_model.hpp"
#include "tests/jaeger/thrift_samples.hpp"
#include "zipkin/zipkin.pb.h"

namespace peregrine {
namespace {

std::string tag(const model::Span& s, const std::string& key) {
  for (const auto& t : s.tags)
    if (t.key == key) return t.value_as_string();
  return "<absent>";
}

const char* kV2Json = R"([
  {"traceId":"5af7183fb1d4cf5f","parentId":"6b221d5bc9e6496c","id":"352bff9a74ca9ad2","kind":"CLIENT",
   "name":"get /api","timestamp":1556604172355737,"duration":1431,
   "localEndpoint":{"serviceName":"frontend","ipv4":"192.168.99.1","port":3306},
   "remoteEndpoint":{"serviceName":"backend","ipv4":"172.19.0.2","port":9000},
   "annotations":[{"timestamp":1556604172355800,"value":"wire send"}],
   "tags":{"http.method":"GET","http.path":"/api"}},
  {"traceId":"5af7183fb1d4cf5f","parentId":"6b221d5bc9e6496c","id":"352bff9a74ca9ad2","kind":"SERVER",
   "name":"get /api","timestamp":1556604172355900,"duration":1000,"shared":true,
   "localEndpoint":{"serviceName":"backend","ipv4":"172.19.0.2","port":9000},
   "remoteEndpoint":{"ipv4":"192.168.99.1"}},
  {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"0000000000000001","kind":"PRODUCER","name":"send",
   "timestamp":10,"duration":5,"localEndpoint":{"serviceName":"queue-writer"}},
  {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"0000000000000002","parentId":"1","kind":"CONSUMER","name":"recv",
   "timestamp":20,"duration":5,"localEndpoint":{"serviceName":"queue-reader"}}
])";

TEST(ZipkinV2, JsonMapsKindsServicesPeersAndSharedIds) {
  auto decoded = convert::zipkin_spans_from_json_v2(kV2Json);
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  auto spans = convert::zipkin_to_model(decoded.spans);
  ASSERT_EQ(spans.size(), 4u);
  const auto& client = spans[0];
  const auto& server = spans[1];
  EXPECT_EQ(client.trace_id.low, 0x5af7183fb1d4cf5fULL);
  EXPECT_EQ(client.span_id, 0x352bff9a74ca9ad2ULL);
  EXPECT_EQ(server.span_id, client.span_id);  // shared ID kept; query-time adjusters de-duplicate
  EXPECT_EQ(client.parent_span_id(), 0x6b221d5bc9e6496cULL);
  EXPECT_EQ(tag(client, "span.kind"), "client");
  EXPECT_EQ(tag(server, "span.kind"), "server");
  EXPECT_EQ(client.process->service_name, "frontend");
  EXPECT_EQ(server.process->service_name, "backend");
  EXPECT_EQ(tag(client, "http.method"), "GET");
  EXPECT_EQ(tag(client, "peer.service"), "backend");
  EXPECT_EQ(tag(client, "peer.port"), "9000");
  EXPECT_EQ(tag(client, "peer.ipv4"), std::to_string((172u << 24) | (19u << 16) | 2u));
  EXPECT_EQ(client.start_time_us, 1556604172355737LL);
  EXPECT_EQ(client.duration_us, 1431);
  ASSERT_EQ(client.logs.size(), 1u);  // the kind annotations are not logs
  EXPECT_EQ(client.logs[0].fields[0].key, "event");
  EXPECT_EQ(client.logs[0].fields[0].str, "wire send");
  bool has_ip = false;
  for (const auto& t : client.process->tags) has_ip |= t.key == "ip";
  EXPECT_TRUE(has_ip);

  EXPECT_EQ(spans[2].trace_id.high, 0x463ac35c9f6413adULL);
  EXPECT_EQ(tag(spans[2], "span.kind"), "producer");
  EXPECT_EQ(tag(spans[3], "span.kind"), "consumer");
  EXPECT_EQ(spans[3].process->service_name, "queue-reader");
  EXPECT_TRUE(spans[2].logs.empty());
}

TEST(ZipkinV2, ProtobufMatchesJson) {
  zipkin::proto3::ListOfSpans list;
  auto* s = list.add_spans();
  s->set_trace_id(std::string("\x5a\xf7\x18\x3f\xb1\xd4\xcf\x5f", 8));
  s->set_id(std::string("\x35\x2b\xff\x9a\x74\xca\x9a\xd2", 8));
  s->set_parent_id(std::string("\x6b\x22\x1d\x5b\xc9\xe6\x49\x6c", 8));
  s->set_kind(zipkin::proto3::Span::SERVER);
  s->set_name("get /api");
  s->set_timestamp(1556604172355737ULL);
  s->set_duration(1431);
  s->mutable_local_endpoint()->set_service_name("backend");
  s->mutable_local_endpoint()->set_ipv4(std::string("\xac\x13\x00\x02", 4));
  s->mutable_remote_endpoint()->set_service_name("frontend");
  (*s->mutable_tags())["http.path"] = "/api";
  auto* a = s->add_annotations();
  a->set_timestamp(1556604172355800ULL);
  a->set_value("{\"event\":\"retry\",\"attempt\":\"2\"}");
  auto decoded = convert::zipkin_spans_from_proto_v2(list.SerializeAsString());
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  auto spans = convert::zipkin_to_model(decoded.spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].span_id, 0x352bff9a74ca9ad2ULL);
  EXPECT_EQ(tag(spans[0], "span.kind"), "server");
  EXPECT_EQ(tag(spans[0], "http.path"), "/api");
  EXPECT_EQ(tag(spans[0], "peer.service"), "frontend");
  EXPECT_EQ(spans[0].process->service_name, "backend");
  ASSERT_EQ(spans[0].logs.size(), 1u);
  EXPECT_EQ(spans[0].logs[0].fields.size(), 2u);  // JSON annotation → one field per key
}

TEST(ZipkinV2, InvalidIdsRejectTheBody) {
  EXPECT_FALSE(convert::zipkin_spans_from_json_v2(R"([{"traceId":"xyz","id":"1"}])").ok());
  EXPECT_FALSE(convert::zipkin_spans_from_json_v2(R"([{"traceId":"1"}])").ok());
  EXPECT_FALSE(convert::zipkin_spans_from_json_v2(R"({"traceId":"1","id":"2"})").ok());
  EXPECT_FALSE(convert::zipkin_spans_from_json_v2(R"([{"traceId":"1","id":"2","kind":"SIDEWAYS"}])").ok());
  zipkin::proto3::ListOfSpans list;
  list.add_spans()->set_trace_id("abc");
  EXPECT_FALSE(convert::zipkin_spans_from_proto_v2(list.SerializeAsString()).ok());
}

TEST(ZipkinV1, JsonWithCoreAnnotationsAndTypedBinaryAnnotations) {
  const char* body = R"([{"traceId":"0000000000001234","name":"get","id":"00000000000000ab","parentId":"0000000000000001",
    "annotations":[{"timestamp":100,"value":"sr","endpoint":{"serviceName":"api","ipv4":"10.0.0.1","port":80}},
                   {"timestamp":150,"value":"db query","endpoint":{"serviceName":"api"}},
                   {"timestamp":300,"value":"ss","endpoint":{"serviceName":"api"}}],
    "binaryAnnotations":[{"key":"http.status_code","value":200,"type":"I32"},
                         {"key":"ok","value":true},
                         {"key":"lc","value":"servlet","endpoint":{"serviceName":"api"}},
                         {"key":"ca","value":true,"endpoint":{"serviceName":"browser","ipv4":"10.0.0.9"}}]}])";
  auto decoded = convert::zipkin_spans_from_json_v1(body);
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  auto spans = convert::zipkin_to_model(decoded.spans);
  ASSERT_EQ(spans.size(), 1u);
  const auto& s = spans[0];
  EXPECT_EQ(tag(s, "span.kind"), "server");
  EXPECT_EQ(s.start_time_us, 100);  // from sr
  EXPECT_EQ(s.duration_us, 200);    // ss - sr
  EXPECT_EQ(tag(s, "http.status_code"), "200");
  EXPECT_EQ(tag(s, "ok"), "true");
  EXPECT_EQ(tag(s, "component"), "servlet");
  EXPECT_EQ(tag(s, "peer.service"), "browser");
  EXPECT_EQ(s.process->service_name, "api");
  ASSERT_EQ(s.logs.size(), 1u);
  EXPECT_EQ(s.logs[0].fields[0].str, "db query");
}

TEST(ZipkinV1, ThriftListAndAgentZipkinBatch) {
  auto zspan = testing::sample_zipkin_v1_client_span();
  auto body = testing::thrift_serialize_zipkin_list({zspan}, false);
  auto decoded = convert::zipkin_spans_from_thrift(body, convert::thrift::Protocol::Binary);
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  auto spans = convert::zipkin_to_model(decoded.spans);
  ASSERT_EQ(spans.size(), 1u);
  const auto& s = spans[0];
  EXPECT_EQ(s.trace_id.high, 0x5678u);
  EXPECT_EQ(s.trace_id.low, 0x1234u);
  EXPECT_EQ(s.span_id, 0xabcu);
  EXPECT_EQ(s.parent_span_id(), 0x999u);
  EXPECT_EQ(tag(s, "span.kind"), "client");
  EXPECT_EQ(s.start_time_us, 1000);
  EXPECT_EQ(s.duration_us, 2000);
  EXPECT_EQ(tag(s, "http.path"), "/users");
  EXPECT_EQ(tag(s, "size"), "256");
  EXPECT_EQ(tag(s, "peer.service"), "users-db");
  EXPECT_EQ(tag(s, "peer.port"), "5432");
  EXPECT_EQ(s.process->service_name, "web");
  ASSERT_EQ(s.logs.size(), 1u);
  EXPECT_EQ(s.logs[0].fields[0].str, "retry");

  auto packet = testing::agent_emit_zipkin_batch_packet({zspan}, true);
  auto result = agent::decode_agent_packet(packet, convert::thrift::Protocol::Compact);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.kind, agent::PacketKind::ZipkinBatch);
  ASSERT_EQ(result.spans.size(), 1u);
  EXPECT_EQ(result.spans[0].span_id, 0xabcu);
}

TEST(ZipkinV1, SpanWithClientAndServerSidesIsSplitSharingTheId) {
  auto zspan = testing::sample_zipkin_v1_client_span();
  auto api = testing::zendpoint("api", 0, 0);
  zspan.annotations.push_back(testing::zannotation(1500, "sr", api));
  zspan.annotations.push_back(testing::zannotation(2500, "ss", api));
  auto decoded = convert::zipkin_spans_from_thrift(testing::thrift_serialize_zipkin_list({zspan}, true),
                                                   convert::thrift::Protocol::Compact);
  ASSERT_TRUE(decoded.ok());
  auto spans = convert::zipkin_to_model(decoded.spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].span_id, spans[1].span_id);
  EXPECT_EQ(tag(spans[0], "span.kind"), "client");
  EXPECT_EQ(tag(spans[1], "span.kind"), "server");
  EXPECT_EQ(spans[1].start_time_us, 1500);
  EXPECT_EQ(spans[1].duration_us, 1000);
}

TEST(ZipkinV1, ServiceFallsBackToUnknown) {
  auto decoded = convert::zipkin_spans_from_json_v1(R"([{"traceId":"1","id":"2","name":"x"}])");
  ASSERT_TRUE(decoded.ok());
  auto spans = convert::zipkin_to_model(decoded.spans);
  EXPECT_EQ(spans[0].process->service_name, "unknown-service-name");
}

}  // namespace
}  // namespace peregrine
