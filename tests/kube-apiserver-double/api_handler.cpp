// Request validation, dispatch to the store, response shaping.
#include "tests/kube-apiserver-double/api_handler.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/discovery.hpp"
#include "tests/kube-apiserver-double/table_view.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

const std::set<std::string> kKnownParams = {
    "pretty",         "timeout",          "labelSelector",   "fieldSelector",  "resourceVersion",
    "resourceVersionMatch", "limit",      "continue",        "watch",          "allowWatchBookmarks",
    "timeoutSeconds", "sendInitialEvents", "includeObject",  "dryRun",         "fieldManager",
    "fieldValidation", "force",           "propagationPolicy", "gracePeriodSeconds", "orphanDependents"};

ServerResponse json_response(int status, const json& body) {
  ServerResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

ServerResponse status_response(const ApiServerError& e) { return json_response(e.code(), e.status()); }

ServerResponse with_warnings(ServerResponse response, const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) response.headers.emplace_back("Warning", warning_header_value(warning));
  return response;
}

std::string header(const common::HttpRequest& request, const char* name) {
  return request.header(name).value_or("");
}

std::string param(const common::HttpRequest& request, const char* name) { return request.param(name).value_or(""); }

bool is_true(const std::string& v) { return v == "true" || v == "1"; }

bool is_number(const std::string& v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* reason_for(int code) {
  switch (code) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 409: return "Conflict";
    case 410: return "Expired";
    case 422: return "Invalid";
    case 429: return "TooManyRequests";
    case 500: return "InternalError";
    case 503: return "ServiceUnavailable";
    case 504: return "Timeout";
    default: return "";
  }
}

void check_query(const common::HttpRequest& request) {
  for (const auto& [key, value] : request.query) {
    if (!kKnownParams.count(key)) throw bad_request("unknown query parameter \"" + key + "\"");
  }
  if (const auto dry = param(request, "dryRun"); !dry.empty() && dry != "All") {
    throw bad_request("Unsupported value for dryRun: \"" + dry + "\": supported values: \"All\"");
  }
  if (const auto fv = param(request, "fieldValidation");
      !fv.empty() && fv != "Ignore" && fv != "Warn" && fv != "Strict") {
    throw bad_request("Invalid fieldValidation \"" + fv + "\": must be one of Ignore, Warn, Strict");
  }
  for (const char* numeric : {"limit", "timeoutSeconds", "gracePeriodSeconds"}) {
    const auto v = param(request, numeric);
    if (!v.empty() && !is_number(v)) throw bad_request(std::string("invalid ") + numeric + ": \"" + v + "\"");
  }
  if (const auto rvm = param(request, "resourceVersionMatch");
      !rvm.empty() && rvm != "NotOlderThan" && rvm != "Exact") {
    throw bad_request("resourceVersionMatch: Unsupported value: \"" + rvm + "\"");
  }
  if (is_true(param(request, "sendInitialEvents"))) {
    throw bad_request("sendInitialEvents (streaming lists) is not supported by the API double");
  }
}

json parse_json_body(const common::HttpRequest& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) throw bad_request("the request body is not valid JSON");
  return body;
}

void require_json_content(const common::HttpRequest& request) {
  std::string ct = header(request, "Content-Type");
  ct = ct.substr(0, ct.find(';'));
  if (ct != "application/json") throw unsupported_media_type(ct.empty() ? "<none>" : ct);
}

Propagation parse_propagation(const std::string& value) {
  if (value == "Background") return Propagation::Background;
  if (value == "Foreground") return Propagation::Foreground;
  if (value == "Orphan") return Propagation::Orphan;
  throw bad_request("Unsupported value for propagationPolicy: \"" + value +
                    "\": supported values: \"Orphan\", \"Background\", \"Foreground\"");
}

