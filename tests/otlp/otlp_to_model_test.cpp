// Golden tests for OTLP → model conversion: one test per Jaeger mapping rule, plus all-or-nothing validation.
#include <gtest/gtest.h>

#include <algorithm>

#include "backend/convert/otlp_to_model.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::convert {
namespace {

using namespace peregrine::otlp_test;

const model::KeyValue* find_tag(const model::KeyValues& tags, const std::string& key) {
  auto it = std::find_if(tags.begin(), tags.end(), [&](const model::KeyValue& kv) { return kv.key == key; });
  return it == tags.end() ? nullptr : &*it;
}

model::Span convert_one(const otlp_collector::ExportTraceServiceRequest& request) {
  OtlpToModelResult result = otlp_to_model(request);
  EXPECT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.batch.size(), 1u);
  return result.batch.empty() ? model::Span{} : result.batch.front();
}

TEST(OtlpToModel, BasicFieldsIdsTimesAndFlags) {
  model::Span span = convert_one(one_span_request());
  EXPECT_EQ(span.trace_id.to_hex32(), "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(model::span_id_to_hex(span.span_id), "1112131415161718");
  EXPECT_EQ(span.operation_name, "op");
  EXPECT_EQ(span.start_time_us, 1'700'000'000'123'456LL);
  EXPECT_EQ(span.duration_us, 2'500);
  EXPECT_EQ(span.flags, 1u);
  EXPECT_TRUE(span.references.empty());
  EXPECT_TRUE(span.tags.empty());
  ASSERT_NE(span.process, nullptr);
  EXPECT_EQ(span.process->service_name, "svc");
  EXPECT_TRUE(span.process->tags.empty());
}

TEST(OtlpToModel, DurationIsTruncatedFromNanosecondsAndNeverNegative) {
  auto request = one_span_request();
  first_span(request).set_start_time_unix_nano(1'000'999);
  first_span(request).set_end_time_unix_nano(1'002'998);  // 1999 ns
  EXPECT_EQ(convert_one(request).duration_us, 1);
  EXPECT_EQ(convert_one(request).start_time_us, 1'000);
  first_span(request).set_end_time_unix_nano(0);
  EXPECT_EQ(convert_one(request).duration_us, 0);
}

TEST(OtlpToModel, ResourceAttributesBecomeOneSharedProcess) {
  auto request = one_span_request();
  auto* rs = request.mutable_resource_spans(0);
  add_string_attr(rs->mutable_resource()->mutable_attributes(), "host.name", "h1");
  auto* second = rs->mutable_scope_spans(0)->add_spans();
  *second = first_span(request);
  second->set_span_id(span_id_bytes(0x19));
  auto* other_scope = rs->add_scope_spans()->add_spans();
  *other_scope = first_span(request);
  other_scope->set_span_id(span_id_bytes(0x1a));

  OtlpToModelResult result = otlp_to_model(request);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.batch.size(), 3u);
  EXPECT_EQ(result.batch[0].process.get(), result.batch[1].process.get());
  EXPECT_EQ(result.batch[0].process.get(), result.batch[2].process.get());
  const model::Process& process = *result.batch[0].process;
  EXPECT_EQ(process.service_name, "svc");
  ASSERT_EQ(process.tags.size(), 1u);
  EXPECT_EQ(process.tags[0], model::KeyValue::String("host.name", "h1"));
}

TEST(OtlpToModel, EachResourceSpansGetsItsOwnProcess) {
  auto request = one_span_request();
  auto* rs2 = request.add_resource_spans();
  *rs2 = request.resource_spans(0);
  rs2->mutable_resource()->mutable_attributes(0)->mutable_value()->set_string_value("svc2");
  OtlpToModelResult result = otlp_to_model(request);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.batch.size(), 2u);
  EXPECT_EQ(result.batch[0].process->service_name, "svc");
  EXPECT_EQ(result.batch[1].process->service_name, "svc2");
}

TEST(OtlpToModel, MissingServiceNameUsesJaegerPlaceholder) {
  auto request = one_span_request();
  request.mutable_resource_spans(0)->clear_resource();
  EXPECT_EQ(convert_one(request).process->service_name, "OTLPResourceNoServiceName");
}

TEST(OtlpToModel, AttributeValueTypes) {
  auto request = one_span_request();
  auto* attrs = first_span(request).mutable_attributes();
  add_string_attr(attrs, "s", "text");
  auto add = [&](const std::string& key) {
    auto* kv = attrs->Add();
    kv->set_key(key);
    return kv->mutable_value();
  };
  add("b")->set_bool_value(true);
  add("i")->set_int_value(-42);
  add("d")->set_double_value(1.5);
  add("bytes")->set_bytes_value(std::string("\x00\xff", 2));
  auto* arr = add("arr")->mutable_array_value();
  arr->add_values()->set_string_value("x");
  arr->add_values()->set_int_value(7);
  auto* map = add("map")->mutable_kvlist_value();
  auto* entry = map->add_values();
  entry->set_key("k");
  entry->mutable_value()->set_bool_value(false);
  add("empty");
  attrs->Add()->set_key("no_value");

  model::Span span = convert_one(request);
  ASSERT_EQ(span.tags.size(), 9u);
  EXPECT_EQ(span.tags[0], model::KeyValue::String("s", "text"));
  EXPECT_EQ(span.tags[1], model::KeyValue::Bool("b", true));
  EXPECT_EQ(span.tags[2], model::KeyValue::Int64("i", -42));
  EXPECT_EQ(span.tags[3], model::KeyValue::Float64("d", 1.5));
  EXPECT_EQ(span.tags[4], model::KeyValue::Binary("bytes", std::string("\x00\xff", 2)));
  EXPECT_EQ(span.tags[5], model::KeyValue::String("arr", R"(["x",7])"));
  EXPECT_EQ(span.tags[6], model::KeyValue::String("map", R"({"k":false})"));
  EXPECT_EQ(span.tags[7], model::KeyValue::String("empty", ""));
  EXPECT_EQ(span.tags[8], model::KeyValue::String("no_value", ""));
}

TEST(OtlpToModel, NonStringServiceNameIsRenderedAsText) {
  auto request = one_span_request();
  request.mutable_resource_spans(0)->mutable_resource()->mutable_attributes(0)->mutable_value()->set_int_value(5);
  EXPECT_EQ(convert_one(request).process->service_name, "5");
}

TEST(OtlpToModel, SpanKindTag) {
  const std::pair<otlp_trace::Span::SpanKind, const char*> cases[] = {
      {otlp_trace::Span::SPAN_KIND_CLIENT, "client"},     {otlp_trace::Span::SPAN_KIND_SERVER, "server"},
      {otlp_trace::Span::SPAN_KIND_PRODUCER, "producer"}, {otlp_trace::Span::SPAN_KIND_CONSUMER, "consumer"},
      {otlp_trace::Span::SPAN_KIND_INTERNAL, "internal"},
  };
  for (const auto& [kind, name] : cases) {
    auto request = one_span_request();
    first_span(request).set_kind(kind);
    model::Span span = convert_one(request);
    ASSERT_NE(find_tag(span.tags, "span.kind"), nullptr) << name;
    EXPECT_EQ(*find_tag(span.tags, "span.kind"), model::KeyValue::String("span.kind", name));
    EXPECT_EQ(span.span_kind(), name);
  }
  auto request = one_span_request();
  first_span(request).set_kind(otlp_trace::Span::SPAN_KIND_UNSPECIFIED);
  EXPECT_EQ(find_tag(convert_one(request).tags, "span.kind"), nullptr);
}

TEST(OtlpToModel, StatusErrorAddsStatusCodeErrorTagAndDescription) {
  auto request = one_span_request();
  first_span(request).mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_ERROR);
  first_span(request).mutable_status()->set_message("boom");
  model::Span span = convert_one(request);
  ASSERT_NE(find_tag(span.tags, "otel.status_code"), nullptr);
  EXPECT_EQ(*find_tag(span.tags, "otel.status_code"), model::KeyValue::String("otel.status_code", "ERROR"));
  ASSERT_NE(find_tag(span.tags, "error"), nullptr);
  EXPECT_EQ(*find_tag(span.tags, "error"), model::KeyValue::Bool("error", true));
  ASSERT_NE(find_tag(span.tags, "otel.status_description"), nullptr);
  EXPECT_EQ(find_tag(span.tags, "otel.status_description")->str, "boom");
}

TEST(OtlpToModel, StatusOkAndUnset) {
  auto request = one_span_request();
  first_span(request).mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_OK);
  model::Span ok = convert_one(request);
  ASSERT_NE(find_tag(ok.tags, "otel.status_code"), nullptr);
  EXPECT_EQ(find_tag(ok.tags, "otel.status_code")->str, "OK");
  EXPECT_EQ(find_tag(ok.tags, "error"), nullptr);

  first_span(request).mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_UNSET);
  model::Span unset = convert_one(request);
  EXPECT_EQ(find_tag(unset.tags, "otel.status_code"), nullptr);
  EXPECT_EQ(find_tag(unset.tags, "error"), nullptr);
  EXPECT_EQ(find_tag(unset.tags, "otel.status_description"), nullptr);
}

