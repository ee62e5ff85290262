// Test helper: terse construction of model spans and processes for storage tests.
#pragma once
#include <memory>
#include <string>
#include <utility>

#include "backend/model/span.hpp"

namespace peregrine::storage::testing {

inline model::ProcessPtr make_process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

class SpanBuilder {
 public:
  SpanBuilder(uint64_t trace_low, uint64_t span_id, model::ProcessPtr process) {
    span_.trace_id = model::TraceID{0, trace_low};
    span_.span_id = span_id;
    span_.process = std::move(process);
    span_.operation_name = "op";
    span_.start_time_us = 1'500'000'000'000'000;  // July 2017
    span_.duration_us = 1000;
  }
  SpanBuilder& trace_high(uint64_t high) {
    span_.trace_id.high = high;
    return *this;
  }
  SpanBuilder& op(std::string name) {
    span_.operation_name = std::move(name);
    return *this;
  }
  SpanBuilder& start(int64_t us) {
    span_.start_time_us = us;
    return *this;
  }
  SpanBuilder& duration(int64_t us) {
    span_.duration_us = us;
    return *this;
  }
  SpanBuilder& parent(uint64_t parent_id) {
    span_.references.push_back(model::SpanRef{span_.trace_id, parent_id, model::RefType::ChildOf});
    return *this;
  }
  SpanBuilder& ref(model::SpanRef r) {
    span_.references.push_back(r);
    return *this;
  }
  SpanBuilder& tag(model::KeyValue kv) {
    span_.tags.push_back(std::move(kv));
    return *this;
  }
  SpanBuilder& tag(std::string k, std::string v) { return tag(model::KeyValue::String(std::move(k), std::move(v))); }
  SpanBuilder& log(int64_t ts, model::KeyValues fields) {
    span_.logs.push_back(model::Log{ts, std::move(fields)});
    return *this;
  }
  SpanBuilder& flags(uint32_t f) {
    span_.flags = f;
    return *this;
  }
  SpanBuilder& warning(std::string w) {
    span_.warnings.push_back(std::move(w));
    return *this;
  }
  model::Span build() const { return span_; }
  operator model::Span() const { return span_; }

 private:
  model::Span span_;
};

}  // namespace peregrine::storage::testing
