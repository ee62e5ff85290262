// The standard adjuster sequence (order documented in adjusters.hpp).
#include "backend/query/adjusters.hpp"

namespace peregrine::query {

std::vector<Adjuster> standard_adjusters(std::chrono::microseconds max_clock_skew_adjustment) {
  return {
      zipkin_span_id_uniquifier,
      sort_tags_and_log_fields,
      dedupe_identical_spans,
      clock_skew_adjuster(max_clock_skew_adjustment),
      ip_tags,
      otel_library_tags,
      remove_invalid_references,
      parent_reference_first,
  };
}

}  // namespace peregrine::query
