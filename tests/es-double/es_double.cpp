// Request routing, endpoint handlers and admin API of the Elasticsearch double (see es_double.hpp).
#include "tests/es-double/es_double.hpp"

#include <chrono>
#include <regex>
#include <set>

#include "backend/common/http_types.hpp"
#include "tests/es-double/es_bulk.hpp"
#include "tests/es-double/es_errors.hpp"
#include "tests/es-double/es_search.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;
using Params = std::multimap<std::string, std::string>;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response error_response(const EsException& e) { return json_response(e.status(), error_body(e.status(), e.type(), e.what())); }

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segs;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!seg.empty()) segs.push_back(common::percent_decode(seg, false));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segs;
}

void check_params(const std::string& path, const Params& params, const std::set<std::string>& allowed) {
  for (const auto& [k, _] : params)
    if (!allowed.count(k)) illegal_argument("request [" + path + "] contains unrecognized parameter: [" + k + "]");
}

bool bool_param(const Params& params, const std::string& name, bool dflt) {
  auto it = params.find(name);
  if (it == params.end()) return dflt;
  if (it->second == "true" || it->second.empty()) return true;
  if (it->second == "false") return false;
  illegal_argument("Failed to parse value [" + it->second + "] as only [true] or [false] are allowed.");
}

Json parse_body(const std::string& body, bool required) {
  if (body.empty()) {
    if (required) parsing_error("request body is required");
    return Json();
  }
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) throw EsException(400, "x_content_parse_exception", "failed to parse request body as JSON");
  if (!j.is_object()) parsing_error("request body must be a JSON object");
  return j;
}

void check_content_type(const Request& req, bool ndjson) {
  if (req.body.empty()) return;
  auto it = req.headers.find("content-type");
  const std::string ct = it == req.headers.end() ? "" : it->second;
  const bool ok = ct.rfind("application/json", 0) == 0 || (ndjson && ct.rfind("application/x-ndjson", 0) == 0);
  if (!ok) throw EsException(406, "content_type_exception", "Content-Type header [" + ct + "] is not supported");
}

std::vector<std::string> string_list(const Json& v, const std::string& what) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  else if (v.is_array())
    for (const auto& e : v) {
      if (!e.is_string()) parsing_error(what + " must be strings");
      out.push_back(e.get<std::string>());
    }
  else parsing_error(what + " must be a string or an array of strings");
  return out;
}

// "2d" / "12h" / "30m" / "10s" / "500ms" → milliseconds.
int64_t parse_time_value(const std::string& s) {
  std::smatch m;
  static const std::regex re("^(\\d+)(d|h|m|s|ms)$");
  if (!std::regex_match(s, m, re)) parsing_error("failed to parse setting [max_age] with value [" + s + "] as a time value");
  int64_t n = std::stoll(m[1]);
  const std::string u = m[2];
  if (u == "d") return n * 86'400'000;
  if (u == "h") return n * 3'600'000;
  if (u == "m") return n * 60'000;
  if (u == "s") return n * 1000;
  return n;
}

int64_t parse_byte_size(const std::string& s) {
  std::smatch m;
  static const std::regex re("^(\\d+)(b|kb|mb|gb|tb)$");
  if (!std::regex_match(s, m, re)) parsing_error("failed to parse [max_size] with value [" + s + "] as a size in bytes");
  int64_t n = std::stoll(m[1]);
  const std::string u = m[2];
  int64_t mult = u == "b" ? 1 : u == "kb" ? 1024 : u == "mb" ? 1024 * 1024 : u == "gb" ? 1024LL * 1024 * 1024 : 1024LL * 1024 * 1024 * 1024;
  return n * mult;
}

OJson alias_json(const AliasProps& p) {
  OJson a = OJson::object();
  if (p.write_index_explicit) a["is_write_index"] = p.is_write_index;
  return a;
}

}  // namespace

EsDouble::EsDouble(DoubleOptions opts) : opts_(std::move(opts)) {}

