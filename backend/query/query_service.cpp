// QueryService implementation.
#include "backend/query/query_service.hpp"

#include <stdexcept>

namespace peregrine::query {

namespace {

constexpr const char* kRequestsMetric = "jaeger_query_requests_total";
constexpr const char* kLatencyMetric = "jaeger_query_latency";

}  // namespace

QueryService::QueryService(std::shared_ptr<storage::SpanReader> reader,
                           std::shared_ptr<storage::DependencyReader> dependencies, QueryServiceOptions options,
                           common::MetricsRegistry& metrics)
    : reader_(std::move(reader)),
      dependencies_(std::move(dependencies)),
      archive_(std::move(options.archive)),
      adjusters_(standard_adjusters(options.max_clock_skew_adjustment)),
      metrics_(metrics) {
  if (!reader_) throw std::invalid_argument("QueryService needs a span reader");
}

template <typename Fn>
auto QueryService::measured(const char* operation, Fn&& fn) -> decltype(fn()) {
  const auto start = std::chrono::steady_clock::now();
  auto record = [&](const char* result) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    common::Labels labels{{"operation", operation}, {"result", result}};
    metrics_.counter(kRequestsMetric, "Number of query requests by operation and result", labels).inc();
    metrics_
        .histogram(kLatencyMetric, "Latency of query requests in seconds", common::MetricsRegistry::default_buckets(),
                   labels)
        .observe(seconds);
  };
  try {
    auto out = fn();
    record("ok");
    return out;
  } catch (...) {
    record("err");
    throw;
  }
}

void QueryService::adjust(model::Trace& trace) const {
  for (const auto& a : adjusters_) a(trace);
}

std::optional<model::Trace> QueryService::get_trace(const model::TraceID& id, bool adjust_trace) {
  auto trace = measured("get_trace", [&] {
    auto found = reader_->get_trace(id);
    if (!found && archive_.reader) found = archive_.reader->get_trace(id);
    return found;
  });
  if (trace && adjust_trace) adjust(*trace);
  return trace;
}

std::vector<model::Trace> QueryService::find_traces(const storage::TraceQuery& q, bool adjust_traces) {
  auto traces = measured("find_traces", [&] { return reader_->find_traces(q); });
  if (adjust_traces) {
    for (auto& t : traces) adjust(t);
  }
  return traces;
}

std::vector<model::TraceID> QueryService::find_trace_ids(const storage::TraceQuery& q) {
  return measured("find_trace_ids", [&] { return reader_->find_trace_ids(q); });
}

std::vector<std::string> QueryService::get_services() {
  return measured("get_services", [&] { return reader_->get_services(); });
}

std::vector<storage::Operation> QueryService::get_operations(const storage::OperationQuery& q) {
  return measured("get_operations", [&] { return reader_->get_operations(q); });
}

std::vector<model::DependencyLink> QueryService::get_dependencies(int64_t end_ts_us, int64_t lookback_us) {
  return measured("get_dependencies", [&]() -> std::vector<model::DependencyLink> {
    if (!dependencies_) return {};
    return dependencies_->get_dependencies(end_ts_us, lookback_us);
  });
}

ArchiveOutcome QueryService::archive_trace(const model::TraceID& id) {
  if (!archive_.writer) return ArchiveOutcome::NoArchiveStorage;
  auto trace = get_trace(id, /*adjust=*/false);
  if (!trace) return ArchiveOutcome::TraceNotFound;
  measured("archive_trace", [&] {
    archive_.writer->write_spans(trace->spans);
    return 0;
  });
  return ArchiveOutcome::Archived;
}

}  // namespace peregrine::query
