// v1 query API parameter parsing (see api_v1_params.hpp).
#include "backend/query/api_v1_params.hpp"

#include <nlohmann/json.hpp>

#include "backend/query/go_parse.hpp"

namespace peregrine::query {

namespace {

std::string form_value(const common::HttpRequest& req, const char* name) { return req.param(name).value_or(""); }

std::string parse_error(const char* param, const std::string& err) {
  return std::string("unable to parse param '") + param + "': " + err;
}

// "units since epoch" parameter; empty → fallback.
bool parse_time(const common::HttpRequest& req, const char* name, int64_t unit_us, int64_t fallback_us, int64_t* out,
                std::string* error) {
  std::string v = form_value(req, name);
  if (v.empty()) {
    *out = fallback_us;
    return true;
  }
  std::string err;
  auto n = go_parse_int(v, 64, &err);
  if (!n) {
    *error = parse_error(name, err);
    return false;
  }
  *out = *n * unit_us;
  return true;
}

bool parse_duration_param(const common::HttpRequest& req, const char* name, int64_t* ns, std::string* error) {
  std::string v = form_value(req, name);
  *ns = 0;
  if (v.empty()) return true;
  std::string err;
  auto d = go_parse_duration_ns(v, &err);
  if (!d) {
    *error = parse_error(name, err);
    return false;
  }
  *ns = *d;
  return true;
}

bool parse_tags(const common::HttpRequest& req, std::map<std::string, std::string>* tags, std::string* error) {
  for (const auto& tag : req.params("tag")) {
    if (tag.empty()) continue;
    size_t colon = tag.find(':');
    if (colon == std::string::npos) {
      *error = "malformed 'tag' parameter, expecting key:value, received: " + tag;
      return false;
    }
    (*tags)[tag.substr(0, colon)] = tag.substr(colon + 1);
  }
  for (const auto& json_tags : req.params("tags")) {
    if (json_tags.empty()) continue;
    nlohmann::json parsed = nlohmann::json::parse(json_tags, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      *error = "malformed 'tags' parameter, cannot unmarshal JSON: expected a JSON object of strings";
      return false;
    }
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
      if (!it.value().is_string()) {
        *error = "malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal " +
                 std::string(it.value().type_name()) + " into Go value of type string";
        return false;
      }
      (*tags)[it.key()] = it.value().get<std::string>();
    }
  }
  return true;
}

}  // namespace

TraceSearchParams parse_trace_search(const common::HttpRequest& req, int64_t now_us) {
  TraceSearchParams p;
  storage::TraceQuery& q = p.query;
  q.service = form_value(req, "service");
  q.operation = form_value(req, "operation");
  if (!parse_time(req, "start", 1, now_us - kDefaultSearchLookbackUs, &q.start_time_min_us, &p.error)) return p;
  if (!parse_time(req, "end", 1, now_us, &q.start_time_max_us, &p.error)) return p;
  if (!parse_tags(req, &q.tags, &p.error)) return p;

  q.num_traces = kDefaultSearchLimit;
  std::string limit = form_value(req, "limit");
  if (!limit.empty()) {
    auto n = go_parse_int(limit, 32, &p.error);
    if (!n) return p;
    q.num_traces = static_cast<int>(*n);
  }

  int64_t min_ns = 0, max_ns = 0;
  if (!parse_duration_param(req, "minDuration", &min_ns, &p.error)) return p;
  if (!parse_duration_param(req, "maxDuration", &max_ns, &p.error)) return p;
  // Storage compares whole µs: round the lower bound up and the upper bound down.
  q.duration_min_us = min_ns > 0 ? (min_ns + 999) / 1000 : 0;
  q.duration_max_us = max_ns > 0 ? max_ns / 1000 : 0;

  for (const auto& id : req.params("traceID")) {
    if (id.empty()) continue;
    std::string err;
    auto parsed = go_parse_trace_id(id, &err);
    if (!parsed) {
      p.error = "cannot parse traceID param: " + err;
      return p;
    }
    p.trace_ids.push_back(*parsed);
  }

  if (p.trace_ids.empty() && q.service.empty()) {
    p.error = "parameter 'service' is required";
    return p;
  }
  if (min_ns != 0 && max_ns != 0 && max_ns < min_ns) {
    p.error = "'maxDuration' should be greater than 'minDuration'";
    return p;
  }
  return p;
}

DependencyParams parse_dependency_params(const common::HttpRequest& req, int64_t now_us) {
  DependencyParams p;
  if (!parse_time(req, "endTs", 1000, now_us, &p.end_ts_us, &p.error)) return p;
  std::string lookback = form_value(req, "lookback");
  if (lookback.empty()) {
    p.lookback_us = kDefaultDependencyLookbackUs;
    return p;
  }
  std::string err;
  auto ms = go_parse_int(lookback, 64, &err);
  if (!ms) {
    p.error = parse_error("lookback", err);
    return p;
  }
  p.lookback_us = *ms * 1000;
  return p;
}

}  // namespace peregrine::query