int EsDouble::major() const { return std::atoi(opts_.version.c_str()); }

bool EsDouble::hit_type() const { return opts_.opensearch ? major() == 1 : major() == 7; }

bool EsDouble::authorized(const Request& req) const {
  if (opts_.basic_auth.empty() && opts_.bearer_token.empty()) return true;
  auto it = req.headers.find("authorization");
  if (it == req.headers.end()) return false;
  const std::string& h = it->second;
  if (!opts_.bearer_token.empty() && h == "Bearer " + opts_.bearer_token) return true;
  if (!opts_.basic_auth.empty() && h.rfind("Basic ", 0) == 0) {
    // base64-decode the credentials
    static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string decoded;
    int val = 0, bits = -8;
    for (char c : h.substr(6)) {
      size_t p = chars.find(c);
      if (p == std::string::npos) break;
      val = (val << 6) + static_cast<int>(p);
      bits += 6;
      if (bits >= 0) {
        decoded.push_back(static_cast<char>((val >> bits) & 0xFF));
        bits -= 8;
      }
    }
    return decoded == opts_.basic_auth;
  }
  return false;
}

Response EsDouble::handle(const Request& req) {
  const size_t q = req.target.find('?');
  const std::string path = req.target.substr(0, q);
  const Params params = q == std::string::npos ? Params{} : common::parse_query_string(req.target.substr(q + 1));
  const auto segs = split_path(path);
  if (!segs.empty() && segs[0] == "_double") {
    std::lock_guard<std::mutex> lock(mu_);
    return admin(req, segs);
  }
  if (!authorized(req)) {
    std::lock_guard<std::mutex> lock(mu_);
    ++counters_["unauthorized"];
    return json_response(401, error_body(401, "security_exception",
                                         "missing authentication credentials for REST request [" + path + "]"));
  }
  const RequestFaultDecision fault = faults_.for_request(path);
  if (fault.applies && (fault.drop || fault.status != 0)) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++counters_["faulted"];
    }
    Response r;
    r.delay_ms = fault.delay_ms;
    if (fault.drop) {
      r.drop_connection = true;
      return r;
    }
    const std::string type = fault.status == 429 ? "es_rejected_execution_exception" : "unavailable_shards_exception";
    r.status = fault.status;
    r.body = error_body(fault.status, type, "fault injected by the double");
    return r;
  }
  Response r;
  {
    std::lock_guard<std::mutex> lock(mu_);
    try {
      r = dispatch(req, path, segs, params);
    } catch (const EsException& e) {
      r = error_response(e);
    } catch (const nlohmann::json::exception& e) {
      r = json_response(400, error_body(400, "parsing_exception", std::string("malformed request: ") + e.what()));
    }
  }
  if (fault.applies) r.delay_ms = fault.delay_ms;
  return r;
}

