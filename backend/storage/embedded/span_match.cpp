// span_matches implementation.
#include "backend/storage/embedded/span_match.hpp"

namespace peregrine::storage::embedded {

namespace {

bool has_pair(const model::KeyValues& kvs, const std::string& key, const std::string& value) {
  for (const auto& kv : kvs) {
    if (kv.key == key && kv.value_as_string() == value) return true;
  }
  return false;
}

bool span_has_tag(const model::Span& span, const std::string& key, const std::string& value) {
  if (has_pair(span.tags, key, value)) return true;
  if (span.process && has_pair(span.process->tags, key, value)) return true;
  for (const auto& log : span.logs) {
    if (has_pair(log.fields, key, value)) return true;
  }
  return false;
}

}  // namespace

bool span_matches(const TraceQuery& q, const model::Span& span) {
  if (!q.service.empty() && (!span.process || span.process->service_name != q.service)) return false;
  if (!q.operation.empty() && span.operation_name != q.operation) return false;
  if (q.start_time_min_us != 0 && span.start_time_us < q.start_time_min_us) return false;
  if (q.start_time_max_us != 0 && span.start_time_us > q.start_time_max_us) return false;
  if (q.duration_min_us != 0 && span.duration_us < q.duration_min_us) return false;
  if (q.duration_max_us != 0 && span.duration_us > q.duration_max_us) return false;
  for (const auto& [key, value] : q.tags) {
    if (!span_has_tag(span, key, value)) return false;
  }
  return true;
}

}  // namespace peregrine::storage::embedded
