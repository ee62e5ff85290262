// The span model, equivalent to Jaeger's: references, flags, µs timing, typed tags, logs, process, warnings.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/model/ids.hpp"
#include "backend/model/key_value.hpp"

namespace peregrine::model {

enum class RefType : uint8_t { ChildOf = 0, FollowsFrom = 1 };

struct SpanRef {
  TraceID trace_id;
  SpanID span_id = 0;
  RefType type = RefType::ChildOf;
  bool operator==(const SpanRef&) const = default;
};

struct Log {
  int64_t timestamp_us = 0;
  KeyValues fields;
  bool operator==(const Log&) const = default;
};

struct Process {
  std::string service_name;
  KeyValues tags;
  bool operator==(const Process&) const = default;
};

using ProcessPtr = std::shared_ptr<const Process>;

struct Span {
  TraceID trace_id;
  SpanID span_id = 0;
  std::string operation_name;
  std::vector<SpanRef> references;
  uint32_t flags = 0;
  int64_t start_time_us = 0;  // µs since the Unix epoch
  int64_t duration_us = 0;
  KeyValues tags;
  std::vector<Log> logs;
  ProcessPtr process;  // never null once a receiver has produced the span
  std::vector<std::string> warnings;

  // The first CHILD_OF reference to a span of the same trace, if any (Jaeger's ParentSpanID()).
  SpanID parent_span_id() const;
  // Value of the "span.kind" tag ("" when absent).
  std::string span_kind() const;
};

// What receivers hand to the pipeline: spans decoded from one request.
using SpanBatch = std::vector<Span>;

}  // namespace peregrine::model