Response EsDouble::dispatch(const Request& req, const std::string& path, const std::vector<std::string>& segs,
                            const Params& params) {
  const std::string& m = req.method;
  auto count = [&](const char* name) { ++counters_[name]; };
  auto wrong_method = [&](const std::string& allowed) -> Response {
    return json_response(405, "{\"error\":\"Incorrect HTTP method for uri [" + path + "] and method [" + m +
                                  "], allowed: [" + allowed + "]\",\"status\":405}");
  };

  if (segs.empty()) {
    if (m != "GET") return wrong_method("GET");
    check_params(path, params, {});
    count("root");
    return root();
  }
  const std::string& s0 = segs[0];
  if (s0 == "_template" || s0 == "_index_template") {
    if (segs.size() != 2) illegal_argument("no handler found for uri [" + path + "] and method [" + m + "]");
    if (m != "PUT" && m != "POST") return wrong_method("PUT, POST");
    check_params(path, params, {"master_timeout", "create"});
    check_content_type(req, false);
    count(s0 == "_template" ? "put_template" : "put_index_template");
    return put_template(segs[1], req.body, s0 == "_index_template");
  }
  if (s0 == "_ilm" && segs.size() == 3 && segs[1] == "policy") {
    if (m != "GET") return wrong_method("GET");
    count("get_lifecycle_policy");
    return lifecycle_policy(segs[2]);
  }
  if (s0 == "_plugins" && segs.size() == 4 && segs[1] == "_ism" && segs[2] == "policies") {
    if (m != "GET") return wrong_method("GET");
    count("get_lifecycle_policy");
    return lifecycle_policy(segs[3]);
  }
  if (s0 == "_bulk" && segs.size() == 1) {
    if (m != "POST" && m != "PUT") return wrong_method("POST, PUT");
    check_params(path, params, {"refresh", "timeout"});
    check_content_type(req, true);
    count("bulk");
    return bulk(req);
  }
  if (s0 == "_aliases" && segs.size() == 1) {
    if (m != "POST") return wrong_method("POST");
    check_params(path, params, {"master_timeout", "timeout"});
    check_content_type(req, false);
    count("aliases");
    return aliases(req.body);
  }
  if (segs.size() == 2 && segs[1] == "_search") {
    if (m != "POST" && m != "GET") return wrong_method("GET, POST");
    check_params(path, params, {"ignore_unavailable", "allow_no_indices", "rest_total_hits_as_int", "track_total_hits"});
    check_content_type(req, false);
    count("search");
    return search(s0, params, req.body);
  }
  if (segs.size() == 2 && segs[1] == "_msearch") {
    if (m != "POST" && m != "GET") return wrong_method("GET, POST");
    check_params(path, params, {"max_concurrent_searches", "rest_total_hits_as_int"});
    check_content_type(req, true);
    count("msearch");
    return msearch(s0, req.body);
  }
  if ((segs.size() == 2 || segs.size() == 3) && segs[1] == "_rollover") {
    if (m != "POST") return wrong_method("POST");
    if (segs.size() == 3) illegal_argument("explicit rollover target index names are not emulated by the double");
    check_params(path, params, {"master_timeout", "timeout", "wait_for_active_shards"});
    check_content_type(req, false);
    count("rollover");
    return rollover(s0, req.body);
  }
  if (segs.size() == 1 && s0[0] != '_') {
    if (m == "GET") {
      check_params(path, params, {"flat_settings", "filter_path", "ignore_unavailable", "allow_no_indices",
                                  "expand_wildcards", "master_timeout", "local"});
      count("get_index");
      return get_indices(s0, params);
    }
    if (m == "PUT") {
      check_params(path, params, {"master_timeout", "timeout", "wait_for_active_shards"});
      check_content_type(req, false);
      count("create_index");
      return create_index(s0, req.body);
    }
    if (m == "DELETE") {
      check_params(path, params, {"master_timeout", "timeout", "ignore_unavailable", "allow_no_indices", "expand_wildcards"});
      count("delete_index");
      return delete_indices(s0, params);
    }
    if (m == "HEAD") {
      count("index_exists");
      return json_response(cluster_.resolve(s0, true).empty() ? 404 : 200, "");
    }
    return wrong_method("GET, PUT, DELETE, HEAD");
  }
  count("unknown");
  return json_response(400, "{\"error\":\"no handler found for uri [" + path + "] and method [" + m + "]\",\"status\":400}");
}

Response EsDouble::root() {
  OJson version{{"number", opts_.version}};
  if (opts_.opensearch) version["distribution"] = "opensearch";
  else version["build_flavor"] = "default";
  version["build_type"] = "double";
  version["build_snapshot"] = false;
  version["lucene_version"] = "8.11.1";
  OJson body{{"name", "peregrine-es-double"},
             {"cluster_name", "peregrine-es-double"},
             {"cluster_uuid", "peregrine-es-double-uuid"},
             {"version", version},
             {"tagline", opts_.opensearch ? "The OpenSearch Project: https://opensearch.org/" : "You Know, for Search"}};
  return json_response(200, body.dump());
}