TEST(OtlpToModel, ScopeNameVersionAndAttributesBecomeSpanTags) {
  auto request = one_span_request();
  auto* scope = request.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_scope();
  scope->set_name("io.lib");
  scope->set_version("1.2.3");
  add_string_attr(scope->mutable_attributes(), "scope.attr", "v");
  add_string_attr(first_span(request).mutable_attributes(), "span.attr", "w");
  model::Span span = convert_one(request);
  ASSERT_EQ(span.tags.size(), 4u);
  EXPECT_EQ(span.tags[0], model::KeyValue::String("span.attr", "w"));  // span attributes first
  EXPECT_EQ(span.tags[1], model::KeyValue::String("scope.attr", "v"));
  EXPECT_EQ(span.tags[2], model::KeyValue::String("otel.scope.name", "io.lib"));
  EXPECT_EQ(span.tags[3], model::KeyValue::String("otel.scope.version", "1.2.3"));
}

TEST(OtlpToModel, ParentBecomesFirstChildOfReference) {
  auto request = one_span_request();
  first_span(request).set_parent_span_id(span_id_bytes(0x20));
  auto* link = first_span(request).add_links();
  link->set_trace_id(trace_id_bytes());
  link->set_span_id(span_id_bytes(0x21));
  model::Span span = convert_one(request);
  ASSERT_EQ(span.references.size(), 2u);
  EXPECT_EQ(span.references[0].type, model::RefType::ChildOf);
  EXPECT_EQ(span.references[0].trace_id, span.trace_id);
  EXPECT_EQ(model::span_id_to_hex(span.references[0].span_id), "1112131415161720");
  EXPECT_EQ(span.parent_span_id(), span.references[0].span_id);
  EXPECT_EQ(span.references[1].type, model::RefType::FollowsFrom);
}

