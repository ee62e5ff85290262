// Reader request bodies (see es_queries.hpp).
#include "backend/storage/elasticsearch/es_queries.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "backend/esutil/civil_time.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

using Json = nlohmann::ordered_json;

Json term(const std::string& field, const std::string& value) { return Json{{"term", Json{{field, value}}}}; }

Json range(const std::string& field, const Json& bounds) { return Json{{"range", Json{{field, bounds}}}}; }

Json nested_key_value(const std::string& path, const std::string& key, const std::string& value) {
  Json inner{{"bool", Json{{"filter", Json::array({term(path + ".key", key), term(path + ".value", value)})}}}};
  return Json{{"nested", Json{{"path", path}, {"query", inner}}}};
}

// One tag criterion: the tag can be in any of the places Jaeger stores tags.
Json tag_query(const std::string& key, const std::string& value, const std::string& dot_replacement) {
  const std::string field_key = replace_dots(key, dot_replacement);
  Json should = Json::array({term("tag." + field_key, value), term("process.tag." + field_key, value),
                             nested_key_value("tags", key, value), nested_key_value("process.tags", key, value),
                             nested_key_value("logs.fields", key, value)});
  return Json{{"bool", Json{{"should", should}, {"minimum_should_match", 1}}}};
}

}  // namespace

std::string find_trace_ids_body(const TraceQuery& q, int64_t start_us, int64_t end_us, int num_traces,
                                const std::string& dot_replacement) {
  Json filter = Json::array();
  filter.push_back(range("startTime", Json{{"gte", start_us}, {"lte", end_us}}));
  if (!q.service.empty()) filter.push_back(term("process.serviceName", q.service));
  if (!q.operation.empty()) filter.push_back(term("operationName", q.operation));
  if (q.duration_min_us > 0 || q.duration_max_us > 0) {
    Json bounds = Json::object();
    if (q.duration_min_us > 0) bounds["gte"] = q.duration_min_us;
    if (q.duration_max_us > 0) bounds["lte"] = q.duration_max_us;
    filter.push_back(range("duration", bounds));
  }
  for (const auto& [k, v] : q.tags) filter.push_back(tag_query(k, v, dot_replacement));

  Json terms{{"field", "traceID"}, {"size", num_traces}, {"order", Json::array({Json{{"startTime", "desc"}}})}};
  Json max_start{{"max", Json{{"field", "startTime"}}}};
  Json trace_ids{{"terms", terms}, {"aggs", Json{{"startTime", max_start}}}};
  Json aggs{{kTraceIdsAggregation, trace_ids}};
  Json body{{"size", 0}, {"query", Json{{"bool", Json{{"filter", filter}}}}}, {"aggs", aggs}};
  return body.dump();
}

std::string legacy_trace_id(const model::TraceID& id) {
  const std::string padded = id.to_hex();
  if (padded.empty() || padded[0] != '0') return "";
  char buf[48];
  if (id.high == 0) {
    std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(id.low));
  } else {
    std::snprintf(buf, sizeof buf, "%llx%016llx", static_cast<unsigned long long>(id.high),
                  static_cast<unsigned long long>(id.low));
  }
  return buf;
}

std::string trace_page_body(const model::TraceID& id, int page_size, const nlohmann::json& search_after) {
  const std::string legacy = legacy_trace_id(id);
  Json query;
  if (legacy.empty()) {
    query = term("traceID", id.to_hex());
  } else {
    query = Json{{"bool", Json{{"should", Json::array({term("traceID", id.to_hex()), term("traceID", legacy)})},
                               {"minimum_should_match", 1}}}};
  }
  Json sort = Json::array({Json{{"startTime", Json{{"order", "asc"}}}}, Json{{"spanID", Json{{"order", "asc"}}}},
                           Json{{"process.serviceName", Json{{"order", "asc"}}}}});
  Json body{{"size", page_size}, {"query", query}, {"sort", sort}};
  if (!search_after.is_null()) body["search_after"] = Json::parse(search_after.dump());
  return body.dump();
}

std::string services_body(int max_doc_count) {
  Json body{{"size", 0},
            {"aggs", Json{{kServicesAggregation, Json{{"terms", Json{{"field", "serviceName"}, {"size", max_doc_count}}}}}}}};
  return body.dump();
}

std::string operations_body(const std::string& service, int max_doc_count) {
  Json body{{"size", 0},
            {"query", term("serviceName", service)},
            {"aggs", Json{{kOperationsAggregation,
                           Json{{"terms", Json{{"field", "operationName"}, {"size", max_doc_count}}}}}}}};
  return body.dump();
}

std::string dependencies_body(int64_t start_us, int64_t end_us, int max_doc_count) {
  Json body{{"size", max_doc_count},
            {"query", range("timestamp", Json{{"gte", esutil::format_rfc3339(start_us)},
                                              {"lte", esutil::format_rfc3339(end_us)}})}};
  return body.dump();
}

}  // namespace peregrine::storage::elasticsearch