Response EsDouble::put_template(const std::string& name, const std::string& body, bool composable) {
  Json j = parse_body(body, true);
  if (!j.contains("index_patterns")) throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: index patterns are missing;");
  auto patterns = string_list(j["index_patterns"], "index_patterns");
  if (composable) {
    ComposableTemplate t;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (k == "priority") t.priority = it->get<int64_t>();
      else if (k == "template") {
        if (!it->is_object()) parsing_error("[template] must be an object");
        for (auto p = it->begin(); p != it->end(); ++p)
          if (p.key() != "settings" && p.key() != "mappings" && p.key() != "aliases")
            parsing_error("[template] unknown field [" + p.key() + "]");
        if (it->contains("mappings")) Mapping::parse((*it)["mappings"]);
        if (it->contains("settings")) Cluster::flatten_settings((*it)["settings"]);
      } else if (k != "index_patterns" && k != "version" && k != "_meta") {
        parsing_error("[index_template] unknown field [" + k + "] (not emulated by the double)");
      }
    }
    t.patterns = patterns;
    t.body = j;
    cluster_.composable_templates[name] = std::move(t);
  } else {
    LegacyTemplate t;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (k == "order") t.order = it->get<int64_t>();
      else if (k == "mappings") Mapping::parse(*it);
      else if (k == "settings") Cluster::flatten_settings(*it);
      else if (k != "index_patterns" && k != "aliases" && k != "version")
        illegal_argument("unknown key [" + k + "] in the template");
    }
    t.patterns = patterns;
    t.body = j;
    cluster_.legacy_templates[name] = std::move(t);
  }
  return json_response(200, "{\"acknowledged\":true}");
}

Response EsDouble::lifecycle_policy(const std::string& name) {
  if (!cluster_.lifecycle_policies.count(name))
    return json_response(404, error_body(404, "resource_not_found_exception", "Lifecycle policy not found: " + name));
  OJson body{{name, {{"version", 1}, {"policy", {{"phases", OJson::object()}}}}}};
  return json_response(200, body.dump());
}

Response EsDouble::bulk(const Request& req) {
  auto outcome = execute_bulk(cluster_, req.body, now_ms(), [this](size_t) { return faults_.for_item(); }, hit_type());
  counters_["bulk_items"] += outcome.items;
  counters_["bulk_items_failed"] += outcome.failed;
  return json_response(200, outcome.body);
}

Response EsDouble::search(const std::string& expr, const Params& params, const std::string& body) {
  auto targets = cluster_.resolve(expr, bool_param(params, "ignore_unavailable", false));
  Json request = parse_body(body, false);
  if (request.is_null()) request = Json::object();
  return json_response(200, execute_search(targets, request, hit_type()).body);
}

Response EsDouble::msearch(const std::string& expr, const std::string& body) {
  if (body.empty() || body.back() != '\n')
    illegal_argument("The msearch request must be terminated by a newline [\\n]");
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    lines.push_back(body.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() % 2 != 0) illegal_argument("msearch body must contain header/body line pairs");
  std::string out = "{\"took\":1,\"responses\":[";
  for (size_t i = 0; i < lines.size(); i += 2) {
    if (i) out += ',';
    try {
      Json header = parse_body(lines[i].empty() ? "{}" : lines[i], true);
      std::string indices = expr;
      bool ignore_unavailable = false;
      for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "index") indices = it->is_array() ? [&] {
            std::string s;
            for (const auto& e : *it) s += (s.empty() ? "" : ",") + e.get<std::string>();
            return s;
          }() : it->get<std::string>();
        else if (it.key() == "ignore_unavailable") ignore_unavailable = it->get<bool>();
        else if (it.key() != "allow_no_indices" && it.key() != "expand_wildcards" && it.key() != "preference")
          illegal_argument("key [" + it.key() + "] is not supported in the metadata section");
      }
      auto targets = cluster_.resolve(indices, ignore_unavailable);
      std::string resp = execute_search(targets, parse_body(lines[i + 1], true), hit_type()).body;
      resp.pop_back();  // add "status" like Elasticsearch does in msearch responses
      out += resp + ",\"status\":200}";
    } catch (const EsException& e) {
      std::string err = error_body(e.status(), e.type(), e.what());
      out += err;
    }
  }
  out += "]}";
  return json_response(200, out);
}