DeleteRequest parse_delete(const common::HttpRequest& request) {
  DeleteRequest out;
  if (auto p = param(request, "propagationPolicy"); !p.empty()) out.propagation = parse_propagation(p);
  if (is_true(param(request, "orphanDependents"))) out.propagation = Propagation::Orphan;
  out.dry_run = param(request, "dryRun") == "All";
  if (request.body.empty()) return out;
  const json body = parse_json_body(request);
  if (!body.is_object()) throw bad_request("DeleteOptions must be a JSON object");
  const std::string kind = body.value("kind", "DeleteOptions");
  if (kind != "DeleteOptions") throw bad_request("expected DeleteOptions, got " + kind);
  if (auto p = body.find("propagationPolicy"); p != body.end() && p->is_string()) {
    out.propagation = parse_propagation(p->get<std::string>());
  }
  if (body.value("orphanDependents", false)) out.propagation = Propagation::Orphan;
  if (auto pre = body.find("preconditions"); pre != body.end() && pre->is_object()) {
    out.precondition_uid = pre->value("uid", "");
    out.precondition_resource_version = pre->value("resourceVersion", "");
  }
  if (auto dry = body.find("dryRun"); dry != body.end() && dry->is_array()) {
    for (const auto& d : *dry) {
      if (d == "All") {
        out.dry_run = true;
      } else {
        throw bad_request("Unsupported value for dryRun: " + d.dump());
      }
    }
  }
  return out;
}

void check_accept(const common::HttpRequest& request) {
  const std::string accept = header(request, "Accept");
  if (accept.empty()) return;
  if (accept.find("json") != std::string::npos || accept.find("*/*") != std::string::npos) return;
  throw ApiServerError(406, "NotAcceptable", "only the following media types are accepted: application/json");
}

json list_document(const ResourceInfo& info, ListResult result) {
  json items = json::array();
  for (auto& item : result.items) {
    if (!info.is_custom) {
      item.erase("apiVersion");
      item.erase("kind");
    }
    items.push_back(std::move(item));
  }
  json meta = {{"resourceVersion", std::to_string(result.resource_version)}};
  if (!result.continue_token.empty()) meta["continue"] = result.continue_token;
  if (result.remaining_item_count >= 0) meta["remainingItemCount"] = result.remaining_item_count;
  return {{"kind", info.kind + "List"}, {"apiVersion", info.group_version()}, {"metadata", meta}, {"items", items}};
}

}  // namespace

ApiHandler::ApiHandler(ResourceCatalog& catalog, ObjectStore& store, FaultInjector& faults, RequestStats& stats,
                       const WebhookAdmission& admission, std::function<std::string()> server_address,
                       bool log_requests)
    : catalog_(catalog), store_(store), faults_(faults), stats_(stats), admission_(admission),
      server_address_(std::move(server_address)),
      log_requests_(log_requests) {}

ServerResponse ApiHandler::handle(const common::HttpRequest& request) {
  const ApiPath path = parse_api_path(request.path);
  ServerResponse response;
  if (path.kind != ApiPath::Kind::Admin) {
    if (auto fault = faults_.take(request.method, request.path)) {
      if (fault->code == 0) {
        response.close_without_answer = true;
      } else {
        response = json_response(fault->code, make_status(fault->code, reason_for(fault->code),
                                                          "injected failure (API double fail-next)"));
      }
      if (log_requests_) std::fprintf(stderr, "kube-double %s %s -> injected %d\n", request.method.c_str(), request.target.c_str(), fault->code);
      return response;
    }
  }
  response = route(request, path);
  if (log_requests_) {
    std::fprintf(stderr, "kube-double %s %s -> %d\n", request.method.c_str(), request.target.c_str(), response.status);
  }
  return response;
}

