// RestClient: typed-by-path access to any Kubernetes resource with objects as nlohmann::json. get / list (label
// and field selectors, resourceVersion, limit/continue paging) / create / update / patch (merge, JSON patch,
// strategic merge, server-side apply) / delete (propagationPolicy, preconditions) / status subresource / watch
// streaming. Every call passes the client-side token bucket (qps/burst). Non-2xx answers throw ApiError, transport
// failures TransportError. Thread-safe: share one instance between informers, workers and the elector.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "operator/kube/api_error.hpp"
#include "operator/kube/client_config.hpp"
#include "operator/kube/declared_api_calls.hpp"
#include "operator/kube/group_version_resource.hpp"
#include "operator/kube/rate_limiter.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/kube/watch_event.hpp"

namespace peregrine::kube {

class HttpTransport;

struct ListOptions {
  std::string label_selector;          // "app=jaeger,tier in (a,b),!legacy"
  std::string field_selector;          // "metadata.name=x"
  std::string resource_version;        // "" = most recent; "0" = any cached state
  std::string resource_version_match;  // "", "NotOlderThan", "Exact"
  int64_t limit = 0;                   // page size; 0 = everything in one answer
  std::string continue_token;
};

struct WatchOptions {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;  // watch changes after this version; "" / "0" start with synthetic ADDED events
  bool allow_bookmarks = true;
  int timeout_seconds = 0;  // server-side watch duration; 0 = server default
};

struct ObjectList {
  std::vector<nlohmann::json> items;  // each with apiVersion and kind filled in from the list
  std::string resource_version;       // the list's metadata.resourceVersion (start watches here)
  std::string continue_token;         // non-empty when more pages remain
};

enum class PatchType { Merge, Json, StrategicMerge, Apply };
// "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json",
// "application/apply-patch+yaml".
const char* patch_content_type(PatchType type);

struct WriteOptions {
  std::string field_manager;     // fieldManager (required by the server for Apply; defaulted to the user agent)
  bool force = false;            // Apply: take ownership of conflicting fields
  bool dry_run = false;          // dryRun=All
  std::string field_validation;  // "", "Ignore", "Warn", "Strict"
};

struct DeleteOptions {
  std::string propagation_policy;  // "", "Orphan", "Background", "Foreground"
  std::optional<int64_t> grace_period_seconds;
  std::string precondition_uid;
  std::string precondition_resource_version;
  bool dry_run = false;
};

// One finished API call, for metrics and logs.
struct RequestRecord {
  std::string verb;  // Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection
  GroupVersionResource gvr;
  std::string subresource;
  int code = 0;  // HTTP code; 0 when the transport failed
  std::chrono::nanoseconds duration{0};
};
using RequestObserver = std::function<void(const RequestRecord&)>;

class RestClient {
 public:
  explicit RestClient(ClientConfig config);
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  const ClientConfig& config() const;

  // Call before sharing the client: observer of every finished call; optional log of the calls actually made.
  void set_request_observer(RequestObserver observer);
  void set_observed_calls(DeclaredApiCalls* observed);

  nlohmann::json get(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                     const std::string& subresource = "") const;
  // nullopt on 404; other errors throw.
  std::optional<nlohmann::json> get_if_exists(const GroupVersionResource& gvr, const std::string& ns,
                                              const std::string& name) const;

  // One page. For namespaced resources ns "" lists across all namespaces.
  ObjectList list(const GroupVersionResource& gvr, const std::string& ns, const ListOptions& options = {}) const;
  // Every page (following continue tokens; restarts unpaged when a continue token expires).
  ObjectList list_all(const GroupVersionResource& gvr, const std::string& ns, ListOptions options = {}) const;

  nlohmann::json create(const GroupVersionResource& gvr, const std::string& ns, const nlohmann::json& object,
                        const WriteOptions& options = {}) const;
  // PUT; the name comes from object.metadata.name; metadata.resourceVersion (when set) is the precondition.
  nlohmann::json update(const GroupVersionResource& gvr, const std::string& ns, const nlohmann::json& object,
                        const WriteOptions& options = {}) const;
  // PUT to the status subresource.
  nlohmann::json update_status(const GroupVersionResource& gvr, const std::string& ns, const nlohmann::json& object,
                               const WriteOptions& options = {}) const;
  // PATCH with the given patch document (a JSON array for PatchType::Json; JSON is valid YAML for Apply).
  nlohmann::json patch(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                       PatchType type, const nlohmann::json& patch, const WriteOptions& options = {},
                       const std::string& subresource = "") const;
  // DELETE; returns the server's answer (the object, possibly with deletionTimestamp, or a Status).
  nlohmann::json remove(const GroupVersionResource& gvr, const std::string& ns, const std::string& name,
                        const DeleteOptions& options = {}) const;
  // DELETE on the collection (deletecollection) limited by the list options' selectors.
  nlohmann::json remove_collection(const GroupVersionResource& gvr, const std::string& ns,
                                   const ListOptions& selector, const DeleteOptions& options = {}) const;

  // Streams watch events to on_event until the server closes the watch (returns normally), on_event returns
  // false, or `stop` fires. ERROR events are delivered to on_event. A failed watch request throws ApiError;
  // a broken connection throws TransportError.
  void watch(const GroupVersionResource& gvr, const std::string& ns, const WatchOptions& options,
             const std::function<bool(const WatchEvent&)>& on_event, const StopSignal* stop = nullptr) const;

  // GET of an arbitrary API path ("/version", "/apis"), JSON answer.
  nlohmann::json get_path(const std::string& path_and_query) const;

 private:
  nlohmann::json call(const std::string& verb, const GroupVersionResource& gvr, const std::string& subresource,
                      const std::string& method, const std::string& path_and_query, const std::string& body,
                      const std::string& content_type) const;
  void record(const std::string& verb, const GroupVersionResource& gvr, const std::string& subresource, int code,
              std::chrono::steady_clock::time_point started) const;

  std::unique_ptr<HttpTransport> transport_;
  mutable TokenBucket limiter_;
  RequestObserver observer_;
  DeclaredApiCalls* observed_calls_ = nullptr;
};

// Query-string encoding (percent-encodes everything but unreserved characters).
std::string url_encode(const std::string& value);

}  // namespace peregrine::kube
