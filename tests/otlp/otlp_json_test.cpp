// OTLP/JSON parsing (hex IDs, string/number int64, enum ints and names, snake_case, errors) and rendering
// (hex IDs, api_v3 envelope).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/convert/otlp_json.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::convert {
namespace {

using namespace peregrine::otlp_test;

constexpr const char* kRequestJson = R"({
  "resourceSpans": [{
    "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "frontend"}}]},
    "scopeSpans": [{
      "scope": {"name": "lib", "version": "1.0"},
      "spans": [{
        "traceId": "0102030405060708090A0B0C0D0E0F10",
        "spanId": "1112131415161718",
        "parentSpanId": "",
        "name": "GET /",
        "kind": 2,
        "startTimeUnixNano": "1700000000123456789",
        "endTimeUnixNano": 1700000000125456789,
        "attributes": [
          {"key": "http.status_code", "value": {"intValue": "200"}},
          {"key": "retries", "value": {"intValue": 3}},
          {"key": "payload", "value": {"bytesValue": "AP8="}},
          {"key": "ratio", "value": {"doubleValue": 0.25}}
        ],
        "events": [{"timeUnixNano": "1700000000124000000", "name": "e1"}],
        "links": [{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "2122232425262728"}],
        "status": {"code": 2, "message": "oops"},
        "unknownField": {"ignored": true}
      }]
    }]
  }]
})";

TEST(OtlpJson, ParsesHexIdsStringAndNumberInt64AndEnumInts) {
  OtlpJsonParseResult parsed = parse_otlp_json(kRequestJson);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const auto& span = parsed.request.resource_spans(0).scope_spans(0).spans(0);
  EXPECT_EQ(span.trace_id(), trace_id_bytes());
  EXPECT_EQ(span.span_id(), span_id_bytes());
  EXPECT_TRUE(span.parent_span_id().empty());
  EXPECT_EQ(span.kind(), otlp_trace::Span::SPAN_KIND_SERVER);
  EXPECT_EQ(span.start_time_unix_nano(), 1700000000123456789ULL);
  EXPECT_EQ(span.end_time_unix_nano(), 1700000000125456789ULL);
  EXPECT_EQ(span.attributes(0).value().int_value(), 200);
  EXPECT_EQ(span.attributes(1).value().int_value(), 3);
  EXPECT_EQ(span.attributes(2).value().bytes_value(), std::string("\x00\xff", 2));
  EXPECT_DOUBLE_EQ(span.attributes(3).value().double_value(), 0.25);
  EXPECT_EQ(span.events(0).time_unix_nano(), 1700000000124000000ULL);
  EXPECT_EQ(span.links(0).span_id(), std::string("\x21\x22\x23\x24\x25\x26\x27\x28", 8));
  EXPECT_EQ(span.status().code(), otlp_trace::Status::STATUS_CODE_ERROR);

  OtlpToModelResult converted = otlp_to_model(std::move(parsed.request));
  ASSERT_TRUE(converted.ok()) << converted.error;
  EXPECT_EQ(converted.batch[0].process->service_name, "frontend");
  EXPECT_EQ(converted.batch[0].duration_us, 2000);
}

TEST(OtlpJson, AcceptsSnakeCaseAndEnumNames) {
  const char* json = R"({"resource_spans":[{"scope_spans":[{"spans":[{
      "trace_id":"0102030405060708090a0b0c0d0e0f10","span_id":"1112131415161718",
      "parent_span_id":"0000000000000001","kind":"SPAN_KIND_CLIENT",
      "start_time_unix_nano":"5","status":{"code":"STATUS_CODE_OK"}}]}]}]})";
  OtlpJsonParseResult parsed = parse_otlp_json(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const auto& span = parsed.request.resource_spans(0).scope_spans(0).spans(0);
  EXPECT_EQ(span.kind(), otlp_trace::Span::SPAN_KIND_CLIENT);
  EXPECT_EQ(span.parent_span_id(), std::string("\0\0\0\0\0\0\0\x01", 8));
  EXPECT_EQ(span.start_time_unix_nano(), 5u);
  EXPECT_EQ(span.status().code(), otlp_trace::Status::STATUS_CODE_OK);
}

TEST(OtlpJson, AcceptsLegacyInstrumentationLibrarySpans) {
  const char* json = R"({"resourceSpans":[{"instrumentationLibrarySpans":[{
      "instrumentationLibrary":{"name":"old-lib"},
      "spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161718","name":"x"}]}]}]})";
  OtlpJsonParseResult parsed = parse_otlp_json(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_EQ(parsed.request.resource_spans(0).scope_spans_size(), 1);
  EXPECT_EQ(parsed.request.resource_spans(0).scope_spans(0).scope().name(), "old-lib");
  EXPECT_EQ(parsed.request.resource_spans(0).scope_spans(0).spans(0).name(), "x");
}

