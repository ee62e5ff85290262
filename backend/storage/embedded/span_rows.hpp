// The rows one span turns into: its span row plus the index rows that let searches find its trace (service,
// service+operation, service+duration, and service+tag for every distinct key/value among span tags, process
// tags and log fields, values rendered as strings the way queries compare them). Pure: no I/O.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/model/span.hpp"

namespace peregrine::storage::embedded {

// Tags whose key or rendered value is longer than this get no index row (keys stay small); a query on such a
// tag is answered through another index and verified on the spans, so it still finds them.
constexpr size_t kMaxIndexedTagBytes = 256;

struct Row {
  std::string key;
  std::string value;
};

// Service name the span is stored under ("" without a process).
const std::string& service_of(const model::Span& span);

std::vector<Row> span_rows(const model::Span& span, int64_t expiry_us);

}  // namespace peregrine::storage::embedded
