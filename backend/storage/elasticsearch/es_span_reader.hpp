// EsSpanReader: SpanReader over Elasticsearch/OpenSearch indices written by Peregrine or Jaeger.
//  • find_traces: Jaeger's two steps — trace ids from a terms aggregation over the span indices of the query's
//    time range (newest matching span first, limited to num_traces), then every span of those traces with one
//    _msearch per page; traces come back newest first by trace start.
//  • get_trace: the span indices of the last es.max-span-age (±1h so traces straddling an index boundary are
//    complete), paged past 10,000 spans with search_after.
//  • services / operations: aggregations over the service indices of the last es.max-span-age, or the
//    "…-read" aliases with es.use-aliases (see ServiceCache for why services don't vanish after a rollover).
//  • archive (EsStorageOptions::archive): every span read goes to "[prefix-]jaeger-span-archive" (or the
//    "…-archive-read" alias) whatever the time range, so archived traces are found at any age.
// Every read failure throws StorageError.
#pragma once
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "backend/esutil/es_http_client.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::elasticsearch {

// Current time in µs since the Unix epoch (injectable for tests).
using NowMicros = std::function<int64_t()>;
int64_t system_now_micros();

class EsSpanReader : public SpanReader {
 public:
  EsSpanReader(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http, NowMicros now = system_now_micros);

  std::optional<model::Trace> get_trace(const model::TraceID& id) override;
  std::vector<std::string> get_services() override;
  std::vector<Operation> get_operations(const OperationQuery& q) override;
  std::vector<model::Trace> find_traces(const TraceQuery& q) override;
  std::vector<model::TraceID> find_trace_ids(const TraceQuery& q) override;

  // Index names a query covers (exposed for tests).
  std::vector<std::string> span_read_indices(int64_t start_us, int64_t end_us) const;
  std::vector<std::string> service_read_indices() const;

  // Spans per page of a trace read (min(es.max-doc-count, 10000)).
  int page_size() const;

 private:
  struct Range {
    int64_t start_us;
    int64_t end_us;
  };
  Range effective_range(const TraceQuery& q) const;
  std::vector<model::Trace> multi_read(const std::vector<model::TraceID>& ids, int64_t start_us, int64_t end_us);
  nlohmann::json search(const std::vector<std::string>& indices, const std::string& body, const char* what);

  EsStorageOptions opts_;
  std::shared_ptr<esutil::EsHttpClient> http_;
  NowMicros now_;
  std::string span_base_;
  std::string service_base_;
};

}  // namespace peregrine::storage::elasticsearch
