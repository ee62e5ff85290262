// ObjectStore: the double's in-memory etcd + registry. Objects by storage key (group/plural) and
// "namespace/name"; one global resourceVersion counter; a bounded history of change events feeding watches;
// create/get/list/update/patch/delete with the API server's rules (409 on stale resourceVersion, status
// subresource split, generation bumps on spec changes, defaulting and validation, finalizers and
// deletionTimestamp, owner-reference garbage collection in Background/Foreground/Orphan modes, namespace
// deletion, CRD registration), and test hooks (compaction → 410, dropping watches, forced bookmarks).
// Approximations: lists are not snapshots (continue tokens page over the live state), DELETE cascades and
// garbage collection run synchronously inside the request, graceful pod termination is not modelled.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/admission_facts.hpp"
#include "tests/kube-apiserver-double/field_selector.hpp"
#include "tests/kube-apiserver-double/label_selector.hpp"
#include "tests/kube-apiserver-double/resource_catalog.hpp"
#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

struct StoreOptions {
  size_t history_limit = 10000;                       // events kept for watches; older resourceVersions get 410
  std::chrono::milliseconds bookmark_interval{2000};  // for watches with allowWatchBookmarks=true
  bool defaulting = true;
  bool validation = true;
};

struct ListQuery {
  LabelSelector labels;
  FieldSelector fields;
  int64_t limit = 0;
  std::string continue_token;
};

struct ListResult {
  std::vector<nlohmann::json> items;
  uint64_t resource_version = 0;
  std::string continue_token;
  int64_t remaining_item_count = -1;  // set when a page was cut
};

enum class Propagation { Background, Foreground, Orphan };

struct DeleteRequest {
  Propagation propagation = Propagation::Background;
  std::string precondition_uid;
  std::string precondition_resource_version;
  bool dry_run = false;
};

struct WatchRequest {
  ResourceInfo info;
  std::string ns;  // "" = all namespaces
  LabelSelector labels;
  FieldSelector fields;
  std::string resource_version;  // "", "0" or a number (validated by the caller)
  bool bookmarks = false;
  std::chrono::seconds timeout{1800};
};

// Where a watch writes: each call gets one complete event line; returns false once the client is gone.
struct WatchSink {
  std::function<bool(const std::string& line)> write;
  std::function<bool()> client_alive;
};

// Admission: called without the store's lock before a create or an update is stored, with the object as it would
// be stored (defaulted; Services before IP/port allocation, which the API server also does after admission) and
// the stored object on updates. Returns the object to store, or throws ApiServerError to refuse the request.
// `warnings` collects what the client should be told.
using AdmissionHook = std::function<nlohmann::json(const AdmissionFacts& facts, nlohmann::json object,
                                                   const nlohmann::json& old_object, std::vector<std::string>& warnings)>;

class ObjectStore {
 public:
  ObjectStore(ResourceCatalog& catalog, StoreOptions options = {});

  // Set once before serving.
  void set_admission(AdmissionHook hook) { admission_ = std::move(hook); }

  // Each throws ApiServerError on refusal. Objects come back with apiVersion/kind of the requested version.
  // Writes go through admission (when set); `warnings` (optional) receives its warnings.
  nlohmann::json create(const ResourceInfo& info, const std::string& ns, nlohmann::json body, bool dry_run,
                        std::vector<std::string>* warnings = nullptr);
  nlohmann::json get(const ResourceInfo& info, const std::string& ns, const std::string& name) const;
  ListResult list(const ResourceInfo& info, const std::string& ns, const ListQuery& query) const;
  nlohmann::json update(const ResourceInfo& info, const std::string& ns, const std::string& name,
                        nlohmann::json body, bool status_subresource, bool dry_run,
                        std::vector<std::string>* warnings = nullptr);
  // content_type selects merge / json / strategic-merge patch. With admission, a patch whose object changed
  // while its webhooks ran is re-applied to the new state (as the API server retries), unless the patch itself
  // carries a resourceVersion precondition.
  nlohmann::json patch(const ResourceInfo& info, const std::string& ns, const std::string& name,
                       const std::string& content_type, const nlohmann::json& patch, bool status_subresource,
                       bool dry_run, std::vector<std::string>* warnings = nullptr);
  nlohmann::json remove(const ResourceInfo& info, const std::string& ns, const std::string& name,
                        const DeleteRequest& request);
  // Deletes every object matching the query; returns them as a list.
  nlohmann::json remove_collection(const ResourceInfo& info, const std::string& ns, const ListQuery& query,
                                   const DeleteRequest& request);

