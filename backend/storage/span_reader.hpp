// SpanReader / DependencyReader: the read side of span storage, used by the query service.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backend/model/dependency_link.hpp"
#include "backend/model/trace.hpp"

namespace peregrine::storage {

struct Operation {
  std::string name;
  std::string span_kind;  // "" when unknown / not set
  bool operator==(const Operation&) const = default;
};

struct OperationQuery {
  std::string service;
  std::string span_kind;  // "" = any kind
};

// A trace matches when ONE span satisfies every criterion: service (process), operation, start time in
// [start_min, start_max], duration in [duration_min, duration_max] (0 = unbounded), and every tag
// (key → value compared as strings against span tags, process tags and log fields).
struct TraceQuery {
  std::string service;
  std::string operation;
  std::map<std::string, std::string> tags;
  int64_t start_time_min_us = 0;
  int64_t start_time_max_us = 0;  // 0 = unbounded
  int64_t duration_min_us = 0;    // 0 = unbounded
  int64_t duration_max_us = 0;    // 0 = unbounded
  int num_traces = 100;           // newest first (by trace start), limit applied after sorting
};

class SpanReader {
 public:
  virtual ~SpanReader() = default;
  virtual std::optional<model::Trace> get_trace(const model::TraceID& id) = 0;
  virtual std::vector<std::string> get_services() = 0;  // sorted
  virtual std::vector<Operation> get_operations(const OperationQuery& q) = 0;  // sorted by name, kind
  virtual std::vector<model::Trace> find_traces(const TraceQuery& q) = 0;
  virtual std::vector<model::TraceID> find_trace_ids(const TraceQuery& q) = 0;
};

class DependencyReader {
 public:
  virtual ~DependencyReader() = default;
  // Links from traces with spans that started in [end - lookback, end].
  virtual std::vector<model::DependencyLink> get_dependencies(int64_t end_ts_us, int64_t lookback_us) = 0;
};

}  // namespace peregrine::storage
