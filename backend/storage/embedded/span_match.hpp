// TraceQuery semantics on one decoded span: service, operation, start window, duration bounds (0 = unbounded)
// and every tag (compared as strings against span tags, process tags and log fields). A trace matches a query
// when ONE of its spans matches. Pure.
#pragma once
#include "backend/model/span.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::embedded {

bool span_matches(const TraceQuery& q, const model::Span& span);

}  // namespace peregrine::storage::embedded