Response EsDouble::get_indices(const std::string& expr, const Params& params) {
  const bool flat = bool_param(params, "flat_settings", false);
  std::set<std::string> keep{"aliases", "mappings", "settings"};
  if (auto it = params.find("filter_path"); it != params.end()) {
    keep.clear();
    size_t start = 0;
    const std::string& fp = it->second;
    while (start <= fp.size()) {
      size_t comma = fp.find(',', start);
      std::string item = fp.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (item.rfind("*.", 0) != 0 || item.find('.', 2) != std::string::npos)
        illegal_argument("filter_path [" + item + "] is not emulated by the double (only *.<key>)");
      keep.insert(item.substr(2));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  auto targets = cluster_.resolve(expr, bool_param(params, "ignore_unavailable", false));
  OJson out = OJson::object();
  for (const Index* idx : targets) {
    OJson entry = OJson::object();
    if (keep.count("aliases")) {
      OJson a = OJson::object();
      for (const auto& [name, p] : idx->aliases) a[name] = alias_json(p);
      entry["aliases"] = a;
    }
    if (keep.count("mappings")) entry["mappings"] = idx->mapping.to_json();
    if (keep.count("settings")) {
      if (flat) {
        OJson s = OJson::object();
        for (const auto& [k, v] : idx->settings) s[k] = v;
        entry["settings"] = s;
      } else {
        OJson s = OJson::object();
        for (const auto& [k, v] : idx->settings) {
          OJson* node = &s;
          size_t start = 0;
          while (true) {
            size_t dot = k.find('.', start);
            if (dot == std::string::npos) {
              (*node)[k.substr(start)] = v;
              break;
            }
            node = &(*node)[k.substr(start, dot - start)];
            start = dot + 1;
          }
        }
        entry["settings"] = s;
      }
    }
    out[idx->name] = entry;
  }
  return json_response(200, out.dump());
}

Response EsDouble::create_index(const std::string& name, const std::string& body) {
  cluster_.create_index(name, parse_body(body, false), now_ms(), true);
  OJson resp{{"acknowledged", true}, {"shards_acknowledged", true}, {"index", name}};
  return json_response(200, resp.dump());
}

Response EsDouble::delete_indices(const std::string& expr, const Params& params) {
  const bool ignore = bool_param(params, "ignore_unavailable", false);
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= expr.size()) {
    size_t comma = expr.find(',', start);
    std::string item = expr.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) names.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::set<std::string> doomed;
  for (const auto& n : names) {
    if (n.find('*') != std::string::npos || n == "_all") {
      if (major() >= 8 && !opts_.opensearch)
        illegal_argument("Wildcard expressions or all indices are not allowed");
      for (auto* idx : cluster_.resolve(n, true)) doomed.insert(idx->name);
      continue;
    }
    if (cluster_.find(n)) {
      doomed.insert(n);
    } else if (cluster_.alias_exists(n)) {
      illegal_argument("The provided expression [" + n + "] matches an alias, specify the corresponding concrete indices instead.");
    } else if (!ignore) {
      index_not_found(n);
    }
  }
  for (const auto& n : doomed) cluster_.indices.erase(n);
  return json_response(200, "{\"acknowledged\":true}");
}

Response EsDouble::aliases(const std::string& body) {
  Json j = parse_body(body, true);
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "actions") parsing_error("[aliases] unknown field [" + it.key() + "]");
  if (!j.contains("actions") || !j["actions"].is_array() || j["actions"].empty())
    throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: no actions specified;");
  // Validate everything, then apply on a copy so the change is atomic.
  Cluster next = cluster_;
  for (const auto& action : j["actions"]) {
    if (!action.is_object() || action.size() != 1) parsing_error("[aliases] malformed action " + action.dump());
    const std::string type = action.begin().key();
    const Json& a = action.begin().value();
    if (type != "add" && type != "remove") parsing_error("[aliases] action [" + type + "] is not emulated by the double");
    std::string index, alias;
    std::optional<bool> is_write;
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (it.key() == "index") index = it->get<std::string>();
      else if (it.key() == "alias") alias = it->get<std::string>();
      else if (it.key() == "is_write_index" && type == "add") is_write = it->get<bool>();
      else parsing_error("[" + type + "] unknown field [" + it.key() + "] (not emulated by the double)");
    }
    if (index.empty() || alias.empty())
      throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: [index] and [alias] are required;");
    Index* idx = next.find(index);
    if (!idx) index_not_found(index);
    if (type == "add") {
      if (next.find(alias)) throw EsException(400, "invalid_alias_name_exception", "Invalid alias name [" + alias + "]: an index exists with the same name as the alias");
      AliasProps p;
      if (is_write) {
        p.is_write_index = *is_write;
        p.write_index_explicit = true;
      }
      idx->aliases[alias] = p;
    } else {
      if (!idx->aliases.erase(alias))
        throw EsException(404, "aliases_not_found_exception", "aliases [" + alias + "] missing");
    }
  }
  next.check_alias_invariants();
  cluster_ = std::move(next);
  return json_response(200, "{\"acknowledged\":true}");
}

