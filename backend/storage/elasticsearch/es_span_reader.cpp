// Span reads from Elasticsearch (see es_span_reader.hpp).
#include "backend/storage/elasticsearch/es_span_reader.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "backend/esutil/es_error.hpp"
#include "backend/esutil/index_names.hpp"
#include "backend/storage/elasticsearch/es_queries.hpp"
#include "backend/storage/elasticsearch/span_from_document.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

using Json = nlohmann::json;
constexpr int64_t kHourMicros = 3'600'000'000LL;
constexpr int kDefaultNumTraces = 100;
constexpr int kMaxResultWindow = 10'000;  // Elasticsearch's index.max_result_window default

int64_t trace_start(const model::Trace& t) {
  int64_t m = INT64_MAX;
  for (const auto& s : t.spans) m = std::min(m, s.start_time_us);
  return m;
}

std::vector<std::string> bucket_keys(const Json& resp, const char* aggregation) {
  std::vector<std::string> out;
  auto aggs = resp.find("aggregations");
  if (aggs == resp.end() || !aggs->is_object()) return out;  // no index matched
  auto agg = aggs->find(aggregation);
  if (agg == aggs->end() || !agg->contains("buckets") || !(*agg)["buckets"].is_array())
    throw StorageError(std::string("could not find aggregation of ") + aggregation);
  for (const auto& b : (*agg)["buckets"]) {
    if (!b.contains("key") || !b["key"].is_string()) throw StorageError("non-string key found in aggregation");
    out.push_back(b["key"].get<std::string>());
  }
  return out;
}

}  // namespace

int64_t system_now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

EsSpanReader::EsSpanReader(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http, NowMicros now)
    : opts_(std::move(opts)),
      http_(std::move(http)),
      now_(std::move(now)),
      span_base_(esutil::apply_index_prefix(opts_.index_prefix, esutil::kSpanIndexBase)),
      service_base_(esutil::apply_index_prefix(opts_.index_prefix, esutil::kServiceIndexBase)) {}

int EsSpanReader::page_size() const { return std::min(opts_.max_doc_count, kMaxResultWindow); }

std::vector<std::string> EsSpanReader::span_read_indices(int64_t start_us, int64_t end_us) const {
  std::vector<std::string> local;
  if (opts_.archive) local = {span_base_ + (opts_.use_aliases ? "archive-read" : "archive")};
  else if (opts_.use_aliases) local = {span_base_ + "read"};
  else local = esutil::time_range_indices(span_base_, opts_.span_layout, start_us, end_us);
  return esutil::with_remote_clusters(local, opts_.remote_read_clusters);
}

std::vector<std::string> EsSpanReader::service_read_indices() const {
  std::vector<std::string> local;
  if (opts_.use_aliases) {
    local = {service_base_ + "read"};
  } else {
    const int64_t now = now_();
    local = esutil::time_range_indices(service_base_, opts_.service_layout, now - opts_.max_span_age.count(), now);
  }
  return esutil::with_remote_clusters(local, opts_.remote_read_clusters);
}

