// api_v3 HTTP gateway handlers (routes listed in api_v3_handlers.hpp).
#include "backend/query/api_v3_handlers.hpp"

#include <nlohmann/json.hpp>

#include "backend/convert/otlp_json.hpp"
#include "backend/convert/ui_json_writer.hpp"
#include "backend/query/api_response.hpp"
#include "backend/query/api_v1_params.hpp"
#include "backend/query/go_parse.hpp"

namespace peregrine::query {

namespace {

using common::HttpRequest;
using common::HttpResponse;
using common::PathParams;

constexpr const char* kTimeMin = "query.start_time_min";
constexpr const char* kTimeMax = "query.start_time_max";

common::RoutedHandler guarded(common::RoutedHandler h) {
  return [h = std::move(h)](const HttpRequest& req, const PathParams& params) {
    try {
      return h(req, params);
    } catch (const std::exception& e) {
      return gateway_error(500, e.what());
    }
  };
}

std::string malformed(const std::string& param, const std::string& err) {
  return "malformed parameter " + param + ": " + err;
}

std::string value_of(const HttpRequest& req, const char* name) { return req.param(name).value_or(""); }

// raw_traces style flag; nullopt + *error on a bad value.
std::optional<bool> bool_param(const HttpRequest& req, const char* name, std::string* error) {
  std::string v = value_of(req, name);
  if (v.empty()) return false;
  auto b = go_parse_bool(v);
  if (!b) *error = malformed(name, "strconv.ParseBool: parsing " + go_quote(v) + ": invalid syntax");
  return b;
}

HttpResponse get_services(QueryService& qs) {
  std::string out;
  convert::JsonWriter w(out);
  w.begin_object();
  w.key("services");
  w.begin_array();
  for (const auto& s : qs.get_services()) w.string(s);
  w.end_array();
  w.end_object();
  return gateway_ok(std::move(out));
}

HttpResponse get_operations(QueryService& qs, const HttpRequest& req) {
  auto operations = qs.get_operations(storage::OperationQuery{value_of(req, "service"), value_of(req, "span_kind")});
  std::string out;
  convert::JsonWriter w(out);
  w.begin_object();
  w.key("operations");
  w.begin_array();
  for (const auto& op : operations) {
    w.begin_object();
    w.key("name");
    w.string(op.name);
    if (!op.span_kind.empty()) {
      w.key("spanKind");
      w.string(op.span_kind);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return gateway_ok(std::move(out));
}

HttpResponse get_trace(QueryService& qs, const HttpRequest& req, const PathParams& params) {
  std::string err;
  auto id = go_parse_trace_id(params.at("trace_id"), &err);
  if (!id) return gateway_error(400, malformed("trace_id", err));
  auto raw = bool_param(req, "raw_traces", &err);
  if (!raw) return gateway_error(400, err);
  auto trace = qs.get_trace(*id, !*raw);
  if (!trace) return gateway_error(404, "trace not found");
  return gateway_ok(convert::otlp_traces_to_json({*trace}));
}

bool duration_param(const HttpRequest& req, const char* name, int64_t* ns, std::string* error) {
  std::string v = value_of(req, name);
  *ns = 0;
  if (v.empty()) return true;
  std::string err;
  auto d = go_parse_duration_ns(v, &err);
  if (!d) {
    *error = malformed(name, err);
    return false;
  }
  *ns = *d;
  return true;
}

HttpResponse find_traces(QueryService& qs, const HttpRequest& req) {
  storage::TraceQuery q;
  q.service = value_of(req, "query.service_name");
  q.operation = value_of(req, "query.operation_name");
  std::string time_min = value_of(req, kTimeMin);
  std::string time_max = value_of(req, kTimeMax);
  if (time_min.empty() || time_max.empty()) {
    return gateway_error(400, std::string(kTimeMin) + " and " + kTimeMax + " are required");
  }
  std::string err;
  auto min_us = go_parse_rfc3339(time_min, &err);
  if (!min_us) return gateway_error(400, malformed(kTimeMin, err));
  auto max_us = go_parse_rfc3339(time_max, &err);
  if (!max_us) return gateway_error(400, malformed(kTimeMax, err));
  q.start_time_min_us = *min_us;
  q.start_time_max_us = *max_us;

  q.num_traces = kDefaultSearchLimit;
  const char* depth_param = "query.search_depth";
  std::string depth = value_of(req, depth_param);
  if (depth.empty()) {
    depth_param = "query.num_traces";
    depth = value_of(req, depth_param);
  }
  if (!depth.empty()) {
    auto n = go_atoi(depth, &err);
    if (!n) return gateway_error(400, malformed(depth_param, err));
    q.num_traces = static_cast<int>(*n);
  }

  int64_t min_ns = 0, max_ns = 0;
  if (!duration_param(req, "query.duration_min", &min_ns, &err)) return gateway_error(400, err);
  if (!duration_param(req, "query.duration_max", &max_ns, &err)) return gateway_error(400, err);
  q.duration_min_us = min_ns > 0 ? (min_ns + 999) / 1000 : 0;
  q.duration_max_us = max_ns > 0 ? max_ns / 1000 : 0;

  std::string attributes = value_of(req, "query.attributes");
  if (!attributes.empty()) {
    nlohmann::json parsed = nlohmann::json::parse(attributes, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return gateway_error(400, malformed("query.attributes", "expected a JSON object of strings"));
    }
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
      if (!it.value().is_string()) {
        return gateway_error(400, malformed("query.attributes", "value of " + it.key() + " is not a string"));
      }
      q.tags[it.key()] = it.value().get<std::string>();
    }
  }
  auto raw = bool_param(req, "query.raw_traces", &err);
  if (!raw) return gateway_error(400, err);

  return gateway_ok(convert::otlp_traces_to_json(qs.find_traces(q, !*raw)));
}

}  // namespace

void add_api_v3_routes(common::HttpRouter& router, QueryService& qs) {
  router.add("GET", "/api/v3/services",
             guarded([&qs](const HttpRequest&, const PathParams&) { return get_services(qs); }));
  router.add("GET", "/api/v3/operations",
             guarded([&qs](const HttpRequest& req, const PathParams&) { return get_operations(qs, req); }));
  router.add("GET", "/api/v3/traces/{trace_id}",
             guarded([&qs](const HttpRequest& req, const PathParams& params) { return get_trace(qs, req, params); }));
  router.add("GET", "/api/v3/traces",
             guarded([&qs](const HttpRequest& req, const PathParams&) { return find_traces(qs, req); }));
}

}  // namespace peregrine::query