  // Streams events to the sink until the timeout, the client leaves, a hook ends it, or shutdown().
  // A resourceVersion older than the retained history produces one ERROR event (410 Expired).
  void watch(const WatchRequest& request, const WatchSink& sink);

  // Test hooks.
  void compact();         // forget all history: live watches and later watches from older versions get 410
  void drop_watches();    // end every live watch cleanly (clients resume from their last resourceVersion)
  void send_bookmarks();  // every bookmark-enabled watch sends a BOOKMARK now
  void shutdown();        // end watches (server stopping)
  void resume();          // accept watches again after shutdown() (server restarted)

  uint64_t resource_version() const;
  size_t object_count() const;
  size_t live_watches() const;

 private:
  struct Event {
    uint64_t rv;
    std::string storage_key;
    std::string type;  // ADDED / MODIFIED / DELETED
    nlohmann::json object;
    nlohmann::json previous;  // MODIFIED: the object before the change
  };
  using Bucket = std::map<std::string, nlohmann::json>;  // "ns/name" or "name" → object

  // Admission runs only when a hook is set and some webhook configuration is stored.
  bool admission_wanted_locked() const;
  nlohmann::json admit(const AdmissionFacts& facts, nlohmann::json object, const nlohmann::json& old_object,
                       std::vector<std::string>* warnings) const;
  // The stored object as presented, and the patch applied to it.
  std::pair<nlohmann::json, nlohmann::json> patched_locked(const ResourceInfo& info, const std::string& ns,
                                                           const std::string& name, const std::string& content_type,
                                                           const nlohmann::json& patch) const;
  // The object as admission sees it: namespace settled, defaults applied.
  nlohmann::json admission_candidate_locked(const ResourceInfo& info, const std::string& ns, nlohmann::json body,
                                            const nlohmann::json& existing) const;

  // All *_locked helpers expect mutex_ held.
  nlohmann::json create_locked(const ResourceInfo& info, const std::string& ns, nlohmann::json body, bool dry_run);
  nlohmann::json update_locked(const ResourceInfo& info, const std::string& ns, const std::string& name,
                               nlohmann::json body, bool status_subresource, bool dry_run, bool from_patch);
  nlohmann::json remove_locked(const ResourceInfo& info, const std::string& key, const DeleteRequest& request);
  void final_delete_locked(const ResourceInfo& info, const std::string& key);
  void commit_locked(const ResourceInfo& info, const std::string& key, nlohmann::json object, const char* type,
                     const nlohmann::json& previous);
  void collect_garbage_locked(const std::string& owner_uid, Propagation propagation);
  void finish_foreground_deletions_locked();
  void delete_absent_owner_dependents_locked(const ResourceInfo& info, const std::string& key);
  bool uid_exists_locked(const std::string& uid) const;
  std::vector<std::pair<ResourceInfo, std::string>> dependents_locked(const std::string& owner_uid) const;
  void require_namespace_locked(const ResourceInfo& info, const std::string& ns) const;
  void ensure_namespace_locked(const std::string& name);
  std::string next_cluster_ip();
  int next_node_port();

  ResourceCatalog& catalog_;
  const StoreOptions options_;
  AdmissionHook admission_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, Bucket> data_;
  std::map<std::string, ResourceInfo> storage_info_;  // storage key → a ResourceInfo (for GC and hooks)
  std::deque<Event> history_;
  uint64_t rv_ = 1;
  uint64_t horizon_ = 0;  // watching from a resourceVersion below this is 410 Expired
  uint64_t drop_epoch_ = 0;
  uint64_t bookmark_epoch_ = 0;
  bool shutting_down_ = false;
  size_t live_watches_ = 0;
  std::map<std::string, std::pair<std::string, std::string>> uid_index_;  // uid → {storage key, object key}
  std::map<std::string, std::pair<std::string, std::string>> foreground_pending_;  // owners awaiting dependents
  bool finishing_foreground_ = false;
  bool finish_again_ = false;
  uint32_t next_ip_ = 10;
  int next_node_port_ = 30000;
};

// "ns/name" for namespaced objects, "name" otherwise.
std::string storage_object_key(const ResourceInfo& info, const std::string& ns, const std::string& name);

}  // namespace peregrine::kubedouble