Json EsSpanReader::search(const std::vector<std::string>& indices, const std::string& body, const char* what) {
  const std::string target =
      "/" + esutil::url_encode(esutil::join_indices(indices), "*,:") + "/_search?ignore_unavailable=true";
  esutil::EsResponse resp = http_->request("POST", target, body);
  if (!resp.ok()) throw StorageError(esutil::EsError(std::string(what) + " failed", resp).what());
  Json j = Json::parse(resp.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw StorageError(std::string(what) + " failed: unparsable response");
  return j;
}

std::vector<std::string> EsSpanReader::get_services() {
  Json resp = search(service_read_indices(), services_body(opts_.max_doc_count), "search services");
  auto names = bucket_keys(resp, kServicesAggregation);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<Operation> EsSpanReader::get_operations(const OperationQuery& q) {
  // The service index has no span kind (as in Jaeger): every operation is returned with kind "".
  Json resp = search(service_read_indices(), operations_body(q.service, opts_.max_doc_count), "search operations");
  std::set<std::string> names;
  for (auto& n : bucket_keys(resp, kOperationsAggregation)) names.insert(std::move(n));
  std::vector<Operation> out;
  for (const auto& n : names) out.push_back(Operation{n, ""});
  return out;
}

EsSpanReader::Range EsSpanReader::effective_range(const TraceQuery& q) const {
  const int64_t now = now_();
  Range r;
  r.end_us = q.start_time_max_us > 0 ? q.start_time_max_us : now;
  r.start_us = q.start_time_min_us > 0 ? q.start_time_min_us : r.end_us - opts_.max_span_age.count();
  return r;
}

std::vector<model::TraceID> EsSpanReader::find_trace_ids(const TraceQuery& q) {
  const Range r = effective_range(q);
  if (r.end_us < r.start_us) return {};
  const int num = q.num_traces > 0 ? q.num_traces : kDefaultNumTraces;
  Json resp = search(span_read_indices(r.start_us, r.end_us),
                     find_trace_ids_body(q, r.start_us, r.end_us, num, opts_.tags.dot_replacement), "search trace ids");
  std::vector<model::TraceID> ids;
  std::unordered_set<model::TraceID, model::TraceIDHash> seen;
  for (const auto& key : bucket_keys(resp, kTraceIdsAggregation)) {
    auto id = model::TraceID::from_hex(key);
    if (!id) throw StorageError("making traceID from string '" + key + "' failed");
    // Legacy unpadded and padded forms of one id are the same trace.
    if (seen.insert(*id).second) ids.push_back(*id);
  }
  return ids;
}

std::vector<model::Trace> EsSpanReader::find_traces(const TraceQuery& q) {
  const Range r = effective_range(q);
  auto ids = find_trace_ids(q);
  auto traces = multi_read(ids, r.start_us, r.end_us);
  std::stable_sort(traces.begin(), traces.end(),
                   [](const model::Trace& a, const model::Trace& b) { return trace_start(a) > trace_start(b); });
  return traces;
}

std::optional<model::Trace> EsSpanReader::get_trace(const model::TraceID& id) {
  const int64_t now = now_();
  auto traces = multi_read({id}, now - opts_.max_span_age.count(), now);
  if (traces.empty()) return std::nullopt;
  return std::move(traces.front());
}

std::vector<model::Trace> EsSpanReader::multi_read(const std::vector<model::TraceID>& ids, int64_t start_us,
                                                   int64_t end_us) {
  if (ids.empty()) return {};
  // An hour on both sides: traces that straddle two indices are read whole.
  const auto indices = span_read_indices(start_us - kHourMicros, end_us + kHourMicros);
  const std::string target =
      "/" + esutil::url_encode(esutil::join_indices(indices), "*,:") + "/_msearch";
  const int size = page_size();

  struct Pending {
    size_t slot;  // index into results
    Json search_after;
  };
  std::vector<std::vector<model::Span>> results(ids.size());
  std::vector<ProcessDeduper> processes(ids.size());
  std::vector<Pending> pending;
  for (size_t i = 0; i < ids.size(); ++i) pending.push_back(Pending{i, Json()});

  while (!pending.empty()) {
    std::string body;
    for (const auto& p : pending) {
      body += "{\"ignore_unavailable\":true}\n";
      body += trace_page_body(ids[p.slot], size, p.search_after);
      body += '\n';
    }
    esutil::EsResponse resp = http_->request("POST", target, body, "application/x-ndjson");
    if (!resp.ok()) throw StorageError(esutil::EsError("multi search failed", resp).what());
    Json j = Json::parse(resp.body, nullptr, false);
    if (j.is_discarded() || !j.contains("responses") || !j["responses"].is_array() ||
        j["responses"].size() != pending.size())
      throw StorageError("multi search failed: unexpected response");

    std::vector<Pending> next;
    for (size_t k = 0; k < pending.size(); ++k) {
      const Json& r = j["responses"][k];
      if (r.contains("error")) {
        esutil::EsResponse sub;
        sub.status = r.value("status", 500);
        sub.body = r.dump();
        throw StorageError(esutil::EsError("multi search failed", sub).what());
      }
      if (!r.contains("hits") || !r["hits"].contains("hits") || !r["hits"]["hits"].is_array()) continue;
      const Json& hits = r["hits"]["hits"];
      auto& spans = results[pending[k].slot];
      for (const auto& hit : hits) {
        try {
          model::Span s = span_from_document(hit.at("_source"), opts_.tags.dot_replacement);
          s.process = processes[pending[k].slot].intern(s.process);
          spans.push_back(std::move(s));
        } catch (const std::exception& e) {
          throw StorageError(std::string("converting span document failed: ") + e.what());
        }
      }
      if (static_cast<int>(hits.size()) == size && !hits.empty() && hits.back().contains("sort"))
        next.push_back(Pending{pending[k].slot, hits.back()["sort"]});
    }
    pending = std::move(next);
  }

  std::vector<model::Trace> traces;
  for (auto& spans : results) {
    if (spans.empty()) continue;
    model::Trace t;
    t.spans = std::move(spans);
    traces.push_back(std::move(t));
  }
  return traces;
}

}  // namespace peregrine::storage::elasticsearch
