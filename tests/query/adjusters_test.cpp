// The standard trace adjusters, one by one, with Jaeger's expected outcomes and warning texts.
#include "backend/query/adjusters.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace peregrine::query {
namespace {

const model::TraceID kTrace{0, 42};

model::ProcessPtr process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

model::Span span(model::SpanID id, model::SpanID parent, model::ProcessPtr p) {
  model::Span s;
  s.trace_id = kTrace;
  s.span_id = id;
  if (parent != 0) s.references.push_back(model::SpanRef{kTrace, parent, model::RefType::ChildOf});
  s.process = std::move(p);
  return s;
}

TEST(AdjustersTest, ZipkinSharedSpanIdsBecomeUnique) {
  auto p = process("svc");
  model::Span client = span(1, 0, p);
  client.tags.push_back(model::KeyValue::String("span.kind", "client"));
  model::Span server = span(1, 0, p);
  server.tags.push_back(model::KeyValue::String("span.kind", "server"));
  model::Span child = span(2, 1, p);
  model::Trace t{{client, server, child}, {}};
  zipkin_span_id_uniquifier(t);
  EXPECT_EQ(t.spans[0].span_id, 1u);
  EXPECT_EQ(t.spans[1].span_id, 3u);  // first id not used in the trace
  EXPECT_EQ(t.spans[1].parent_span_id(), 1u);
  EXPECT_EQ(t.spans[2].parent_span_id(), 3u);
}

TEST(AdjustersTest, SortTagsAndLogFields) {
  auto p = process("svc", {model::KeyValue::String("z", "1"), model::KeyValue::String("a", "2")});
  model::Span s = span(1, 0, p);
  s.tags = {model::KeyValue::String("b", "x"), model::KeyValue::Int64("a", 2), model::KeyValue::String("a", "1")};
  s.logs = {model::Log{
      0,
      {model::KeyValue::String("x", "1"), model::KeyValue::String("event", "e"), model::KeyValue::String("a", "2")}}};
  model::Trace t{{s}, {}};
  sort_tags_and_log_fields(t);
  const auto& out = t.spans[0];
  EXPECT_EQ(out.tags[0].type, model::ValueType::String);  // same key: string type sorts before int64
  EXPECT_EQ(out.tags[1].type, model::ValueType::Int64);
  EXPECT_EQ(out.tags[2].key, "b");
  EXPECT_EQ(out.logs[0].fields[0].key, "event");
  EXPECT_EQ(out.logs[0].fields[1].key, "a");
  EXPECT_EQ(out.logs[0].fields[2].key, "x");
  EXPECT_EQ(out.process->tags[0].key, "a");
  EXPECT_EQ(p->tags[0].key, "z");  // the shared original is not modified
}

TEST(AdjustersTest, DedupeIdenticalSpans) {
  auto p = process("svc");
  model::Span s = span(1, 0, p);
  model::Span copy = s;
  copy.process = process("svc");  // equal by value
  model::Span different = s;
  different.duration_us = 9;
  model::Trace t{{s, copy, different}, {}};
  dedupe_identical_spans(t);
  ASSERT_EQ(t.spans.size(), 2u);
  EXPECT_EQ(t.spans[1].duration_us, 9);
}

model::Trace skewed_trace() {
  model::Span parent = span(1, 0, process("a", {model::KeyValue::String("ip", "1.1.1.1")}));
  parent.start_time_us = 10;
  parent.duration_us = 100;
  model::Span child = span(2, 1, process("b", {model::KeyValue::Int64("ip", 0x02020202)}));
  child.start_time_us = 0;
  child.duration_us = 50;
  child.logs = {model::Log{5, {}}};
  return model::Trace{{parent, child}, {}};
}

TEST(AdjustersTest, ClockSkewDisabledOnlyWarns) {
  model::Trace t = skewed_trace();
  clock_skew_adjuster(std::chrono::microseconds(0))(t);
  EXPECT_EQ(t.spans[1].start_time_us, 0);
  EXPECT_EQ(t.spans[1].warnings,
            std::vector<std::string>{"clock skew adjustment disabled; not applying calculated delta of 35µs"});
}

TEST(AdjustersTest, ClockSkewAdjustsWithinMaxDelta) {
  model::Trace t = skewed_trace();
  clock_skew_adjuster(std::chrono::milliseconds(1))(t);
  EXPECT_EQ(t.spans[1].start_time_us, 35);
  EXPECT_EQ(t.spans[1].logs[0].timestamp_us, 40);
  EXPECT_EQ(t.spans[1].warnings, std::vector<std::string>{"This span's timestamps were adjusted by 35µs"});
  EXPECT_TRUE(t.spans[0].warnings.empty());
}

TEST(AdjustersTest, ClockSkewBeyondMaxDeltaWarns) {
  model::Trace t = skewed_trace();
  clock_skew_adjuster(std::chrono::microseconds(10))(t);
  EXPECT_EQ(t.spans[1].start_time_us, 0);
  EXPECT_EQ(t.spans[1].warnings,
            std::vector<std::string>{"max clock skew adjustment delta of 10µs exceeded; not applying calculated "
                                     "delta of 35µs"});
}

TEST(AdjustersTest, ClockSkewSameHostAndMissingParent) {
  model::Trace t = skewed_trace();
  t.spans[1].process = t.spans[0].process;  // same host: no adjustment
  model::Span orphan = span(3, 77, process("c"));
  t.spans.push_back(orphan);
  clock_skew_adjuster(std::chrono::milliseconds(1))(t);
  EXPECT_EQ(t.spans[1].start_time_us, 0);
  EXPECT_EQ(t.spans[2].warnings,
            std::vector<std::string>{"invalid parent span IDs=000000000000004d; skipping clock skew adjustment"});
}

TEST(AdjustersTest, IpTagsBecomeDottedStrings) {
  auto p = process("svc", {model::KeyValue::Int64("ip", 0x0A000001), model::KeyValue::String("a", "x")});
  model::Span s = span(1, 0, p);
  s.tags = {model::KeyValue::Int64("peer.ipv4", 0x7F000001), model::KeyValue::Int64("port", 80)};
  model::Trace t{{s, span(2, 1, p)}, {}};
  ip_tags(t);
  EXPECT_EQ(t.spans[0].tags[0], model::KeyValue::String("peer.ipv4", "127.0.0.1"));
  EXPECT_EQ(t.spans[0].tags[1].type, model::ValueType::Int64);
  ASSERT_EQ(t.spans[0].process->tags.size(), 2u);
  EXPECT_EQ(t.spans[0].process->tags[0].key, "a");  // sorted
  EXPECT_EQ(t.spans[0].process->tags[1], model::KeyValue::String("ip", "10.0.0.1"));
  EXPECT_EQ(t.spans[0].process, t.spans[1].process);  // still shared
}

TEST(AdjustersTest, OtelLibraryTagsMoveToProcess) {
  model::Span s = span(1, 0, process("svc", {model::KeyValue::String("z", "1")}));
  s.tags = {model::KeyValue::String("telemetry.sdk.language", "go"), model::KeyValue::String("keep", "1")};
  model::Trace t{{s}, {}};
  otel_library_tags(t);
  EXPECT_EQ(t.spans[0].tags, (model::KeyValues{model::KeyValue::String("keep", "1")}));
  EXPECT_EQ(t.spans[0].process->tags, (model::KeyValues{model::KeyValue::String("telemetry.sdk.language", "go"),
                                                        model::KeyValue::String("z", "1")}));
}

TEST(AdjustersTest, InvalidReferencesRemovedAndParentFirst) {
  model::Span s = span(5, 0, process("svc"));
  s.references = {model::SpanRef{model::TraceID{}, 9, model::RefType::ChildOf},
                  model::SpanRef{kTrace, 3, model::RefType::FollowsFrom},
                  model::SpanRef{kTrace, 4, model::RefType::ChildOf}};
  model::Trace t{{s}, {}};
  remove_invalid_references(t);
  ASSERT_EQ(t.spans[0].references.size(), 2u);
  EXPECT_EQ(t.spans[0].warnings, std::vector<std::string>{"Invalid span reference removed {TraceID:0000000000000000 "
                                                          "SpanID:0000000000000009 RefType:CHILD_OF}"});
  parent_reference_first(t);
  EXPECT_EQ(t.spans[0].references[0].span_id, 4u);
  EXPECT_EQ(t.spans[0].references[1].span_id, 3u);
}

TEST(AdjustersTest, StandardSequenceRuns) {
  model::Trace t = skewed_trace();
  for (const auto& a : standard_adjusters(std::chrono::microseconds(0))) a(t);
  EXPECT_EQ(t.spans.size(), 2u);
  EXPECT_EQ(t.spans[1].process->tags[0], model::KeyValue::String("ip", "2.2.2.2"));
}

}  // namespace
}  // namespace peregrine::query
