// Reference Thrift payloads for tests, encoded with Apache Thrift's own C++ library and the generated types of
// backend/idl/thrift (an implementation independent of Peregrine's decoder).
#pragma once
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <memory>
#include <string>

#include "peregrine_thrift/Agent.h"
#include "peregrine_thrift/jaeger_types.h"
#include "peregrine_thrift/zipkincore_types.h"

namespace peregrine::testing {

namespace tj = peregrine::thrift_idl::jaeger;
namespace tz = peregrine::thrift_idl::zipkin;
namespace ta = peregrine::thrift_idl::agent;

inline std::shared_ptr<apache::thrift::protocol::TProtocol> make_protocol(
    std::shared_ptr<apache::thrift::transport::TMemoryBuffer> buf, bool compact) {
  if (compact) return std::make_shared<apache::thrift::protocol::TCompactProtocol>(buf);
  return std::make_shared<apache::thrift::protocol::TBinaryProtocol>(buf);
}

template <typename T>
std::string thrift_serialize(const T& value, bool compact) {
  auto buf = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  auto proto = make_protocol(buf, compact);
  value.write(proto.get());
  return buf->getBufferAsString();
}

inline std::string thrift_serialize_zipkin_list(const std::vector<tz::Span>& spans, bool compact) {
  auto buf = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  auto proto = make_protocol(buf, compact);
  proto->writeListBegin(apache::thrift::protocol::T_STRUCT, static_cast<uint32_t>(spans.size()));
  for (const auto& s : spans) s.write(proto.get());
  proto->writeListEnd();
  return buf->getBufferAsString();
}

inline std::string agent_emit_batch_packet(const tj::Batch& batch, bool compact) {
  auto buf = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  ta::AgentClient client(make_protocol(buf, compact));
  client.emitBatch(batch);
  return buf->getBufferAsString();
}

inline std::string agent_emit_zipkin_batch_packet(const std::vector<tz::Span>& spans, bool compact) {
  auto buf = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  ta::AgentClient client(make_protocol(buf, compact));
  client.emitZipkinBatch(spans);
  return buf->getBufferAsString();
}

inline tj::Tag jtag_string(const std::string& k, const std::string& v) {
  tj::Tag t;
  t.key = k;
  t.vType = tj::TagType::STRING;
  t.__set_vStr(v);
  return t;
}

// A two-span batch: a root server span with typed tags and a log, and a child client span whose parent is
// given only by parentSpanId plus a FOLLOWS_FROM reference.
inline tj::Batch sample_jaeger_batch(const std::string& service = "frontend") {
  tj::Batch batch;
  batch.process.serviceName = service;
  batch.process.__set_tags({jtag_string("hostname", "host-1"), jtag_string("jaeger.version", "Node-3.19.0")});
  tj::Span root;
  root.traceIdHigh = 0x1122334455667788LL;
  root.traceIdLow = static_cast<int64_t>(0x99aabbccddeeff00ULL);
  root.spanId = 0x0102030405060708LL;
  root.parentSpanId = 0;
  root.operationName = "GET /dispatch";
  root.flags = 1;
  root.startTime = 1700000000000000LL;
  root.duration = 1500;
  tj::Tag kind = jtag_string("span.kind", "server");
  tj::Tag code;
  code.key = "http.status_code";
  code.vType = tj::TagType::LONG;
  code.__set_vLong(200);
  tj::Tag ratio;
  ratio.key = "ratio";
  ratio.vType = tj::TagType::DOUBLE;
  ratio.__set_vDouble(0.25);
  tj::Tag err;
  err.key = "error";
  err.vType = tj::TagType::BOOL;
  err.__set_vBool(true);
  tj::Tag bin;
  bin.key = "blob";
  bin.vType = tj::TagType::BINARY;
  bin.__set_vBinary(std::string("\x01\x02\xff", 3));
  root.__set_tags({kind, code, ratio, err, bin});
  tj::Log log;
  log.timestamp = 1700000000000100LL;
  log.fields = {jtag_string("event", "cache miss")};
  root.__set_logs({log});

  tj::Span child;
  child.traceIdHigh = root.traceIdHigh;
  child.traceIdLow = root.traceIdLow;
  child.spanId = 0x0a0b0c0d0e0f1011LL;
  child.parentSpanId = root.spanId;
  child.operationName = "SELECT";
  child.flags = 1;
  child.startTime = root.startTime + 100;
  child.duration = 700;
  tj::SpanRef follows;
  follows.refType = tj::SpanRefType::FOLLOWS_FROM;
  follows.traceIdHigh = root.traceIdHigh;
  follows.traceIdLow = root.traceIdLow;
  follows.spanId = 0x7777;
  child.__set_references({follows});
  batch.spans = {root, child};
  return batch;
}

inline tz::Endpoint zendpoint(const std::string& service, int32_t ipv4, int16_t port) {
  tz::Endpoint e;
  e.service_name = service;
  e.ipv4 = ipv4;
  e.port = port;
  return e;
}

inline tz::Annotation zannotation(int64_t ts, const std::string& value, const tz::Endpoint& host) {
  tz::Annotation a;
  a.timestamp = ts;
  a.value = value;
  a.__set_host(host);
  return a;
}

// A v1 client span (cs/cr) with a server address, a string tag, an I32 tag and a custom annotation.
inline tz::Span sample_zipkin_v1_client_span() {
  tz::Endpoint web = zendpoint("web", 0x0a000001, 8080);
  tz::Span s;
  s.trace_id = 0x1234;
  s.__set_trace_id_high(0x5678);
  s.name = "get /users";
  s.id = 0xabc;
  s.__set_parent_id(0x999);
  s.annotations = {zannotation(1000, "cs", web), zannotation(1200, "retry", web), zannotation(3000, "cr", web)};
  tz::BinaryAnnotation path;
  path.key = "http.path";
  path.value = "/users";
  path.annotation_type = tz::AnnotationType::STRING;
  path.__set_host(web);
  tz::BinaryAnnotation size;
  size.key = "size";
  size.value = std::string("\x00\x00\x01\x00", 4);
  size.annotation_type = tz::AnnotationType::I32;
  tz::BinaryAnnotation sa;
  sa.key = "sa";
  sa.value = std::string("\x01", 1);
  sa.annotation_type = tz::AnnotationType::BOOL;
  sa.__set_host(zendpoint("users-db", 0x0a000002, 5432));
  s.binary_annotations = {path, size, sa};
  return s;
}

}  // namespace peregrine::testing
