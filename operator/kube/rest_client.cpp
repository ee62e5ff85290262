// RestClient: request construction, error mapping, list paging and watch streaming.
#include "operator/kube/rest_client.hpp"

#include "operator/kube/http_transport.hpp"
#include "operator/kube/object_key.hpp"

namespace peregrine::kube {
namespace {

class QueryBuilder {
 public:
  QueryBuilder& add(const std::string& key, const std::string& value) {
    if (value.empty()) return *this;
    query_ += (query_.empty() ? "?" : "&") + key + "=" + url_encode(value);
    return *this;
  }
  std::string str() const { return query_; }

 private:
  std::string query_;
};

void add_write_options(QueryBuilder& q, const WriteOptions& options) {
  q.add("fieldManager", options.field_manager);
  q.add("fieldValidation", options.field_validation);
  if (options.dry_run) q.add("dryRun", "All");
  if (options.force) q.add("force", "true");
}

// List items come without apiVersion/kind; fill them in from the list ("DeploymentList" → "Deployment").
void fill_item_types(nlohmann::json& list, std::vector<nlohmann::json>& items) {
  const std::string api_version = list.value("apiVersion", "");
  std::string kind = list.value("kind", "");
  if (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "List") == 0) kind.resize(kind.size() - 4);
  for (auto& item : items) {
    if (!item.is_object()) continue;
    if (!item.contains("apiVersion") && !api_version.empty()) item["apiVersion"] = api_version;
    if (!item.contains("kind") && !kind.empty()) item["kind"] = kind;
  }
}

nlohmann::json parse_body(const std::string& body, const std::string& context) {
  if (body.empty()) return nullptr;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw KubeError(context + ": the server answered with invalid JSON");
  return parsed;
}

}  // namespace

const char* patch_content_type(PatchType type) {
  switch (type) {
    case PatchType::Merge: return "application/merge-patch+json";
    case PatchType::Json: return "application/json-patch+json";
    case PatchType::StrategicMerge: return "application/strategic-merge-patch+json";
    case PatchType::Apply: return "application/apply-patch+yaml";
  }
  return "application/merge-patch+json";
}

std::string url_encode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    const bool unreserved =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

RestClient::RestClient(ClientConfig config)
    : transport_(std::make_unique<HttpTransport>(std::move(config))),
      limiter_(transport_->config().qps, transport_->config().burst) {}

RestClient::~RestClient() = default;

const ClientConfig& RestClient::config() const { return transport_->config(); }

void RestClient::set_request_observer(RequestObserver observer) { observer_ = std::move(observer); }
void RestClient::set_observed_calls(DeclaredApiCalls* observed) { observed_calls_ = observed; }

void RestClient::record(const std::string& verb, const GroupVersionResource& gvr, const std::string& subresource,
                        int code, std::chrono::steady_clock::time_point started) const {
  if (observed_calls_ && !gvr.resource.empty()) observed_calls_->declare(ApiCall{verb, gvr.group, gvr.resource, subresource});
  if (observer_) {
    observer_(RequestRecord{verb, gvr, subresource, code, std::chrono::steady_clock::now() - started});
  }
}

nlohmann::json RestClient::call(const std::string& verb, const GroupVersionResource& gvr,
                                 const std::string& subresource, const std::string& method,
                                 const std::string& path_and_query, const std::string& body,
                                 const std::string& content_type) const {
  limiter_.acquire();
  HttpCall request;
  request.method = method;
  request.path_and_query = path_and_query;
  request.body = body;
  request.content_type = content_type;
  request.timeout = config().request_timeout;
  const auto started = std::chrono::steady_clock::now();
  HttpResult result;
  try {
    result = transport_->perform(request);
  } catch (const TransportError&) {
    record(verb, gvr, subresource, 0, started);
    throw;
  }
  record(verb, gvr, subresource, static_cast<int>(result.status), started);
  const std::string context = method + " " + path_and_query;
  if (result.status < 200 || result.status >= 300) {
    throw ApiError::from_response(static_cast<int>(result.status), result.body, context);
  }
  return parse_body(result.body, context);
}

nlohmann::json RestClient::get(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                               const std::string& subresource) const {
  return call("get", gvr, subresource, "GET", gvr.object_path(ns, name, subresource), "", "");
}

std::optional<nlohmann::json> RestClient::get_if_exists(const GroupVersionResource& gvr, const std::string& ns,
                                                        const std::string& name) const {
  try {
    return get(gvr, ns, name);
  } catch (const ApiError& e) {
    if (e.is_not_found()) return std::nullopt;
    throw;
  }
}

ObjectList RestClient::list(const GroupVersionResource& gvr, const std::string& ns, const ListOptions& options) const {
  QueryBuilder q;
  q.add("labelSelector", options.label_selector)
      .add("fieldSelector", options.field_selector)
      .add("resourceVersion", options.resource_version)
      .add("resourceVersionMatch", options.resource_version_match)
      .add("limit", options.limit > 0 ? std::to_string(options.limit) : "")
      .add("continue", options.continue_token);
  nlohmann::json answer = call("list", gvr, "", "GET", gvr.collection_path(ns) + q.str(), "", "");
  if (!answer.is_object() || !answer.contains("items")) {
    throw KubeError("list " + gvr.group_resource() + ": the answer is not a list");
  }
  ObjectList out;
  auto& items = answer["items"];
  if (items.is_array()) {
    out.items.reserve(items.size());
    for (auto& item : items) out.items.push_back(std::move(item));
  }
  fill_item_types(answer, out.items);
  if (auto meta = answer.find("metadata"); meta != answer.end() && meta->is_object()) {
    out.resource_version = meta->value("resourceVersion", "");
    out.continue_token = meta->value("continue", "");
  }
  return out;
}

