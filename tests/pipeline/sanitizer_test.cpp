// Tests for the span sanitizers: empty service name, negative duration, invalid UTF-8, untouched clean
// spans, and shared fixed processes in a batch.
#include "backend/pipeline/sanitizer.hpp"

#include <gtest/gtest.h>

namespace peregrine::pipeline {
namespace {

model::Span clean_span(model::ProcessPtr process) {
  model::Span s;
  s.span_id = 1;
  s.operation_name = "GET /api";
  s.duration_us = 10;
  s.tags.push_back(model::KeyValue::String("http.method", "GET"));
  s.tags.push_back(model::KeyValue::Int64("http.status_code", 200));
  s.process = std::move(process);
  return s;
}

TEST(Sanitizer, CleanSpanIsUntouched) {
  auto process = std::make_shared<model::Process>(model::Process{"frontend", {}});
  auto span = clean_span(process);
  sanitize_span(span);
  EXPECT_TRUE(span.warnings.empty());
  EXPECT_EQ(span.process.get(), process.get());
  EXPECT_EQ(span.duration_us, 10);
}

TEST(Sanitizer, EmptyServiceNameReplacesProcessWithoutMutatingShared) {
  auto process = std::make_shared<model::Process>(
      model::Process{"", {model::KeyValue::String("hostname", "h1")}});
  auto span = clean_span(process);
  sanitize_span(span);
  EXPECT_EQ(span.process->service_name, kEmptyServiceName);
  EXPECT_EQ(span.process->tags.size(), 1u);
  EXPECT_EQ(process->service_name, "");  // the shared original is unchanged
  EXPECT_EQ(span.warnings.size(), 1u);
}

TEST(Sanitizer, NullProcessGetsEmptyServiceName) {
  auto span = clean_span(nullptr);
  sanitize_span(span);
  ASSERT_NE(span.process, nullptr);
  EXPECT_EQ(span.process->service_name, kEmptyServiceName);
}

TEST(Sanitizer, NegativeDurationBecomesZero) {
  auto span = clean_span(std::make_shared<model::Process>(model::Process{"a", {}}));
  span.duration_us = -42;
  sanitize_span(span);
  EXPECT_EQ(span.duration_us, 0);
  ASSERT_EQ(span.warnings.size(), 1u);
  EXPECT_NE(span.warnings[0].find("negative duration"), std::string::npos);
}

TEST(Sanitizer, InvalidUtf8IsReplaced) {
  auto span = clean_span(std::make_shared<model::Process>(model::Process{"sv\xFF" "c", {}}));
  span.operation_name = "op\xC3";
  span.tags.push_back(model::KeyValue::String("k\xFE", "v\x80v"));
  span.tags.push_back(model::KeyValue::Binary("bin", "\xFF\xFF"));  // binary values are left alone
  model::Log log;
  log.fields.push_back(model::KeyValue::String("event", "\xFF"));
  span.logs.push_back(log);
  sanitize_span(span);
  EXPECT_EQ(span.operation_name, "op\xEF\xBF\xBD");
  EXPECT_EQ(span.tags[2].key, "k\xEF\xBF\xBD");
  EXPECT_EQ(span.tags[2].str, "v\xEF\xBF\xBDv");
  EXPECT_EQ(span.tags[3].str, "\xFF\xFF");
  EXPECT_EQ(span.logs[0].fields[0].str, "\xEF\xBF\xBD");
  EXPECT_EQ(span.process->service_name, "sv\xEF\xBF\xBD" "c");
  EXPECT_EQ(span.warnings.size(), 4u);
}

TEST(Sanitizer, BatchSharesOneFixedProcess) {
  auto bad = std::make_shared<model::Process>(model::Process{"", {}});
  auto good = std::make_shared<model::Process>(model::Process{"ok", {}});
  model::SpanBatch batch{clean_span(bad), clean_span(good), clean_span(bad), clean_span(good)};
  sanitize_batch(batch);
  EXPECT_EQ(batch[0].process->service_name, kEmptyServiceName);
  EXPECT_EQ(batch[0].process.get(), batch[2].process.get());
  EXPECT_EQ(batch[1].process.get(), good.get());
  EXPECT_EQ(batch[3].process.get(), good.get());
  EXPECT_EQ(batch[2].warnings.size(), 1u);
  EXPECT_TRUE(batch[1].warnings.empty());
}

}  // namespace
}  // namespace peregrine::pipeline
