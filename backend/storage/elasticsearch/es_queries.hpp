// Request bodies of the Elasticsearch reader, as pure functions of the query (no I/O):
//  • trace-id search: filters on startTime / process.serviceName / operationName / duration, and per tag a
//    should-match over the span and process "tag.*" object fields and the nested tags, process.tags and
//    logs.fields lists; a terms aggregation on traceID ordered by each trace's newest matching span;
//  • one page of a trace's spans, sorted (startTime, spanID, process.serviceName) and continued with
//    search_after — paging lifts Elasticsearch's 10,000-hit window;
//  • distinct services / operations of the service index; dependency documents in a time range.
// Tag values match exactly (term queries), like every other Peregrine storage; Jaeger's Elasticsearch
// reader used regular expressions.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "backend/model/ids.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::elasticsearch {

inline constexpr const char* kTraceIdsAggregation = "traceIDs";
inline constexpr const char* kServicesAggregation = "distinct_services";
inline constexpr const char* kOperationsAggregation = "distinct_operations";

// start/end are the effective bounds (µs); num_traces > 0.
std::string find_trace_ids_body(const TraceQuery& q, int64_t start_us, int64_t end_us, int num_traces,
                                const std::string& dot_replacement);

// Body of one _msearch entry: the spans of trace `id` (also under Jaeger < 1.16's unpadded id form), page_size
// per page; search_after is the "sort" array of the previous page's last hit, or null for the first page.
std::string trace_page_body(const model::TraceID& id, int page_size, const nlohmann::json& search_after);

// Jaeger < 1.16 stored ids without leading zeros: "" when the id has none to strip.
std::string legacy_trace_id(const model::TraceID& id);

std::string services_body(int max_doc_count);
std::string operations_body(const std::string& service, int max_doc_count);
std::string dependencies_body(int64_t start_us, int64_t end_us, int max_doc_count);

}  // namespace peregrine::storage::elasticsearch