TEST(OtlpToModel, AllZeroParentMeansRoot) {
  auto request = one_span_request();
  first_span(request).set_parent_span_id(std::string(8, '\0'));
  EXPECT_TRUE(convert_one(request).references.empty());
}

TEST(OtlpToModel, LinksBecomeReferencesAndKeepAttributesAsTags) {
  auto request = one_span_request();
  auto* follows = first_span(request).add_links();
  follows->set_trace_id(std::string(15, '\0') + '\x07');
  follows->set_span_id(span_id_bytes(0x30));
  add_string_attr(follows->mutable_attributes(), "reason", "batch");
  auto* child = first_span(request).add_links();
  child->set_trace_id(trace_id_bytes());
  child->set_span_id(span_id_bytes(0x31));
  add_string_attr(child->mutable_attributes(), "opentracing.ref_type", "child_of");

  model::Span span = convert_one(request);
  ASSERT_EQ(span.references.size(), 2u);
  EXPECT_EQ(span.references[0].type, model::RefType::FollowsFrom);
  EXPECT_EQ(span.references[0].trace_id.to_hex32(), "00000000000000000000000000000007");
  EXPECT_EQ(model::span_id_to_hex(span.references[0].span_id), "1112131415161730");
  EXPECT_EQ(span.references[1].type, model::RefType::ChildOf);
  ASSERT_NE(find_tag(span.tags, "otel.link.0.reason"), nullptr);
  EXPECT_EQ(find_tag(span.tags, "otel.link.0.reason")->str, "batch");
  EXPECT_EQ(find_tag(span.tags, "otel.link.1.opentracing.ref_type"), nullptr);  // consumed
}