ServerResponse ApiHandler::route(const common::HttpRequest& request, const ApiPath& path) {
  using K = ApiPath::Kind;
  try {
    const bool read_only = path.kind != K::Resource && path.kind != K::Admin;
    if (read_only && request.method != "GET" && request.method != "HEAD") throw method_not_allowed(request.method, request.path);
    switch (path.kind) {
      case K::Unknown:
      case K::OpenApiV2:
        throw resource_not_found_path();
      case K::Health: {
        ServerResponse r;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "ok";
        return r;
      }
      case K::Version:
        return json_response(200, version_document());
      case K::CoreVersions:
        return json_response(200, core_api_versions(server_address_()));
      case K::CoreResourceList:
      case K::GroupResourceList: {
        auto doc = api_resource_list(catalog_, path.group, path.version);
        if (!doc) throw resource_not_found_path();
        return json_response(200, *doc);
      }
      case K::GroupList:
        return json_response(200, api_group_list(catalog_));
      case K::Group: {
        auto doc = api_group(catalog_, path.group);
        if (!doc) throw resource_not_found_path();
        return json_response(200, *doc);
      }
      case K::OpenApiIndex:
        return json_response(200, openapi_v3_index(catalog_));
      case K::OpenApiDocument: {
        auto doc = openapi_v3_document(catalog_, path.group, path.version);
        if (!doc) throw resource_not_found_path();
        return json_response(200, *doc);
      }
      case K::Admin:
        return handle_admin(request, path);
      case K::Resource: {
        std::string verb = "unknown";
        try {
          ServerResponse r = handle_resource(request, path, verb);
          stats_.record(verb, request.method, request.path, r.status);
          return r;
        } catch (const ApiServerError& e) {
          stats_.record(verb, request.method, request.path, e.code());
          throw;
        }
      }
    }
    throw resource_not_found_path();
  } catch (const ApiServerError& e) {
    return status_response(e);
  }
}

ServerResponse ApiHandler::handle_resource(const common::HttpRequest& request, const ApiPath& path, std::string& verb) {
  auto found = catalog_.find(path.group, path.version, path.resource);
  if (!found) throw resource_not_found_path();
  const ResourceInfo info = *found;
  // Scope checks: cluster-scoped resources never sit under /namespaces/<ns>/; namespaced objects need one.
  if (!info.namespaced && !path.ns.empty()) throw resource_not_found_path();
  if (info.namespaced && path.ns.empty() && !path.name.empty()) throw resource_not_found_path();
  if (!path.subresource.empty() && !(path.subresource == "status" && info.has_status)) throw resource_not_found_path();
  check_query(request);
  check_accept(request);
  const bool dry_run = param(request, "dryRun") == "All";
  const bool wants_table = accepts_table(header(request, "Accept"));

  if (path.name.empty()) {
    // Collection.
    if (request.method == "GET") {
      ListQuery query;
      query.labels = LabelSelector::parse(param(request, "labelSelector"));
      query.fields = FieldSelector::parse(param(request, "fieldSelector"), info);
      const std::string rv = param(request, "resourceVersion");
      if (!rv.empty() && !is_number(rv)) throw bad_request("invalid resourceVersion \"" + rv + "\"");
      if (is_true(param(request, "watch"))) {
        verb = "watch";
        WatchRequest watch;
        watch.info = info;
        watch.ns = path.ns;
        watch.labels = query.labels;
        watch.fields = query.fields;
        watch.resource_version = rv;
        watch.bookmarks = is_true(param(request, "allowWatchBookmarks"));
        if (auto t = param(request, "timeoutSeconds"); !t.empty()) watch.timeout = std::chrono::seconds(std::stoll(t));
        ServerResponse r;
        r.stream = [this, watch](ResponseStream& out) {
          store_.watch(watch, WatchSink{[&out](const std::string& line) { return out.write(line); },
                                        [&out] { return out.client_alive(); }});
        };
        return r;
      }
      verb = "list";
      if (param(request, "resourceVersionMatch") == "Exact" && rv != std::to_string(store_.resource_version())) {
        throw expired("too old resource version: " + rv + " (" + std::to_string(store_.resource_version()) + ")");
      }
      if (auto l = param(request, "limit"); !l.empty()) query.limit = std::stoll(l);
      query.continue_token = param(request, "continue");
      ListResult result = store_.list(info, path.ns, query);
      if (wants_table) {
        return json_response(200, table_for(info, result.items, std::to_string(result.resource_version), result.continue_token));
      }
      return json_response(200, list_document(info, std::move(result)));
    }
    if (request.method == "POST") {
      verb = "create";
      if (info.namespaced && path.ns.empty()) throw method_not_allowed(request.method, request.path);
      require_json_content(request);
      std::vector<std::string> warnings;
      json created = store_.create(info, path.ns, parse_json_body(request), dry_run, &warnings);
      return with_warnings(json_response(201, created), warnings);
    }
    if (request.method == "DELETE") {
      verb = "deletecollection";
      if (info.namespaced && path.ns.empty()) throw method_not_allowed(request.method, request.path);
      ListQuery query;
      query.labels = LabelSelector::parse(param(request, "labelSelector"));
      query.fields = FieldSelector::parse(param(request, "fieldSelector"), info);
      return json_response(200, store_.remove_collection(info, path.ns, query, parse_delete(request)));
    }
    throw method_not_allowed(request.method, request.path);
  }

  const bool status = path.subresource == "status";
  if (request.method == "GET") {
    verb = "get";
    json obj = store_.get(info, path.ns, path.name);
    if (wants_table && !status) {
      return json_response(200, table_for(info, {obj}, obj["metadata"].value("resourceVersion", ""), ""));
    }
    return json_response(200, obj);
  }
  if (request.method == "PUT") {
    verb = "update";
    require_json_content(request);
    std::vector<std::string> warnings;
    json updated = store_.update(info, path.ns, path.name, parse_json_body(request), status, dry_run, &warnings);
    return with_warnings(json_response(200, updated), warnings);
  }
  if (request.method == "PATCH") {
    verb = "patch";
    const std::string content_type = header(request, "Content-Type");
    if (content_type.rfind("application/apply-patch+yaml", 0) == 0) {
      throw unsupported_media_type("application/apply-patch+yaml (server-side apply is not emulated by the API double)");
    }
    std::vector<std::string> warnings;
    json patched = store_.patch(info, path.ns, path.name, content_type, parse_json_body(request), status, dry_run, &warnings);
    return with_warnings(json_response(200, patched), warnings);
  }
  if (request.method == "DELETE" && !status) {
    verb = "delete";
    json obj = store_.remove(info, path.ns, path.name, parse_delete(request));
    const bool pending = obj.contains("metadata") && obj["metadata"].contains("deletionTimestamp") &&
                         obj["metadata"].contains("finalizers") && !obj["metadata"]["finalizers"].empty();
    return json_response(pending ? 202 : 200, obj);
  }
  throw method_not_allowed(request.method, request.path);
}

