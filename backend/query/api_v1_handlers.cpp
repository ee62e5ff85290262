// v1 query API handlers (routes listed in api_v1_handlers.hpp). Each handler is a pure function of the request
// and the QueryService; rendering goes through the UI JSON converter.
#include "backend/query/api_v1_handlers.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "backend/convert/otlp_json.hpp"
#include "backend/convert/ui_json_trace.hpp"
#include "backend/query/api_response.hpp"
#include "backend/query/api_v1_params.hpp"
#include "backend/query/go_parse.hpp"

namespace peregrine::query {

namespace {

using common::HttpRequest;
using common::HttpResponse;
using common::PathParams;

constexpr const char* kTraceNotFound = "trace not found";
constexpr const char* kMetricsDisabled = "metrics querying is currently disabled";
constexpr const char* kNoArchiveStorage = "archive span storage was not configured";

// Storage failures become 500s with the error text, as Jaeger's handleError does.
common::RoutedHandler guarded(common::RoutedHandler h) {
  return [h = std::move(h)](const HttpRequest& req, const PathParams& params) {
    try {
      return h(req, params);
    } catch (const std::exception& e) {
      return structured_error(500, e.what());
    }
  };
}

std::string strings_json(const std::vector<std::string>& values) {
  std::string out;
  convert::JsonWriter w(out);
  w.begin_array();
  for (const auto& v : values) w.string(v);
  w.end_array();
  return out;
}

std::string traces_json(const std::vector<model::Trace>& traces) {
  std::string out;
  convert::JsonWriter w(out);
  w.begin_array();
  for (const auto& t : traces) convert::write_ui_trace(w, t);
  w.end_array();
  return out;
}

HttpResponse get_services(QueryService& qs, const HttpRequest& req) {
  auto services = qs.get_services();
  return structured_ok(req, strings_json(services), services.size());
}

HttpResponse get_operations_legacy(QueryService& qs, const HttpRequest& req, const PathParams& params) {
  auto it = params.find("service");
  std::string service = it == params.end() ? std::string() : it->second;
  auto operations = qs.get_operations(storage::OperationQuery{service, ""});
  std::set<std::string> unique;
  for (const auto& op : operations) unique.insert(op.name);
  std::vector<std::string> names(unique.begin(), unique.end());
  return structured_ok(req, strings_json(names), names.size());
}

HttpResponse get_operations(QueryService& qs, const HttpRequest& req) {
  std::string service = req.param("service").value_or("");
  if (service.empty()) return structured_error(400, "parameter 'service' is required");
  auto operations = qs.get_operations(storage::OperationQuery{service, req.param("spanKind").value_or("")});
  std::string data;
  convert::JsonWriter w(data);
  w.begin_array();
  for (const auto& op : operations) {
    w.begin_object();
    w.key("name");
    w.string(op.name);
    w.key("spanKind");
    w.string(op.span_kind);
    w.end_object();
  }
  w.end_array();
  return structured_ok(req, data, operations.size());
}

HttpResponse search_traces(QueryService& qs, const ClockUs& now_us, const HttpRequest& req) {
  TraceSearchParams p = parse_trace_search(req, now_us());
  if (!p.error.empty()) return structured_error(400, p.error);
  std::vector<model::Trace> traces;
  std::vector<StructuredError> errors;
  if (!p.trace_ids.empty()) {
    for (const auto& id : p.trace_ids) {
      if (auto t = qs.get_trace(id)) {
        traces.push_back(std::move(*t));
      } else {
        errors.push_back(StructuredError{0, kTraceNotFound, id.to_hex()});
      }
    }
  } else {
    traces = qs.find_traces(p.query);
  }
  return structured_ok(req, traces_json(traces), 0, errors);
}

HttpResponse get_trace(QueryService& qs, const HttpRequest& req, const PathParams& params) {
  std::string err;
  auto id = go_parse_trace_id(params.at("traceID"), &err);
  if (!id) return structured_error(400, err);
  // Optional start/end (µs) hints are validated as Jaeger does; the memory store does not need them.
  for (const char* hint : {"start", "end"}) {
    std::string v = req.param(hint).value_or("");
    if (!v.empty() && !go_parse_int(v, 64, &err)) {
      return structured_error(400, std::string("unable to parse param '") + hint + "': " + err);
    }
  }
  bool raw = go_parse_bool(req.param("raw").value_or("")).value_or(false);
  auto trace = qs.get_trace(*id, !raw);
  if (!trace) return structured_error(404, kTraceNotFound);
  return structured_ok(req, traces_json({*trace}), 0);
}

HttpResponse get_dependencies(QueryService& qs, const ClockUs& now_us, const HttpRequest& req) {
  DependencyParams p = parse_dependency_params(req, now_us());
  if (!p.error.empty()) return structured_error(400, p.error);
  std::string service = req.param("service").value_or("");
  std::map<std::pair<std::string, std::string>, uint64_t> links;
  for (const auto& link : qs.get_dependencies(p.end_ts_us, p.lookback_us)) {
    if (!service.empty() && link.parent != service && link.child != service) continue;
    links[{link.parent, link.child}] += link.call_count;
  }
  std::string data;
  convert::JsonWriter w(data);
  w.begin_array();
  for (const auto& [services, calls] : links) {
    convert::write_ui_dependency(w, model::DependencyLink{services.first, services.second, calls, "jaeger"});
  }
  w.end_array();
  return structured_ok(req, data, 0);
}

HttpResponse archive_trace(QueryService& qs, const HttpRequest& req, const PathParams& params) {
  std::string err;
  auto id = go_parse_trace_id(params.at("traceID"), &err);
  if (!id) return structured_error(400, err);
  switch (qs.archive_trace(*id)) {
    case ArchiveOutcome::Archived: return structured_empty_ok(req);
    case ArchiveOutcome::TraceNotFound: return structured_error(404, kTraceNotFound);
    case ArchiveOutcome::NoArchiveStorage: break;
  }
  return structured_error(500, kNoArchiveStorage);
}

HttpResponse transform_otlp(const HttpRequest& req) {
  auto parsed = convert::parse_otlp_json(req.body);
  if (!parsed.ok()) return structured_error(500, "cannot unmarshal OTLP : " + parsed.error);
  auto converted = convert::otlp_to_model(std::move(parsed.request));
  if (!converted.ok()) return structured_error(500, converted.error);
  // Spans grouped into traces in order of first appearance, not adjusted (as Jaeger's /api/transform).
  std::vector<model::Trace> traces;
  std::unordered_map<model::TraceID, size_t, model::TraceIDHash> index;
  for (auto& span : converted.batch) {
    auto [it, inserted] = index.try_emplace(span.trace_id, traces.size());
    if (inserted) traces.emplace_back();
    traces[it->second].spans.push_back(std::move(span));
  }
  return structured_ok(req, traces_json(traces), 0);
}

std::optional<std::string> float_param_error(const HttpRequest& req, const char* name) {
  std::string v = req.param(name).value_or("");
  double d = 0;
  auto res = std::from_chars(v.data(), v.data() + v.size(), d);
  if (v.empty() || res.ec != std::errc() || res.ptr != v.data() + v.size()) {
    return std::string("unable to parse param '") + name + "': strconv.ParseFloat: parsing " + go_quote(v) +
           ": invalid syntax";
  }
  return std::nullopt;
}

// With no metrics store every metrics query ends in 501, after the same parameter checks Jaeger makes.
HttpResponse metrics_query(const HttpRequest& req, bool needs_quantile) {
  if (needs_quantile) {
    if (auto err = float_param_error(req, "quantile")) return structured_error(400, *err);
  }
  if (req.params("service").empty()) {
    return structured_error(400, "unable to parse param 'service': please provide at least one service name");
  }
  return structured_error(501, kMetricsDisabled);
}

}  // namespace

void add_api_v1_routes(common::HttpRouter& router, QueryService& qs, ClockUs now_us) {
  if (!now_us) now_us = system_now_us;
  router.add("GET", "/api/services",
             guarded([&qs](const HttpRequest& req, const PathParams&) { return get_services(qs, req); }));
  router.add("GET", "/api/services/{service}/operations",
             guarded([&qs](const HttpRequest& req, const PathParams& params) {
               return get_operations_legacy(qs, req, params);
             }));
  router.add("GET", "/api/operations",
             guarded([&qs](const HttpRequest& req, const PathParams&) { return get_operations(qs, req); }));
  router.add("GET", "/api/traces", guarded([&qs, now_us](const HttpRequest& req, const PathParams&) {
               return search_traces(qs, now_us, req);
             }));
  router.add("GET", "/api/traces/{traceID}",
             guarded([&qs](const HttpRequest& req, const PathParams& params) { return get_trace(qs, req, params); }));
  router.add("GET", "/api/dependencies", guarded([&qs, now_us](const HttpRequest& req, const PathParams&) {
               return get_dependencies(qs, now_us, req);
             }));
  router.add("POST", "/api/archive/{traceID}",
             guarded([&qs](const HttpRequest& req, const PathParams& params) { return archive_trace(qs, req, params); }));
  router.add("POST", "/api/transform",
             guarded([](const HttpRequest& req, const PathParams&) { return transform_otlp(req); }));
  router.add("GET", "/api/metrics/latencies",
             [](const HttpRequest& req, const PathParams&) { return metrics_query(req, true); });
  router.add("GET", "/api/metrics/calls",
             [](const HttpRequest& req, const PathParams&) { return metrics_query(req, false); });
  router.add("GET", "/api/metrics/errors",
             [](const HttpRequest& req, const PathParams&) { return metrics_query(req, false); });
  router.add("GET", "/api/metrics/minstep",
             [](const HttpRequest&, const PathParams&) { return structured_error(501, kMetricsDisabled); });
}

}  // namespace peregrine::query