TEST(OtlpJson, EmptyObjectIsAnEmptyRequest) {
  OtlpJsonParseResult parsed = parse_otlp_json("{}");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.request.resource_spans_size(), 0);
}

TEST(OtlpJson, BadHexIdIsAnErrorNamingTheField) {
  OtlpJsonParseResult parsed = parse_otlp_json(
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz02030405060708090a0b0c0d0e0f10","spanId":"1112131415161718"}]}]}]})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error.find("resourceSpans[0].scopeSpans[0].spans[0].traceId"), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("hex"), std::string::npos) << parsed.error;

  OtlpJsonParseResult odd = parse_otlp_json(
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"123"}]}]}]})");
  ASSERT_FALSE(odd.ok());
  EXPECT_NE(odd.error.find("spanId"), std::string::npos) << odd.error;

  OtlpJsonParseResult link = parse_otlp_json(
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161718","links":[{"traceId":42}]}]}]}]})");
  ASSERT_FALSE(link.ok());
  EXPECT_NE(link.error.find("links[0].traceId"), std::string::npos) << link.error;
}

TEST(OtlpJson, GarbageAndWrongShapesAreErrors) {
  for (const char* bad : {"", "not json", "{", "[]", "42", R"({"resourceSpans": 5})", R"({"resourceSpans":[7]})",
                          R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"abc"}]}]}]})",
                          R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":{}}]}]}]})"}) {
    OtlpJsonParseResult parsed = parse_otlp_json(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_FALSE(parsed.error.empty()) << bad;
  }
}

TEST(OtlpJson, DeepNestingIsRejectedNotOverflowed) {
  std::string deep = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":)";
  for (int i = 0; i < 100000; ++i) deep += "[";
  OtlpJsonParseResult parsed = parse_otlp_json(deep);
  EXPECT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error.find("nesting"), std::string::npos) << parsed.error;
}

TEST(OtlpJson, RequestToJsonUsesHexIdsAndIntegerEnumsAndParsesBack) {
  auto request = one_span_request();
  first_span(request).set_kind(otlp_trace::Span::SPAN_KIND_PRODUCER);
  first_span(request).set_parent_span_id(span_id_bytes(0x01));
  auto* attr = first_span(request).add_attributes();
  attr->set_key("raw");
  attr->mutable_value()->set_bytes_value(std::string("\x00\xff", 2));
  const std::string json = otlp_request_to_json(request);
  auto doc = nlohmann::json::parse(json);
  const auto& span = doc["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
  EXPECT_EQ(span["traceId"], "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(span["spanId"], "1112131415161718");
  EXPECT_EQ(span["parentSpanId"], "1112131415161701");
  EXPECT_EQ(span["kind"], 4);
  EXPECT_EQ(span["startTimeUnixNano"], "1700000000123456789");
  EXPECT_EQ(span["attributes"][0]["value"]["bytesValue"], "AP8=");  // attribute bytes stay base64

  OtlpJsonParseResult parsed = parse_otlp_json(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.request.SerializeAsString(), request.SerializeAsString());
}

TEST(OtlpJson, TracesToJsonHasApiV3Envelope) {
  auto request = one_span_request();
  OtlpToModelResult converted = otlp_to_model(request);
  ASSERT_TRUE(converted.ok());
  model::Trace trace;
  trace.spans = converted.batch;
  auto doc = nlohmann::json::parse(otlp_traces_to_json({trace}));
  ASSERT_TRUE(doc.contains("result"));
  const auto& rs = doc["result"]["resourceSpans"];
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0]["resource"]["attributes"][0]["value"]["stringValue"], "svc");
  EXPECT_EQ(rs[0]["scopeSpans"][0]["spans"][0]["traceId"], "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(rs[0]["scopeSpans"][0]["spans"][0]["spanId"], "1112131415161718");

  auto empty = nlohmann::json::parse(otlp_traces_to_json({}));
  EXPECT_TRUE(empty["result"]["resourceSpans"].is_array());
  EXPECT_TRUE(empty["result"]["resourceSpans"].empty());
}

TEST(OtlpJson, InvalidUtf8InModelStringsStillRendersValidJson) {
  auto process = std::make_shared<model::Process>(model::Process{"svc", {}});
  model::Span span;
  span.trace_id = model::TraceID{0, 1};
  span.span_id = 1;
  span.operation_name = std::string("bad\xff\xfeop");
  span.process = process;
  model::Trace trace;
  trace.spans.push_back(span);
  const std::string json = otlp_traces_to_json({trace});
  auto doc = nlohmann::json::parse(json);  // throws on invalid UTF-8
  EXPECT_EQ(doc["result"]["resourceSpans"].size(), 1u);
}

}  // namespace
}  // namespace peregrine::convert
