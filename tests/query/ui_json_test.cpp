// Golden tests of the Jaeger UI JSON rendering (backend/convert/ui_json_*): exact bytes as Jaeger's Go encoder
// writes them — field order, 16 vs 32 hex trace ids, int64 beyond ±(2^53-1) as strings, base64 binary, process
// dedupe and key order, null warnings, Go string escaping and float formatting, MarshalIndent layout.
#include <gtest/gtest.h>

#include <limits>
#include <memory>

#include "backend/convert/ui_json_trace.hpp"
#include "backend/convert/ui_json_writer.hpp"

namespace peregrine::convert {
namespace {

model::ProcessPtr process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

TEST(UiJsonTest, TraceGolden) {
  const model::TraceID tid{0, 1};
  model::Span a;
  a.trace_id = tid;
  a.span_id = 2;
  a.operation_name = "op-a";
  a.flags = 1;
  a.start_time_us = 1485467191639875;
  a.duration_us = 5;
  a.tags = {model::KeyValue::String("peer.service", "service-y"),
            model::KeyValue::Int64("safe", 9007199254740991),
            model::KeyValue::Int64("big", 9007199254740992),
            model::KeyValue::Int64("neg", -9007199254740992),
            model::KeyValue::Int64("negsafe", -9007199254740991),
            model::KeyValue::Bool("error", true),
            model::KeyValue::Float64("temperature", 72.5),
            model::KeyValue::Binary("blob", std::string("\x00\x00\x30\x39", 4))};
  a.logs = {model::Log{1485467191639880, {model::KeyValue::String("event", "some-event")}}};
  a.process = process("service-x", {model::KeyValue::String("ip", "10.0.0.1")});

  model::Span b;
  b.trace_id = tid;
  b.span_id = 3;
  b.operation_name = "op-b";
  b.references = {model::SpanRef{tid, 2, model::RefType::ChildOf},
                  model::SpanRef{model::TraceID{0, 0xff}, 0xff, model::RefType::FollowsFrom}};
  b.start_time_us = 1485467191639876;
  b.duration_us = 4;
  b.process = process("service-x", {model::KeyValue::String("ip", "10.0.0.1")});  // equal value → p1
  b.warnings = {"w1"};

  model::Span c;
  c.trace_id = tid;
  c.span_id = 0xabcdef;
  c.operation_name = "op-c";
  c.process = process("service-y");

  model::Trace trace{{a, b, c}, {}};
  const std::string expected =
      R"({"traceID":"0000000000000001","spans":[)"
      R"({"traceID":"0000000000000001","spanID":"0000000000000002","flags":1,"operationName":"op-a","references":[],)"
      R"("startTime":1485467191639875,"duration":5,"tags":[)"
      R"({"key":"peer.service","type":"string","value":"service-y"},)"
      R"({"key":"safe","type":"int64","value":9007199254740991},)"
      R"({"key":"big","type":"int64","value":"9007199254740992"},)"
      R"({"key":"neg","type":"int64","value":"-9007199254740992"},)"
      R"({"key":"negsafe","type":"int64","value":-9007199254740991},)"
      R"({"key":"error","type":"bool","value":true},)"
      R"({"key":"temperature","type":"float64","value":72.5},)"
      R"({"key":"blob","type":"binary","value":"AAAwOQ=="}],)"
      R"("logs":[{"timestamp":1485467191639880,"fields":[{"key":"event","type":"string","value":"some-event"}]}],)"
      R"("processID":"p1","warnings":null},)"
      R"({"traceID":"0000000000000001","spanID":"0000000000000003","operationName":"op-b","references":[)"
      R"({"refType":"CHILD_OF","traceID":"0000000000000001","spanID":"0000000000000002"},)"
      R"({"refType":"FOLLOWS_FROM","traceID":"00000000000000ff","spanID":"00000000000000ff"}],)"
      R"("startTime":1485467191639876,"duration":4,"tags":[],"logs":[],"processID":"p1","warnings":["w1"]},)"
      R"({"traceID":"0000000000000001","spanID":"0000000000abcdef","operationName":"op-c","references":[],)"
      R"("startTime":0,"duration":0,"tags":[],"logs":[],"processID":"p2","warnings":null}],)"
      R"("processes":{"p1":{"serviceName":"service-x","tags":[{"key":"ip","type":"string","value":"10.0.0.1"}]},)"
      R"("p2":{"serviceName":"service-y","tags":[]}},"warnings":null})";
  EXPECT_EQ(to_ui_json(trace), expected);
}

TEST(UiJsonTest, HighTraceIdUses32HexAndTraceWarnings) {
  model::Span s;
  s.trace_id = model::TraceID{0x1, 0x2};
  s.span_id = 1;
  s.process = process("svc");
  model::Trace t{{s}, {"trace warning"}};
  std::string json = to_ui_json(t);
  EXPECT_NE(
      json.find(
          R"({"traceID":"00000000000000010000000000000002","spans":[{"traceID":"00000000000000010000000000000002")"),
      std::string::npos);
  EXPECT_NE(json.find(R"("warnings":["trace warning"]})"), std::string::npos);
}

TEST(UiJsonTest, ProcessKeysSortLikeGoMaps) {
  model::Trace t;
  for (int i = 0; i < 11; ++i) {
    model::Span s;
    s.trace_id = model::TraceID{0, 9};
    s.span_id = static_cast<model::SpanID>(i + 1);
    s.process = process("svc-" + std::to_string(i));
    t.spans.push_back(s);
  }
  std::string json = to_ui_json(t);
  size_t p1 = json.find(R"("p1":)"), p10 = json.find(R"("p10":)"), p11 = json.find(R"("p11":)"),
         p2 = json.find(R"("p2":)");
  ASSERT_NE(p1, std::string::npos);
  EXPECT_LT(p1, p10);
  EXPECT_LT(p10, p11);
  EXPECT_LT(p11, p2);
  EXPECT_NE(json.find(R"("p11":{"serviceName":"svc-10")"), std::string::npos);
}

TEST(UiJsonTest, EmptyTrace) {
  EXPECT_EQ(to_ui_json(model::Trace{}), R"({"traceID":"","spans":[],"processes":{},"warnings":null})");
}

TEST(JsonWriterTest, GoStringEscaping) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\t\r<>&\x01\x7f é \xe2\x80\xa8 \xff end");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\r\\u003c\\u003e\\u0026\\u0001\x7f é \\u2028 \\ufffd end\"");
}