Response EsDouble::rollover(const std::string& alias, const std::string& body) {
  Json j = parse_body(body, false);
  std::vector<std::pair<std::string, Json>> conditions;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() != "conditions") parsing_error("[rollover] unknown field [" + it.key() + "] (not emulated by the double)");
      if (!it->is_object()) parsing_error("[conditions] must be an object");
      for (auto c = it->begin(); c != it->end(); ++c) {
        if (c.key() != "max_age" && c.key() != "max_docs" && c.key() != "max_size" && c.key() != "max_primary_shard_size")
          throw EsException(400, "x_content_parse_exception", "[conditions] unknown field [" + c.key() + "]");
        conditions.emplace_back(c.key(), *c);
      }
    }
  }
  if (cluster_.find(alias))
    illegal_argument("rollover target is a [concrete index] but one of [alias,data_stream] was expected");
  auto members = cluster_.indices_with_alias(alias);
  if (members.empty()) illegal_argument("rollover target [" + alias + "] does not exist");
  Index* old = nullptr;
  if (members.size() == 1) old = members[0];
  for (auto* m : members)
    if (m->aliases.at(alias).is_write_index) old = m;
  if (!old) illegal_argument("rollover target [" + alias + "] does not point to a write index");
  std::smatch match;
  static const std::regex numbered("^(.*)-(\\d+)$");
  if (!std::regex_match(old->name, match, numbered))
    illegal_argument("index name [" + old->name + "] does not match pattern '^.*-\\d+$'");
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "%06lld", std::stoll(match[2]) + 1);
  const std::string new_name = std::string(match[1]) + "-" + suffix;

  OJson results = OJson::object();
  bool met = conditions.empty();
  const int64_t now = now_ms();
  for (const auto& [k, v] : conditions) {
    bool ok = false;
    std::string shown = v.is_string() ? v.get<std::string>() : v.dump();
    if (k == "max_age") ok = now - old->creation_ms >= parse_time_value(v.get<std::string>());
    else if (k == "max_docs") ok = static_cast<int64_t>(old->docs.size()) >= v.get<int64_t>();
    else ok = static_cast<int64_t>(old->source_bytes) >= parse_byte_size(v.get<std::string>());
    results["[" + k + ": " + shown + "]"] = ok;
    met = met || ok;
  }
  const std::string old_name = old->name;
  if (met) {
    const AliasProps props = old->aliases.at(alias);
    Index& fresh = cluster_.create_index(new_name, Json(), now, true);
    Index* prev = cluster_.find(old_name);
    if (props.write_index_explicit && props.is_write_index) {
      prev->aliases[alias].is_write_index = false;
      fresh.aliases[alias] = AliasProps{true, true};
    } else {
      prev->aliases.erase(alias);
      fresh.aliases[alias] = AliasProps{};
    }
  }
  OJson resp{{"acknowledged", met},  {"shards_acknowledged", met}, {"old_index", old_name},
             {"new_index", new_name}, {"rolled_over", met},        {"dry_run", false},
             {"conditions", results}};
  return json_response(200, resp.dump());
}

