// Tests for model → OTLP (api_v3 responses): grouping by process and scope, reverse tag mapping, and that
// OTLP → model → OTLP keeps every field.
#include <gtest/gtest.h>

#include <google/protobuf/util/message_differencer.h>

#include "backend/convert/otlp_from_model.hpp"
#include "backend/convert/otlp_to_model.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::convert {
namespace {

using namespace peregrine::otlp_test;

model::Span make_span(model::SpanID id, model::ProcessPtr process) {
  model::Span span;
  span.trace_id = model::TraceID{1, 2};
  span.span_id = id;
  span.operation_name = "op" + std::to_string(id);
  span.start_time_us = 1'000'000;
  span.duration_us = 250;
  span.process = std::move(process);
  return span;
}

TEST(OtlpFromModel, GroupsSpansByProcessAndScope) {
  auto p1 = std::make_shared<model::Process>(model::Process{"a", {model::KeyValue::String("host", "h")}});
  auto p1_copy = std::make_shared<model::Process>(*p1);  // equal value, different pointer
  auto p2 = std::make_shared<model::Process>(model::Process{"b", {}});
  model::Trace trace;
  trace.spans.push_back(make_span(1, p1));
  trace.spans.push_back(make_span(2, p2));
  trace.spans.push_back(make_span(3, p1_copy));
  trace.spans[2].tags.push_back(model::KeyValue::String("otel.scope.name", "lib"));
  trace.spans[2].tags.push_back(model::KeyValue::String("otel.scope.version", "9"));

  auto data = otlp_from_model({trace});
  ASSERT_EQ(data.resource_spans_size(), 2);
  const auto& rs_a = data.resource_spans(0);
  ASSERT_EQ(rs_a.resource().attributes_size(), 2);
  EXPECT_EQ(rs_a.resource().attributes(0).key(), "service.name");
  EXPECT_EQ(rs_a.resource().attributes(0).value().string_value(), "a");
  EXPECT_EQ(rs_a.resource().attributes(1).key(), "host");
  ASSERT_EQ(rs_a.scope_spans_size(), 2);
  EXPECT_FALSE(rs_a.scope_spans(0).has_scope());
  EXPECT_EQ(rs_a.scope_spans(0).spans(0).name(), "op1");
  EXPECT_EQ(rs_a.scope_spans(1).scope().name(), "lib");
  EXPECT_EQ(rs_a.scope_spans(1).scope().version(), "9");
  EXPECT_EQ(rs_a.scope_spans(1).spans(0).name(), "op3");
  EXPECT_EQ(rs_a.scope_spans(1).spans(0).attributes_size(), 0);  // scope tags are not attributes
  EXPECT_EQ(data.resource_spans(1).resource().attributes(0).value().string_value(), "b");
}

TEST(OtlpFromModel, ReverseMappingOfSpecialTagsAndReferences) {
  auto process = std::make_shared<model::Process>(model::Process{"svc", {}});
  model::Span span = make_span(5, process);
  span.references.push_back({model::TraceID{9, 9}, 77, model::RefType::FollowsFrom});
  span.references.push_back({span.trace_id, 4, model::RefType::ChildOf});
  span.tags = {model::KeyValue::String("span.kind", "server"), model::KeyValue::Bool("error", true),
               model::KeyValue::String("w3c.tracestate", "a=b"), model::KeyValue::Int64("otel.dropped_links_count", 2),
               model::KeyValue::String("otel.link.0.why", "fan-in"), model::KeyValue::Int64("http.status_code", 500)};
  model::Log log;
  log.timestamp_us = 1'000'100;
  log.fields = {model::KeyValue::String("event", "retry"), model::KeyValue::Int64("attempt", 2)};
  span.logs.push_back(log);
  model::Trace trace;
  trace.spans.push_back(span);

  auto data = otlp_from_model({trace});
  const auto& out = data.resource_spans(0).scope_spans(0).spans(0);
  EXPECT_EQ(out.kind(), otlp_trace::Span::SPAN_KIND_SERVER);
  EXPECT_EQ(out.status().code(), otlp_trace::Status::STATUS_CODE_ERROR);
  EXPECT_EQ(out.trace_state(), "a=b");
  EXPECT_EQ(out.dropped_links_count(), 2u);
  EXPECT_EQ(out.start_time_unix_nano(), 1'000'000'000u);
  EXPECT_EQ(out.end_time_unix_nano(), 1'000'250'000u);
  std::string parent(8, '\0');
  model::span_id_to_bytes(4, reinterpret_cast<unsigned char*>(parent.data()));
  EXPECT_EQ(out.parent_span_id(), parent);
  ASSERT_EQ(out.links_size(), 1);
  EXPECT_EQ(out.links(0).attributes(0).key(), "opentracing.ref_type");
  EXPECT_EQ(out.links(0).attributes(0).value().string_value(), "follows_from");
  ASSERT_EQ(out.links(0).attributes_size(), 2);
  EXPECT_EQ(out.links(0).attributes(1).key(), "why");
  ASSERT_EQ(out.attributes_size(), 1);  // only http.status_code remains
  EXPECT_EQ(out.attributes(0).key(), "http.status_code");
  EXPECT_EQ(out.attributes(0).value().int_value(), 500);
  ASSERT_EQ(out.events_size(), 1);
  EXPECT_EQ(out.events(0).name(), "retry");
  EXPECT_EQ(out.events(0).time_unix_nano(), 1'000'100'000u);
  ASSERT_EQ(out.events(0).attributes_size(), 1);
  EXPECT_EQ(out.events(0).attributes(0).key(), "attempt");
}

TEST(OtlpFromModel, RoundTripKeepsOtlpFields) {
  auto request = one_span_request();
  auto* rs = request.mutable_resource_spans(0);
  add_string_attr(rs->mutable_resource()->mutable_attributes(), "host.name", "h");
  auto* scope = rs->mutable_scope_spans(0)->mutable_scope();
  scope->set_name("lib");
  scope->set_version("2");
  auto& span = first_span(request);
  span.set_parent_span_id(span_id_bytes(0x40));
  span.set_kind(otlp_trace::Span::SPAN_KIND_CLIENT);
  span.set_trace_state("k=v");
  span.mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_ERROR);
  span.mutable_status()->set_message("failed");
  add_string_attr(span.mutable_attributes(), "http.method", "GET");
  auto* attr = span.add_attributes();
  attr->set_key("n");
  attr->mutable_value()->set_int_value(3);
  auto* event = span.add_events();
  event->set_time_unix_nano(1'700'000'000'124'000'000ULL);
  event->set_name("ev");
  add_string_attr(event->mutable_attributes(), "x", "y");
  auto* link = span.add_links();
  link->set_trace_id(trace_id_bytes());
  link->set_span_id(span_id_bytes(0x41));
  add_string_attr(link->mutable_attributes(), "opentracing.ref_type", "follows_from");
  add_string_attr(link->mutable_attributes(), "note", "n1");
  span.set_dropped_attributes_count(1);
  span.set_start_time_unix_nano(1'700'000'000'123'456'000ULL);  // µs precision survives the round trip
  span.set_end_time_unix_nano(1'700'000'000'125'456'000ULL);

  OtlpToModelResult converted = otlp_to_model(request);
  ASSERT_TRUE(converted.ok()) << converted.error;
  model::Trace trace;
  trace.spans = converted.batch;
  auto data = otlp_from_model({trace});

  ASSERT_EQ(data.resource_spans_size(), 1);
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(request.resource_spans(0), data.resource_spans(0))) << diff;
}

}  // namespace
}  // namespace peregrine::convert