TEST(JsonWriterTest, GoFloatFormatting) {
  auto f = [](double v) {
    std::string out;
    append_json_float(out, v);
    return out;
  };
  EXPECT_EQ(f(72.5), "72.5");
  EXPECT_EQ(f(0.1), "0.1");
  EXPECT_EQ(f(100), "100");
  EXPECT_EQ(f(0), "0");
  EXPECT_EQ(f(1e20), "100000000000000000000");
  EXPECT_EQ(f(1e21), "1e+21");
  EXPECT_EQ(f(1e-7), "1e-7");
  EXPECT_EQ(f(1.5e-7), "1.5e-7");
  EXPECT_EQ(f(0.000001), "0.000001");
  EXPECT_EQ(f(-2.25), "-2.25");
}

TEST(JsonWriterTest, NonFiniteFloatsAreStrings) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.float64(std::numeric_limits<double>::quiet_NaN());
  w.float64(std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(out, R"(["NaN","+Inf"])");
}

TEST(JsonWriterTest, IndentLikeMarshalIndent) {
  std::string compact = R"({"data":[{"a":1,"b":"x,{}:"}],"e":[],"o":{},"n":null})";
  EXPECT_EQ(indent_json(compact, "    "),
            "{\n"
            "    \"data\": [\n"
            "        {\n"
            "            \"a\": 1,\n"
            "            \"b\": \"x,{}:\"\n"
            "        }\n"
            "    ],\n"
            "    \"e\": [],\n"
            "    \"o\": {},\n"
            "    \"n\": null\n"
            "}");
}

TEST(UiJsonTest, DependencyLink) {
  std::string out;
  JsonWriter w(out);
  write_ui_dependency(w, model::DependencyLink{"a", "b", 3, "jaeger"});
  EXPECT_EQ(out, R"({"parent":"a","child":"b","callCount":3})");
}

}  // namespace
}  // namespace peregrine::convert