ServerResponse ApiHandler::handle_admin(const common::HttpRequest& request, const ApiPath& path) {
  const std::string& action = path.admin_action;
  if (action == "stats") {
    if (request.method != "GET") throw method_not_allowed(request.method, request.path);
    json stats = stats_.to_json();
    stats["resourceVersion"] = store_.resource_version();
    stats["objects"] = store_.object_count();
    stats["liveWatches"] = store_.live_watches();
    stats["admission"] = admission_.stats();
    return json_response(200, stats);
  }
  if (request.method != "POST") throw method_not_allowed(request.method, request.path);
  if (action == "compact") {
    store_.compact();
  } else if (action == "drop-watches") {
    store_.drop_watches();
  } else if (action == "bookmark") {
    store_.send_bookmarks();
  } else if (action == "reset-stats") {
    stats_.reset();
  } else if (action == "clear-faults") {
    faults_.clear();
  } else if (action == "fail-next") {
    FaultRule rule;
    rule.method = param(request, "method");
    rule.path_prefix = param(request, "path");
    const std::string code = param(request, "code");
    const std::string count = param(request, "count");
    if ((!code.empty() && !is_number(code)) || (!count.empty() && !is_number(count))) {
      throw bad_request("fail-next: code and count must be numbers");
    }
    rule.code = code.empty() ? 500 : std::stoi(code);
    rule.count = count.empty() ? 1 : std::stoi(count);
    faults_.add(rule);
  } else {
    throw resource_not_found_path();
  }
  return json_response(200, {{"ok", true}, {"resourceVersion", store_.resource_version()}});
}

}  // namespace peregrine::kubedouble