TEST(OtlpToModel, EventsBecomeLogs) {
  auto request = one_span_request();
  auto* event = first_span(request).add_events();
  event->set_time_unix_nano(1'700'000'000'200'000'999ULL);
  event->set_name("exception");
  add_string_attr(event->mutable_attributes(), "exception.message", "bad");
  auto* unnamed = first_span(request).add_events();
  unnamed->set_time_unix_nano(5'000);

  model::Span span = convert_one(request);
  ASSERT_EQ(span.logs.size(), 2u);
  EXPECT_EQ(span.logs[0].timestamp_us, 1'700'000'000'200'000LL);
  ASSERT_EQ(span.logs[0].fields.size(), 2u);
  EXPECT_EQ(span.logs[0].fields[0], model::KeyValue::String("event", "exception"));
  EXPECT_EQ(span.logs[0].fields[1], model::KeyValue::String("exception.message", "bad"));
  EXPECT_EQ(span.logs[1].timestamp_us, 5);
  EXPECT_TRUE(span.logs[1].fields.empty());
}

TEST(OtlpToModel, TraceStateTag) {
  auto request = one_span_request();
  first_span(request).set_trace_state("vendor=x");
  model::Span span = convert_one(request);
  ASSERT_NE(find_tag(span.tags, "w3c.tracestate"), nullptr);
  EXPECT_EQ(find_tag(span.tags, "w3c.tracestate")->str, "vendor=x");
}

TEST(OtlpToModel, DroppedCountsOnlyWhenNonZero) {
  auto request = one_span_request();
  model::Span none = convert_one(request);
  EXPECT_EQ(find_tag(none.tags, "otel.dropped_attributes_count"), nullptr);
  EXPECT_EQ(find_tag(none.tags, "otel.dropped_events_count"), nullptr);
  EXPECT_EQ(find_tag(none.tags, "otel.dropped_links_count"), nullptr);

  first_span(request).set_dropped_attributes_count(3);
  first_span(request).set_dropped_events_count(4);
  first_span(request).set_dropped_links_count(5);
  model::Span some = convert_one(request);
  EXPECT_EQ(*find_tag(some.tags, "otel.dropped_attributes_count"),
            model::KeyValue::Int64("otel.dropped_attributes_count", 3));
  EXPECT_EQ(find_tag(some.tags, "otel.dropped_events_count")->i, 4);
  EXPECT_EQ(find_tag(some.tags, "otel.dropped_links_count")->i, 5);
}

TEST(OtlpToModel, EmptyRequestGivesEmptyBatch) {
  otlp_collector::ExportTraceServiceRequest request;
  request.add_resource_spans()->add_scope_spans();
  OtlpToModelResult result = otlp_to_model(request);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.batch.empty());
  EXPECT_EQ(otlp_count_spans(request), 0u);
}

TEST(OtlpToModel, CountSpans) {
  auto request = one_span_request();
  *request.add_resource_spans() = request.resource_spans(0);
  request.mutable_resource_spans(1)->add_scope_spans()->add_spans();
  EXPECT_EQ(otlp_count_spans(request), 3u);
}

struct InvalidCase {
  const char* name;
  void (*mutate)(otlp_trace::Span&);
  const char* expected_message;
};

TEST(OtlpToModel, InvalidIdsRejectWholeRequestWithClearMessage) {
  const InvalidCase cases[] = {
      {"short trace id", [](otlp_trace::Span& s) { s.set_trace_id(std::string(15, '\x01')); },
       "trace_id must be 16 bytes, got 15"},
      {"empty trace id", [](otlp_trace::Span& s) { s.clear_trace_id(); }, "trace_id must be 16 bytes, got 0"},
      {"zero trace id", [](otlp_trace::Span& s) { s.set_trace_id(std::string(16, '\0')); },
       "trace_id must not be all zeros"},
      {"long span id", [](otlp_trace::Span& s) { s.set_span_id(std::string(9, '\x01')); },
       "span_id must be 8 bytes, got 9"},
      {"zero span id", [](otlp_trace::Span& s) { s.set_span_id(std::string(8, '\0')); },
       "span_id must not be all zeros"},
      {"bad parent", [](otlp_trace::Span& s) { s.set_parent_span_id("abc"); },
       "parent_span_id must be empty or 8 bytes, got 3"},
      {"bad link trace id",
       [](otlp_trace::Span& s) {
         auto* l = s.add_links();
         l->set_trace_id("x");
         l->set_span_id(std::string(8, '\x01'));
       },
       "links[0].trace_id must be 16 bytes, got 1"},
      {"bad link span id",
       [](otlp_trace::Span& s) {
         auto* l = s.add_links();
         l->set_trace_id(std::string(16, '\x01'));
       },
       "links[0].span_id must be 8 bytes, got 0"},
  };
  for (const auto& c : cases) {
    auto request = one_span_request();
    // A valid span first: it must not leak into a partial batch.
    auto* spans = request.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans();
    *spans->Add() = spans->Get(0);
    c.mutate(*spans->Mutable(1));
    OtlpToModelResult result = otlp_to_model(request);
    EXPECT_FALSE(result.ok()) << c.name;
    EXPECT_TRUE(result.batch.empty()) << c.name;
    EXPECT_NE(result.error.find(c.expected_message), std::string::npos) << c.name << ": " << result.error;
    EXPECT_NE(result.error.find("resource_spans[0].scope_spans[0].spans[1]"), std::string::npos) << result.error;
  }
}

TEST(OtlpToModel, ConsumingOverloadMatchesCopyingOverload) {
  auto request = one_span_request();
  add_string_attr(first_span(request).mutable_attributes(), "a", std::string(100, 'x'));
  OtlpToModelResult copied = otlp_to_model(request);
  OtlpToModelResult moved = otlp_to_model(std::move(request));
  ASSERT_TRUE(copied.ok());
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(copied.batch[0].tags, moved.batch[0].tags);
  EXPECT_EQ(*copied.batch[0].process, *moved.batch[0].process);
}

}  // namespace
}  // namespace peregrine::convert

namespace peregrine::convert {
namespace {

TEST(OtlpToModel, InvalidUtf8StringsStillDecode) {
  // Like Jaeger, bytes that are not UTF-8 do not make a request undecodable (the pipeline repairs them).
  auto request = otlp_test::one_span_request();
  otlp_test::add_string_attr(otlp_test::first_span(request).mutable_attributes(), "k", std::string("\xff\xfe", 2));
  otlp_test::otlp_collector::ExportTraceServiceRequest decoded;
  ASSERT_TRUE(decoded.ParseFromString(request.SerializeAsString()));
  OtlpToModelResult result = otlp_to_model(std::move(decoded));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.batch[0].tags[0].str, std::string("\xff\xfe", 2));
}

}  // namespace
}  // namespace peregrine::convert