Response EsDouble::admin(const Request& req, const std::vector<std::string>& segs) {
  const std::string& m = req.method;
  try {
    if (segs.size() == 2 && segs[1] == "faults") {
      if (m == "DELETE") {
        faults_.clear();
        return json_response(200, "{\"acknowledged\":true}");
      }
      if (m == "POST" || m == "PUT") {
        faults_.configure(parse_body(req.body, true));
        return json_response(200, faults_.describe().dump());
      }
      if (m == "GET") return json_response(200, faults_.describe().dump());
    }
    if (segs.size() == 2 && segs[1] == "reset" && m == "POST") {
      cluster_ = Cluster();
      faults_.clear();
      counters_.clear();
      return json_response(200, "{\"acknowledged\":true}");
    }
    if (segs.size() == 2 && segs[1] == "stats" && m == "GET") {
      OJson indices = OJson::object();
      for (const auto& [name, idx] : cluster_.indices) {
        OJson aliases = OJson::object();
        for (const auto& [a, p] : idx.aliases) aliases[a] = alias_json(p);
        indices[name] = {{"docs", idx.docs.size()}, {"creation_date", idx.creation_ms}, {"aliases", aliases},
                         {"settings", idx.settings}};
      }
      OJson legacy = OJson::object(), composable = OJson::object();
      for (const auto& [n, t] : cluster_.legacy_templates) legacy[n] = t.body;
      for (const auto& [n, t] : cluster_.composable_templates) composable[n] = t.body;
      OJson body{{"requests", counters_}, {"indices", indices}, {"templates", legacy},
                 {"index_templates", composable}, {"faults", faults_.describe()}};
      return json_response(200, body.dump());
    }
    if (segs.size() == 3 && segs[1] == "indices" && m == "POST") {
      Json body = parse_body(req.body, false);
      int64_t creation = body.is_object() && body.contains("creation_date") ? body["creation_date"].get<int64_t>() : now_ms();
      bool templates = body.is_object() && body.value("apply_templates", false);
      Json create = Json::object();
      if (body.is_object() && body.contains("aliases")) create["aliases"] = body["aliases"];
      cluster_.create_index(segs[2], create, creation, templates);
      return json_response(200, "{\"acknowledged\":true}");
    }
    if (segs.size() == 4 && segs[1] == "indices" && segs[3] == "docs" && m == "GET") {
      Index* idx = cluster_.find(segs[2]);
      if (!idx) index_not_found(segs[2]);
      std::string out = "{\"docs\":[";
      for (size_t i = 0; i < idx->docs.size(); ++i) {
        if (i) out += ',';
        out += "{\"_id\":" + Json(idx->docs[i].id).dump() + ",\"_source\":" + idx->docs[i].raw + ",\"raw\":" +
               Json(idx->docs[i].raw).dump() + "}";
      }
      out += "]}";
      return json_response(200, out);
    }
    if (segs.size() == 3 && segs[1] == "policies" && (m == "POST" || m == "PUT")) {
      cluster_.lifecycle_policies.insert(segs[2]);
      return json_response(200, "{\"acknowledged\":true}");
    }
  } catch (const EsException& e) {
    return error_response(e);
  } catch (const std::exception& e) {
    return json_response(400, error_body(400, "double_admin_exception", e.what()));
  }
  return json_response(400, error_body(400, "double_admin_exception", "unknown admin request " + m + " " + req.target));
}

}  // namespace peregrine::esdouble
