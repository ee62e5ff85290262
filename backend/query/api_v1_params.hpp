// Parameter parsing of the v1 query API, following Jaeger's query_parser.go:
//   /api/traces      service, operation, start / end (µs; default now-2d / now), limit (default 100),
//                    minDuration / maxDuration (Go durations: "1.2ms", "4500ns"), tag=k:v (repeated),
//                    tags={"k":"v"} (JSON, repeated), traceID (repeated: fetch those traces directly).
//                    "lookback" is a UI field the server ignores, as Jaeger does. Empty values count as absent.
//   /api/dependencies endTs (ms, default now), lookback (ms, default 24h).
// Errors carry Jaeger's messages ("parameter 'service' is required", "unable to parse param 'start': ...").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/common/http_types.hpp"
#include "backend/model/ids.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::query {

constexpr int kDefaultSearchLimit = 100;
constexpr int64_t kDefaultSearchLookbackUs = 2LL * 24 * 3600 * 1000000;
constexpr int64_t kDefaultDependencyLookbackUs = 24LL * 3600 * 1000000;

struct TraceSearchParams {
  storage::TraceQuery query;
  std::vector<model::TraceID> trace_ids;  // non-empty: fetch these, ignore the search criteria
  std::string error;                      // non-empty: 400 with this message
};
TraceSearchParams parse_trace_search(const common::HttpRequest& req, int64_t now_us);

struct DependencyParams {
  int64_t end_ts_us = 0;
  int64_t lookback_us = 0;
  std::string error;
};
DependencyParams parse_dependency_params(const common::HttpRequest& req, int64_t now_us);

}  // namespace peregrine::query
