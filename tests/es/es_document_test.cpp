// Span ↔ Jaeger Elasticsearch document: exact bytes of the document (Go field order, string-typed values,
// Go escaping and float forms), tags-as-fields, service documents and ids, and the reverse conversion
// including Jaeger-only shapes (legacy parentSpanID, typed "tag" fields).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/esutil/go_json.hpp"
#include "backend/storage/elasticsearch/document_id.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"
#include "backend/storage/elasticsearch/span_from_document.hpp"
#include "tests/es/es_test_support.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using model::KeyValue;

model::Span general_span() {
  model::Span s = estest::make_span(1, 2, estest::process("service-x", {KeyValue::Int64("peer.ipv4", 23456), KeyValue::Bool("error", true)}),
                                    "test-general-conversion", 1485467191639875, 5);
  s.flags = 1;
  s.references = {{model::TraceID{0, 1}, 3, model::RefType::ChildOf},
                  {model::TraceID{0, 1}, 4, model::RefType::FollowsFrom},
                  {model::TraceID{0, 0xff}, 0xff, model::RefType::ChildOf}};
  s.tags = {KeyValue::String("peer.service", "service-y"), KeyValue::Int64("peer.ipv4", 23456),
            KeyValue::Bool("error", true), KeyValue::Float64("temperature", 72.5),
            KeyValue::Binary("blob", std::string("\x00\x00\x30\x39", 4))};
  s.logs = {model::Log{1485467191639875, {KeyValue::Int64("event", 123415)}},
            model::Log{1485467191639875, {KeyValue::String("x", "y")}}};
  return s;
}

TEST(EsDocument, SpanDocumentHasJaegerBytes) {
  const std::string expected =
      R"({"traceID":"0000000000000001","spanID":"0000000000000002","flags":1,"operationName":"test-general-conversion",)"
      R"("references":[{"refType":"CHILD_OF","traceID":"0000000000000001","spanID":"0000000000000003"},)"
      R"({"refType":"FOLLOWS_FROM","traceID":"0000000000000001","spanID":"0000000000000004"},)"
      R"({"refType":"CHILD_OF","traceID":"00000000000000ff","spanID":"00000000000000ff"}],)"
      R"("startTime":1485467191639875,"startTimeMillis":1485467191639,"duration":5,)"
      R"("tags":[{"key":"peer.service","type":"string","value":"service-y"},{"key":"peer.ipv4","type":"int64","value":"23456"},)"
      R"({"key":"error","type":"bool","value":"true"},{"key":"temperature","type":"float64","value":"72.5"},)"
      R"({"key":"blob","type":"binary","value":"00003039"}],)"
      R"("logs":[{"timestamp":1485467191639875,"fields":[{"key":"event","type":"int64","value":"123415"}]},)"
      R"({"timestamp":1485467191639875,"fields":[{"key":"x","type":"string","value":"y"}]}],)"
      R"("process":{"serviceName":"service-x","tags":[{"key":"peer.ipv4","type":"int64","value":"23456"},)"
      R"({"key":"error","type":"bool","value":"true"}]}})";
  EXPECT_EQ(span_document(general_span(), TagsAsFields{}), expected);
}

TEST(EsDocument, EmptyListsAndZeroFlagsFollowGoEncoding) {
  model::Span s = estest::make_span(0xabc, 1, estest::process("svc"), "op", 1000, 0);
  s.trace_id.high = 0x1;
  s.logs = {model::Log{7, {}}};
  EXPECT_EQ(span_document(s, TagsAsFields{}),
            R"({"traceID":"00000000000000010000000000000abc","spanID":"0000000000000001","operationName":"op",)"
            R"("references":[],"startTime":1000,"startTimeMillis":1,"duration":0,"tags":[],)"
            R"("logs":[{"timestamp":7,"fields":null}],"process":{"serviceName":"svc","tags":[]}})");
}

TEST(EsDocument, TagsAsFieldsMoveNonBinaryTagsToSortedObjects) {
  TagsAsFields t;
  t.all = true;
  const std::string doc = span_document(general_span(), t);
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["tags"].dump(), R"([{"key":"blob","type":"binary","value":"00003039"}])");
  EXPECT_NE(doc.find(R"("tag":{"error":true,"peer@ipv4":23456,"peer@service":"service-y","temperature":72.5})"),
            std::string::npos)
      << doc;
  EXPECT_NE(doc.find(R"("process":{"serviceName":"service-x","tags":[],"tag":{"error":true,"peer@ipv4":23456}})"),
            std::string::npos)
      << doc;
}

TEST(EsDocument, TagsAsFieldsIncludeListOnlyMovesListedKeys) {
  TagsAsFields t;
  t.keys = {"error"};
  t.dot_replacement = "_";
  auto j = nlohmann::json::parse(span_document(general_span(), t));
  EXPECT_EQ(j["tag"], nlohmann::json({{"error", true}}));
  EXPECT_EQ(j["tags"].size(), 4u);
  EXPECT_EQ(j["process"]["tag"], nlohmann::json({{"error", true}}));
}

TEST(EsDocument, NonFiniteFloatsStayNestedWithTagsAsFields) {
  TagsAsFields t;
  t.all = true;
  model::Span s = estest::make_span(1, 1, estest::process("svc"), "op", 1);
  s.tags = {KeyValue::Float64("ratio", std::numeric_limits<double>::infinity())};
  auto j = nlohmann::json::parse(span_document(s, t));
  EXPECT_EQ(j["tags"][0]["value"], "+Inf");
  EXPECT_FALSE(j.contains("tag"));
}