ObjectList RestClient::list_all(const GroupVersionResource& gvr, const std::string& ns, ListOptions options) const {
  ObjectList all;
  const ListOptions first_page = options;
  while (true) {
    ObjectList page;
    try {
      page = list(gvr, ns, options);
    } catch (const ApiError& e) {
      if (!e.is_gone() || options.continue_token.empty()) throw;
      // The continue token expired mid-way: start again with one unpaged list.
      ListOptions unpaged = first_page;
      unpaged.limit = 0;
      unpaged.continue_token.clear();
      return list(gvr, ns, unpaged);
    }
    for (auto& item : page.items) all.items.push_back(std::move(item));
    all.resource_version = page.resource_version;
    if (page.continue_token.empty()) break;
    options.continue_token = page.continue_token;
  }
  return all;
}

nlohmann::json RestClient::create(const GroupVersionResource& gvr, const std::string& ns, const nlohmann::json& object,
                                  const WriteOptions& options) const {
  QueryBuilder q;
  add_write_options(q, options);
  if (gvr.namespaced && ns.empty()) throw std::invalid_argument("create " + gvr.group_resource() + " needs a namespace");
  return call("create", gvr, "", "POST", gvr.collection_path(ns) + q.str(), object.dump(), "application/json");
}

nlohmann::json RestClient::update(const GroupVersionResource& gvr, const std::string& ns, const nlohmann::json& object,
                                  const WriteOptions& options) const {
  QueryBuilder q;
  add_write_options(q, options);
  return call("update", gvr, "", "PUT", gvr.object_path(ns, object_name(object)) + q.str(), object.dump(),
              "application/json");
}

nlohmann::json RestClient::update_status(const GroupVersionResource& gvr, const std::string& ns,
                                         const nlohmann::json& object, const WriteOptions& options) const {
  QueryBuilder q;
  add_write_options(q, options);
  return call("update", gvr, "status", "PUT", gvr.object_path(ns, object_name(object), "status") + q.str(),
              object.dump(), "application/json");
}

nlohmann::json RestClient::patch(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                                 PatchType type, const nlohmann::json& patch, const WriteOptions& options,
                                 const std::string& subresource) const {
  WriteOptions effective = options;
  if (type == PatchType::Apply && effective.field_manager.empty()) effective.field_manager = config().user_agent;
  QueryBuilder q;
  add_write_options(q, effective);
  return call("patch", gvr, subresource, "PATCH", gvr.object_path(ns, name, subresource) + q.str(), patch.dump(),
              patch_content_type(type));
}

namespace {

std::string delete_body(const DeleteOptions& options) {
  nlohmann::json body = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  if (!options.propagation_policy.empty()) body["propagationPolicy"] = options.propagation_policy;
  if (options.grace_period_seconds) body["gracePeriodSeconds"] = *options.grace_period_seconds;
  if (!options.precondition_uid.empty()) body["preconditions"]["uid"] = options.precondition_uid;
  if (!options.precondition_resource_version.empty()) {
    body["preconditions"]["resourceVersion"] = options.precondition_resource_version;
  }
  if (options.dry_run) body["dryRun"] = {"All"};
  return body.dump();
}

}  // namespace

nlohmann::json RestClient::remove(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                                  const DeleteOptions& options) const {
  return call("delete", gvr, "", "DELETE", gvr.object_path(ns, name), delete_body(options), "application/json");
}

nlohmann::json RestClient::remove_collection(const GroupVersionResource& gvr, const std::string& ns,
                                             const ListOptions& selector, const DeleteOptions& options) const {
  QueryBuilder q;
  q.add("labelSelector", selector.label_selector).add("fieldSelector", selector.field_selector);
  return call("deletecollection", gvr, "", "DELETE", gvr.collection_path(ns) + q.str(), delete_body(options),
              "application/json");
}

void RestClient::watch(const GroupVersionResource& gvr, const std::string& ns, const WatchOptions& options,
                       const std::function<bool(const WatchEvent&)>& on_event, const StopSignal* stop) const {
  if (!limiter_.acquire(stop)) return;
  QueryBuilder q;
  q.add("watch", "true")
      .add("labelSelector", options.label_selector)
      .add("fieldSelector", options.field_selector)
      .add("resourceVersion", options.resource_version)
      .add("allowWatchBookmarks", options.allow_bookmarks ? "true" : "")
      .add("timeoutSeconds", options.timeout_seconds > 0 ? std::to_string(options.timeout_seconds) : "");
  HttpCall request;
  request.method = "GET";
  request.path_and_query = gvr.collection_path(ns) + q.str();
  // The server ends the watch after timeoutSeconds; the client gives it a generous margin on top.
  if (options.timeout_seconds > 0) request.timeout = std::chrono::seconds(options.timeout_seconds + 60);

  WatchStreamDecoder decoder;
  const auto started = std::chrono::steady_clock::now();
  HttpResult result;
  try {
    result = transport_->stream(
        request,
        [&](std::string_view chunk) {
          for (const auto& event : decoder.feed(chunk)) {
            if (!on_event(event)) return false;
          }
          return true;
        },
        stop);
  } catch (const TransportError&) {
    record("watch", gvr, "", 0, started);
    throw;
  }
  record("watch", gvr, "", static_cast<int>(result.status), started);
  if (result.status < 200 || result.status >= 300) {
    throw ApiError::from_response(static_cast<int>(result.status), result.body, "watch " + request.path_and_query);
  }
}

nlohmann::json RestClient::get_path(const std::string& path_and_query) const {
  static const GroupVersionResource kNone{};
  return call("get", kNone, "", "GET", path_and_query, "", "");
}

}  // namespace peregrine::kube