TEST(EsDocument, GoStringEscaping) {
  std::string out;
  esutil::append_json_string(out, std::string("<a&b>\xe2\x80\xa8\x01\xff\"\\\n\t\b\f", 16));
  EXPECT_EQ(out, R"("\u003ca\u0026b\u003e\u2028\u0001\ufffd\"\\\n\t\b\f")");
  out.clear();
  esutil::append_json_string(out, "h\xc3\xa9llo \xf0\x9f\x98\x80");  // valid UTF-8 passes through
  EXPECT_EQ(out, "\"h\xc3\xa9llo \xf0\x9f\x98\x80\"");
}

TEST(EsDocument, GoFloatForms) {
  EXPECT_EQ(esutil::go_format_float_g10(72.5), "72.5");
  EXPECT_EQ(esutil::go_format_float_g10(1e21), "1e+21");
  EXPECT_EQ(esutil::go_format_float_g10(1e-5), "1e-05");
  EXPECT_EQ(esutil::go_format_float_g10(123456789012.0), "1.23456789e+11");
  EXPECT_EQ(esutil::go_format_float_g10(0.1 + 0.2), "0.3");
  EXPECT_EQ(esutil::go_format_float_g10(std::nan("")), "NaN");
  std::string out;
  esutil::append_json_float(out, 1e-7);
  out += ' ';
  esutil::append_json_float(out, 1e21);
  out += ' ';
  esutil::append_json_float(out, 100.0);
  out += ' ';
  esutil::append_json_float(out, 0.000001);
  EXPECT_EQ(out, "1e-7 1e+21 100 0.000001");
}

TEST(EsDocument, ServiceDocumentAndJaegerId) {
  EXPECT_EQ(service_document("svc", "GET /a"), R"({"serviceName":"svc","operationName":"GET /a"})");
  // FNV-1a 64 of "svc" then "op" (Jaeger's hashCode), lowercase hex without padding.
  EXPECT_EQ(service_document_id("svc", "op"), "beeb439ca26071e2");
  EXPECT_EQ(service_document_id("", ""), "cbf29ce484222325");
}

TEST(EsDocument, DocumentIdIsAStableContentHash) {
  const std::string a = span_document(general_span(), TagsAsFields{});
  EXPECT_EQ(document_id(a), document_id(std::string(a)));
  EXPECT_EQ(document_id(a).size(), 32u);
  EXPECT_NE(document_id(a), document_id(a + " "));
  EXPECT_NE(document_id("a"), document_id("b"));
}

TEST(EsDocument, RoundTrip) {
  const model::Span s = general_span();
  model::Span back = span_from_document(nlohmann::json::parse(span_document(s, TagsAsFields{})), "@");
  EXPECT_EQ(back.trace_id, s.trace_id);
  EXPECT_EQ(back.span_id, s.span_id);
  EXPECT_EQ(back.flags, s.flags);
  EXPECT_EQ(back.operation_name, s.operation_name);
  EXPECT_EQ(back.references, s.references);
  EXPECT_EQ(back.start_time_us, s.start_time_us);
  EXPECT_EQ(back.duration_us, s.duration_us);
  EXPECT_EQ(back.tags, s.tags);
  EXPECT_EQ(back.logs, s.logs);
  EXPECT_EQ(*back.process, *s.process);
}

TEST(EsDocument, RoundTripWithTagsAsFields) {
  TagsAsFields t;
  t.all = true;
  const model::Span s = general_span();
  model::Span back = span_from_document(nlohmann::json::parse(span_document(s, t)), "@");
  auto sorted = [](model::KeyValues kvs) {
    std::sort(kvs.begin(), kvs.end(), [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
    return kvs;
  };
  EXPECT_EQ(sorted(back.tags), sorted(s.tags));
  EXPECT_EQ(sorted(back.process->tags), sorted(s.process->tags));
}

TEST(EsDocument, ReadsJaegerOnlyShapes) {
  // Pre-1.16 Jaeger: unpadded ids and parentSpanID instead of references; typed "tag" fields from Jaeger's writer.
  auto doc = nlohmann::json::parse(R"({"traceID":"1f","spanID":"2","parentSpanID":"3","operationName":"op",
    "references":[],"startTime":10,"startTimeMillis":0,"duration":2,"tags":[],"tag":{"http@status_code":200,
    "error":true,"ratio":0.5,"user":"u"},"logs":[],"process":{"serviceName":"s","tags":[]}})");
  model::Span s = span_from_document(doc, "@");
  EXPECT_EQ(s.trace_id, (model::TraceID{0, 0x1f}));
  ASSERT_EQ(s.references.size(), 1u);
  EXPECT_EQ(s.references[0], (model::SpanRef{model::TraceID{0, 0x1f}, 3, model::RefType::ChildOf}));
  ASSERT_EQ(s.tags.size(), 4u);
  EXPECT_EQ(s.tags[0], KeyValue::Bool("error", true));
  EXPECT_EQ(s.tags[1], KeyValue::Int64("http.status_code", 200));
  EXPECT_EQ(s.tags[2], KeyValue::Float64("ratio", 0.5));
  EXPECT_EQ(s.tags[3], KeyValue::String("user", "u"));
}

TEST(EsDocument, RejectsMalformedDocuments) {
  EXPECT_THROW(span_from_document(nlohmann::json::parse(R"({"traceID":"xyz","spanID":"1"})"), "@"), std::invalid_argument);
  EXPECT_THROW(span_from_document(nlohmann::json::parse(
                   R"({"traceID":"1","spanID":"1","references":[{"refType":"SIBLING","traceID":"1","spanID":"2"}]})"),
                                  "@"),
               std::invalid_argument);
  EXPECT_THROW(span_from_document(nlohmann::json::parse(
                   R"({"traceID":"1","spanID":"1","tags":[{"key":"n","type":"int64","value":"x"}]})"),
                                  "@"),
               std::invalid_argument);
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
