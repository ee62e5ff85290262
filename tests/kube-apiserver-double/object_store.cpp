// ObjectStore: CRUD with API-server rules, history and watches, garbage collection, test hooks.
#include "tests/kube-apiserver-double/object_store.hpp"

#include <algorithm>
#include <ctime>
#include <random>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/object_defaults.hpp"
#include "tests/kube-apiserver-double/object_validation.hpp"
#include "tests/kube-apiserver-double/patches.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

const std::string kCrdStorageKey = "apiextensions.k8s.io/customresourcedefinitions";
// Where admission webhook configurations are stored: with none of either, writes skip admission entirely.
const std::string kWebhookConfigurationStorageKeys[] = {"admissionregistration.k8s.io/mutatingwebhookconfigurations",
                                                       "admissionregistration.k8s.io/validatingwebhookconfigurations"};
const std::string kNamespaceStorageKey = "/namespaces";
const std::string kForegroundFinalizer = "foregroundDeletion";

std::string now_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::string random_uid() {
  std::uniform_int_distribution<uint64_t> dist;
  const uint64_t a = dist(rng());
  const uint64_t b = dist(rng());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

std::string random_suffix() {
  static constexpr char kChars[] = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<size_t> dist(0, sizeof(kChars) - 2);
  std::string out;
  for (int i = 0; i < 5; ++i) out.push_back(kChars[dist(rng())]);
  return out;
}

json present(const ResourceInfo& info, json object) {
  object["apiVersion"] = info.group_version();
  object["kind"] = info.kind;
  return object;
}

json& metadata_of(json& object) {
  if (!object.contains("metadata") || !object["metadata"].is_object()) object["metadata"] = json::object();
  return object["metadata"];
}

std::string meta_str(const json& object, const char* field) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return "";
  auto it = meta->find(field);
  return it != meta->end() && it->is_string() ? it->get<std::string>() : "";
}

json spec_part(const json& object) {
  json copy = object;
  copy.erase("metadata");
  copy.erase("status");
  copy.erase("apiVersion");
  copy.erase("kind");
  return copy;
}

json owner_refs(const json& object) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return json::array();
  auto it = meta->find("ownerReferences");
  return it != meta->end() && it->is_array() ? *it : json::array();
}

json finalizers_of(const json& object) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return json::array();
  auto it = meta->find("finalizers");
  return it != meta->end() && it->is_array() ? *it : json::array();
}

void check_type(const ResourceInfo& info, json& body) {
  if (!body.is_object()) throw bad_request("the request body must be a JSON object");
  if (auto it = body.find("apiVersion"); it != body.end() && it->is_string() && *it != info.group_version()) {
    throw bad_request("the API version in the data (" + it->get<std::string>() +
                      ") does not match the expected API version (" + info.group_version() + ")");
  }
  if (auto it = body.find("kind"); it != body.end() && it->is_string() && *it != info.kind) {
    throw bad_request("the kind in the data (" + it->get<std::string>() + ") does not match the expected kind (" +
                      info.kind + ")");
  }
  body["apiVersion"] = info.group_version();
  body["kind"] = info.kind;
}

std::string hex_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string hex_decode(const std::string& s) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (s.size() % 2) throw bad_request("invalid continue token");
  std::string out;
  for (size_t i = 0; i < s.size(); i += 2) {
    const int hi = val(s[i]), lo = val(s[i + 1]);
    if (hi < 0 || lo < 0) throw bad_request("invalid continue token");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string base_content_type(const std::string& content_type) {
  std::string ct = content_type.substr(0, content_type.find(';'));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  return ct;
}

}  // namespace

std::string storage_object_key(const ResourceInfo& info, const std::string& ns, const std::string& name) {
  return info.namespaced ? ns + "/" + name : name;
}

ObjectStore::ObjectStore(ResourceCatalog& catalog, StoreOptions options) : catalog_(catalog), options_(options) {
  std::lock_guard lock(mutex_);
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) ensure_namespace_locked(ns);
}

void ObjectStore::ensure_namespace_locked(const std::string& name) {
  auto info = catalog_.find("", "v1", "namespaces");
  if (data_[kNamespaceStorageKey].count(name)) return;
  create_locked(*info, "", json{{"metadata", {{"name", name}}}}, false);
}

std::string ObjectStore::next_cluster_ip() {
  const uint32_t n = next_ip_++;
  return "10.96." + std::to_string((n >> 8) & 0xFF) + "." + std::to_string(n & 0xFF);
}

int ObjectStore::next_node_port() {
  const int port = next_node_port_++;
  if (next_node_port_ > 32767) next_node_port_ = 30000;
  return port;
}

void ObjectStore::require_namespace_locked(const ResourceInfo& info, const std::string& ns) const {
  if (!info.namespaced) return;
  if (ns.empty()) throw bad_request("the namespace of the object must be set for namespaced " + info.plural);
  auto bucket = data_.find(kNamespaceStorageKey);
  if (bucket == data_.end() || bucket->second.count(ns) == 0) throw namespace_not_found(ns);
}

bool ObjectStore::uid_exists_locked(const std::string& uid) const { return uid_index_.count(uid) != 0; }

void ObjectStore::commit_locked(const ResourceInfo& info, const std::string& key, json object, const char* type,
                                const json& previous) {
  const uint64_t rv = ++rv_;
  metadata_of(object)["resourceVersion"] = std::to_string(rv);
  const std::string sk = info.storage_key();
  storage_info_.emplace(sk, info);
  const std::string uid = meta_str(object, "uid");
  if (std::string(type) == "DELETED") {
    data_[sk].erase(key);
    uid_index_.erase(uid);
  } else {
    data_[sk][key] = object;
    if (!uid.empty()) uid_index_[uid] = {sk, key};
  }
  history_.push_back(Event{rv, sk, type, std::move(object), previous});
  while (history_.size() > options_.history_limit) {
    horizon_ = history_.front().rv;
    history_.pop_front();
  }
  changed_.notify_all();
}

json ObjectStore::admit(const AdmissionFacts& facts, json object, const json& old_object,
                        std::vector<std::string>* warnings) const {
  std::vector<std::string> ignored;
  return admission_(facts, std::move(object), old_object, warnings ? *warnings : ignored);
}

json ObjectStore::admission_candidate_locked(const ResourceInfo& info, const std::string& ns, json body,
                                             const json& existing) const {
  check_type(info, body);
  if (info.namespaced) {
    const std::string body_ns = metadata_of(body).value("namespace", "");
    if (!body_ns.empty() && body_ns != ns) {
      throw bad_request("the namespace of the provided object does not match the namespace sent on the request");
    }
    metadata_of(body)["namespace"] = ns;
    require_namespace_locked(info, ns);
  }
  // Services: IP and node port allocation happen after admission in the API server, so no allocators here.
  if (options_.defaulting && info.kind != "Service") apply_defaults(info, body, existing, Allocators{});
  return present(info, std::move(body));
}

bool ObjectStore::admission_wanted_locked() const {
  if (!admission_) return false;
  for (const auto& key : kWebhookConfigurationStorageKeys) {
    auto bucket = data_.find(key);
    if (bucket != data_.end() && !bucket->second.empty()) return true;
  }
  return false;
}

json ObjectStore::create(const ResourceInfo& info, const std::string& ns_in, json body, bool dry_run,
                         std::vector<std::string>* warnings) {
  const std::string ns = info.namespaced ? ns_in : "";
  json candidate;
  {
    std::lock_guard lock(mutex_);
    if (!admission_wanted_locked()) return create_locked(info, ns, std::move(body), dry_run);
    candidate = admission_candidate_locked(info, ns, std::move(body), nullptr);
  }
  const AdmissionFacts facts{info, "", "CREATE", ns, meta_str(candidate, "name"), dry_run};
  body = admit(facts, std::move(candidate), nullptr, warnings);
  std::lock_guard lock(mutex_);
  return create_locked(info, ns, std::move(body), dry_run);
}

json ObjectStore::create_locked(const ResourceInfo& info, const std::string& ns_in, json body, bool dry_run) {
  check_type(info, body);
  json& meta = metadata_of(body);
  const std::string ns = info.namespaced ? ns_in : "";
  if (info.namespaced) {
    const std::string body_ns = meta.value("namespace", "");
    if (!body_ns.empty() && body_ns != ns) {
      throw bad_request("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta["namespace"] = ns;
    require_namespace_locked(info, ns);
  } else {
    meta.erase("namespace");
  }
  std::string name = meta.value("name", "");
  if (name.empty()) {
    const std::string prefix = meta.value("generateName", "");
    if (prefix.empty()) throw invalid(info, "", "metadata.name", "Required value: name or generateName is required");
    name = prefix + random_suffix();
    meta["name"] = name;
  }
  if (!meta.value("resourceVersion", "").empty()) {
    throw bad_request("resourceVersion should not be set on objects to be created");
  }
  const std::string key = storage_object_key(info, ns, name);
  const std::string sk = info.storage_key();
  if (data_[sk].count(key)) throw already_exists(info, name);
  meta.erase("deletionTimestamp");
  meta.erase("deletionGracePeriodSeconds");
  meta.erase("resourceVersion");
  meta.erase("managedFields");
  meta["uid"] = random_uid();
  meta["creationTimestamp"] = now_timestamp();
  if (info.tracks_generation) {
    meta["generation"] = 1;
  } else {
    meta.erase("generation");
  }
  if (info.has_status) body.erase("status");
  if (options_.defaulting) {
    apply_defaults(info, body, nullptr, Allocators{[this] { return next_cluster_ip(); }, [this] { return next_node_port(); }});
  }
  if (options_.validation) validate_object(info, body, nullptr);
  std::vector<ResourceInfo> crd_resources;
  if (sk == kCrdStorageKey) {
    crd_resources = crd_served_resources(body);
    body["status"] = crd_accepted_status(body);
  }
  if (dry_run) return present(info, body);
  commit_locked(info, key, body, "ADDED", nullptr);
  if (!crd_resources.empty()) {
    catalog_.register_crd(crd_resources);
    storage_info_[crd_resources.front().storage_key()] = crd_resources.front();
  }
  json stored = data_[sk][key];
  delete_absent_owner_dependents_locked(info, key);
  return present(info, stored);
}

json ObjectStore::get(const ResourceInfo& info, const std::string& ns, const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto bucket = data_.find(info.storage_key());
  if (bucket != data_.end()) {
    auto it = bucket->second.find(storage_object_key(info, ns, name));
    if (it != bucket->second.end()) return present(info, it->second);
  }
  throw not_found(info, name);
}

ListResult ObjectStore::list(const ResourceInfo& info, const std::string& ns, const ListQuery& query) const {
  std::lock_guard lock(mutex_);
  ListResult result;
  result.resource_version = rv_;
  std::string start_after;
  if (!query.continue_token.empty()) {
    const auto dash = query.continue_token.find('-');
    if (dash == std::string::npos) throw bad_request("invalid continue token");
    uint64_t token_rv = 0;
    try {
      token_rv = std::stoull(query.continue_token.substr(0, dash));
    } catch (const std::exception&) {
      throw bad_request("invalid continue token");
    }
    if (token_rv < horizon_) {
      throw expired("The provided continue parameter is too old to display a consistent list result. You can start "
                    "a new list without the continue parameter.");
    }
    start_after = hex_decode(query.continue_token.substr(dash + 1));
    result.resource_version = token_rv;
  }
  auto bucket = data_.find(info.storage_key());
  if (bucket == data_.end()) return result;
  auto it = start_after.empty() ? bucket->second.begin() : bucket->second.upper_bound(start_after);
  std::string last_key;
  int64_t remaining = 0;
  bool cut = false;
  for (; it != bucket->second.end(); ++it) {
    const json& obj = it->second;
    if (info.namespaced && !ns.empty() && meta_str(obj, "namespace") != ns) continue;
    const json& meta = obj["metadata"];
    if (!query.labels.matches(meta.contains("labels") ? meta["labels"] : json())) continue;
    if (!query.fields.matches(obj)) continue;
    if (cut) {
      ++remaining;
      continue;
    }
    if (query.limit > 0 && static_cast<int64_t>(result.items.size()) == query.limit) {
      cut = true;
      ++remaining;
      continue;
    }
    result.items.push_back(present(info, obj));
    last_key = it->first;
  }
  if (cut) {
    result.continue_token = std::to_string(result.resource_version) + "-" + hex_encode(last_key);
    result.remaining_item_count = remaining;
  }
  return result;
}

json ObjectStore::update(const ResourceInfo& info, const std::string& ns_in, const std::string& name, json body,
                         bool status_subresource, bool dry_run, std::vector<std::string>* warnings) {
  const std::string ns = info.namespaced ? ns_in : "";
  json old;
  json candidate;
  {
    std::lock_guard lock(mutex_);
    if (!admission_wanted_locked()) {
      return update_locked(info, ns, name, std::move(body), status_subresource, dry_run, false);
    }
    auto bucket = data_.find(info.storage_key());
    const std::string key = storage_object_key(info, ns, name);
    if (bucket == data_.end() || bucket->second.count(key) == 0) throw not_found(info, name);
    old = present(info, bucket->second.at(key));
    if (status_subresource) {
      candidate = old;
      candidate["status"] = body.is_object() ? body.value("status", json()) : json();
    } else {
      candidate = admission_candidate_locked(info, ns, std::move(body), old);
    }
  }
  const AdmissionFacts facts{info, status_subresource ? "status" : "", "UPDATE", ns, name, dry_run};
  body = admit(facts, std::move(candidate), old, warnings);
  std::lock_guard lock(mutex_);
  return update_locked(info, ns, name, std::move(body), status_subresource, dry_run, false);
}

json ObjectStore::update_locked(const ResourceInfo& info, const std::string& ns_in, const std::string& name, json body,
                                bool status_subresource, bool dry_run, bool from_patch) {
  const std::string ns = info.namespaced ? ns_in : "";
  const std::string key = storage_object_key(info, ns, name);
  const std::string sk = info.storage_key();
  auto bucket = data_.find(sk);
  if (bucket == data_.end() || bucket->second.count(key) == 0) throw not_found(info, name);
  const json old = bucket->second.at(key);
  check_type(info, body);
  json& meta = metadata_of(body);
  const std::string body_name = meta.value("name", "");
  if (!body_name.empty() && body_name != name) {
    throw bad_request("the name of the object (" + body_name + ") does not match the name on the URL (" + name + ")");
  }
  if (info.namespaced) {
    const std::string body_ns = meta.value("namespace", "");
    if (!body_ns.empty() && body_ns != ns) {
      throw bad_request("the namespace of the provided object does not match the namespace sent on the request");
    }
  }
  const std::string rv = meta.value("resourceVersion", "");
  if (rv.empty()) {
    if (info.is_custom && !from_patch) {
      throw invalid(info, name, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update");
    }
  } else if (rv != meta_str(old, "resourceVersion")) {
    throw conflict(info, name, "the object has been modified; please apply your changes to the latest version and try again");
  }
  const std::string body_uid = meta.value("uid", "");
  if (!body_uid.empty() && body_uid != meta_str(old, "uid")) {
    throw conflict(info, name, "Precondition failed: UID in precondition: " + body_uid + ", UID in object meta: " +
                                   meta_str(old, "uid"));
  }

  json next;
  if (status_subresource) {
    next = old;
    if (body.contains("status")) {
      next["status"] = body["status"];
    } else {
      next.erase("status");
    }
  } else {
    next = body;
    json& next_meta = metadata_of(next);
    const json& old_meta = old["metadata"];
    for (const char* field : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                              "generation", "namespace", "name"}) {
      if (old_meta.contains(field)) {
        next_meta[field] = old_meta[field];
      } else {
        next_meta.erase(field);
      }
    }
    next_meta.erase("managedFields");
    if (info.has_status) {
      if (old.contains("status")) {
        next["status"] = old["status"];
      } else {
        next.erase("status");
      }
    }
    if (old_meta.contains("deletionTimestamp")) {
      const json old_finalizers = finalizers_of(old);
      for (const auto& f : finalizers_of(next)) {
        if (std::find(old_finalizers.begin(), old_finalizers.end(), f) == old_finalizers.end()) {
          throw invalid(info, name, "metadata.finalizers",
                        "Forbidden: no new finalizers can be added if the object is being deleted, found new "
                        "finalizers [" + f.dump() + "]");
        }
      }
    }
  }
  metadata_of(next)["resourceVersion"] = meta_str(old, "resourceVersion");
  if (options_.defaulting) {
    apply_defaults(info, next, old, Allocators{[this] { return next_cluster_ip(); }, [this] { return next_node_port(); }});
  }
  if (info.tracks_generation && spec_part(next) != spec_part(old)) {
    metadata_of(next)["generation"] = old["metadata"].value("generation", 0) + 1;
  }
  if (options_.validation) validate_object(info, next, old);
  std::vector<ResourceInfo> crd_resources;
  if (sk == kCrdStorageKey) {
    crd_resources = crd_served_resources(next);
    next["status"] = crd_accepted_status(next);
    if (old.contains("status") && old["status"].contains("conditions")) {
      next["status"]["conditions"] = old["status"]["conditions"];
    }
  }
  if (next == old) return present(info, old);  // no-op: no new resourceVersion, no event
  if (dry_run) return present(info, next);
  const bool finalized = next["metadata"].contains("deletionTimestamp") && finalizers_of(next).empty();
  commit_locked(info, key, next, "MODIFIED", old);
  json stored = data_[sk][key];
  if (!crd_resources.empty()) catalog_.register_crd(crd_resources);
  if (finalized) {
    final_delete_locked(info, key);
    return present(info, stored);
  }
  delete_absent_owner_dependents_locked(info, key);
  finish_foreground_deletions_locked();
  return present(info, stored);
}

std::pair<json, json> ObjectStore::patched_locked(const ResourceInfo& info, const std::string& ns,
                                                  const std::string& name, const std::string& content_type,
                                                  const json& patch_doc) const {
  const std::string key = storage_object_key(info, ns, name);
  auto bucket = data_.find(info.storage_key());
  if (bucket == data_.end() || bucket->second.count(key) == 0) throw not_found(info, name);
  json current = present(info, bucket->second.at(key));
  const std::string ct = base_content_type(content_type);
  json merged;
  if (ct == "application/merge-patch+json") {
    merged = apply_merge_patch(current, patch_doc);
  } else if (ct == "application/json-patch+json") {
    merged = apply_json_patch(current, patch_doc);
  } else if (ct == "application/strategic-merge-patch+json") {
    if (info.is_custom) throw unsupported_media_type(ct + " (strategic merge patch is not supported for custom resources)");
    merged = apply_strategic_merge_patch(current, patch_doc);
  } else {
    throw unsupported_media_type(ct);
  }
  return {std::move(current), std::move(merged)};
}

json ObjectStore::patch(const ResourceInfo& info, const std::string& ns_in, const std::string& name,
                        const std::string& content_type, const json& patch_doc, bool status_subresource, bool dry_run,
                        std::vector<std::string>* warnings) {
  const std::string ns = info.namespaced ? ns_in : "";
  if (std::lock_guard lock(mutex_); !admission_wanted_locked()) {
    json merged = patched_locked(info, ns, name, content_type, patch_doc).second;
    return update_locked(info, ns, name, std::move(merged), status_subresource, dry_run, true);
  }
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    json current;
    json candidate;
    {
      std::lock_guard lock(mutex_);
      auto [stored, merged] = patched_locked(info, ns, name, content_type, patch_doc);
      current = std::move(stored);
      candidate = status_subresource ? merged : admission_candidate_locked(info, ns, std::move(merged), current);
    }
    std::vector<std::string> attempt_warnings;
    const AdmissionFacts facts{info, status_subresource ? "status" : "", "UPDATE", ns, name, dry_run};
    json admitted = admit(facts, std::move(candidate), current, &attempt_warnings);
    std::lock_guard lock(mutex_);
    // The patch was computed against `current`; if the object moved on meanwhile, start over (as the API server
    // does), unless the caller pinned a resourceVersion — then the update below answers 409.
    const std::string current_rv = meta_str(current, "resourceVersion");
    const bool pinned = meta_str(admitted, "resourceVersion") != current_rv;
    const auto bucket = data_.find(info.storage_key());
    const std::string key = storage_object_key(info, ns, name);
    const bool moved = bucket == data_.end() || bucket->second.count(key) == 0 ||
                       meta_str(bucket->second.at(key), "resourceVersion") != current_rv;
    if (moved && !pinned && attempt < kAttempts) continue;
    if (warnings) warnings->insert(warnings->end(), attempt_warnings.begin(), attempt_warnings.end());
    return update_locked(info, ns, name, std::move(admitted), status_subresource, dry_run, true);
  }
}

std::vector<std::pair<ResourceInfo, std::string>> ObjectStore::dependents_locked(const std::string& owner_uid) const {
  std::vector<std::pair<ResourceInfo, std::string>> out;
  if (owner_uid.empty()) return out;
  for (const auto& [sk, bucket] : data_) {
    auto info = storage_info_.find(sk);
    if (info == storage_info_.end()) continue;
    for (const auto& [key, obj] : bucket) {
      for (const auto& ref : owner_refs(obj)) {
        if (ref.is_object() && ref.value("uid", "") == owner_uid) {
          out.emplace_back(info->second, key);
          break;
        }
      }
    }
  }
  return out;
}

json ObjectStore::remove(const ResourceInfo& info, const std::string& ns_in, const std::string& name,
                         const DeleteRequest& request) {
  std::lock_guard lock(mutex_);
  const std::string ns = info.namespaced ? ns_in : "";
  return remove_locked(info, storage_object_key(info, ns, name), request);
}

json ObjectStore::remove_locked(const ResourceInfo& info, const std::string& key, const DeleteRequest& request) {
  const std::string sk = info.storage_key();
  auto bucket = data_.find(sk);
  const std::string name = key.substr(key.find('/') == std::string::npos ? 0 : key.find('/') + 1);
  if (bucket == data_.end() || bucket->second.count(key) == 0) throw not_found(info, name);
  json obj = bucket->second.at(key);
  const std::string uid = meta_str(obj, "uid");
  if (!request.precondition_uid.empty() && request.precondition_uid != uid) {
    throw conflict(info, name, "Precondition failed: UID in precondition: " + request.precondition_uid +
                                   ", UID in object meta: " + uid);
  }
  const std::string rv = meta_str(obj, "resourceVersion");
  if (!request.precondition_resource_version.empty() && request.precondition_resource_version != rv) {
    throw conflict(info, name, "Precondition failed: ResourceVersion in precondition: " +
                                   request.precondition_resource_version + ", ResourceVersion in object meta: " + rv);
  }
  if (request.dry_run) return present(info, obj);

  if (sk == kNamespaceStorageKey) {
    // Namespace deletion removes its content first (synchronously here).
    const std::string prefix = name + "/";
    for (auto& [other_sk, other_bucket] : data_) {
      auto other_info = storage_info_.find(other_sk);
      if (other_info == storage_info_.end() || !other_info->second.namespaced) continue;
      std::vector<std::string> keys;
      for (const auto& [k, o] : other_bucket) {
        if (k.compare(0, prefix.size(), prefix) == 0) keys.push_back(k);
      }
      for (const auto& k : keys) {
        if (other_bucket.count(k)) final_delete_locked(other_info->second, k);
      }
    }
    final_delete_locked(info, key);
    return present(info, obj);
  }
  if (sk == kCrdStorageKey) {
    const std::string cr_storage = catalog_.unregister_crd(name);
    if (!cr_storage.empty() && data_.count(cr_storage)) {
      auto cr_info = storage_info_.find(cr_storage);
      std::vector<std::string> keys;
      for (const auto& [k, o] : data_[cr_storage]) keys.push_back(k);
      for (const auto& k : keys) {
        if (cr_info != storage_info_.end() && data_[cr_storage].count(k)) final_delete_locked(cr_info->second, k);
      }
    }
    final_delete_locked(info, key);
    return present(info, obj);
  }

  if (obj["metadata"].contains("deletionTimestamp")) return present(info, obj);  // already being deleted

  const auto dependents = dependents_locked(uid);
  if (request.propagation == Propagation::Orphan) {
    for (const auto& [dep_info, dep_key] : dependents) {
      json dep = data_[dep_info.storage_key()][dep_key];
      json kept = json::array();
      for (const auto& ref : owner_refs(dep)) {
        if (ref.value("uid", "") != uid) kept.push_back(ref);
      }
      const json before = dep;
      if (kept.empty()) {
        dep["metadata"].erase("ownerReferences");
      } else {
        dep["metadata"]["ownerReferences"] = kept;
      }
      commit_locked(dep_info, dep_key, dep, "MODIFIED", before);
    }
  }
  json finalizers = finalizers_of(obj);
  const bool foreground = request.propagation == Propagation::Foreground && !dependents.empty();
  if (foreground && std::find(finalizers.begin(), finalizers.end(), kForegroundFinalizer) == finalizers.end()) {
    finalizers.push_back(kForegroundFinalizer);
  }
  if (!finalizers.empty()) {
    const json before = obj;
    obj["metadata"]["finalizers"] = finalizers;
    obj["metadata"]["deletionTimestamp"] = now_timestamp();
    obj["metadata"]["deletionGracePeriodSeconds"] = 0;
    commit_locked(info, key, obj, "MODIFIED", before);
    json marked = data_[sk][key];
    if (foreground) {
      foreground_pending_[uid] = {sk, key};
      for (const auto& [dep_info, dep_key] : dependents) {
        if (data_[dep_info.storage_key()].count(dep_key)) {
          DeleteRequest cascade;
          cascade.propagation = Propagation::Foreground;
          remove_locked(dep_info, dep_key, cascade);
        }
      }
      finish_foreground_deletions_locked();
    }
    if (data_[sk].count(key)) return present(info, data_[sk][key]);
    return present(info, marked);
  }
  final_delete_locked(info, key);
  return present(info, obj);
}

void ObjectStore::final_delete_locked(const ResourceInfo& info, const std::string& key) {
  const std::string sk = info.storage_key();
  auto bucket = data_.find(sk);
  if (bucket == data_.end() || bucket->second.count(key) == 0) return;
  json obj = bucket->second.at(key);
  const std::string uid = meta_str(obj, "uid");
  commit_locked(info, key, obj, "DELETED", nullptr);
  foreground_pending_.erase(uid);
  collect_garbage_locked(uid, Propagation::Background);
  finish_foreground_deletions_locked();
}

void ObjectStore::collect_garbage_locked(const std::string& owner_uid, Propagation propagation) {
  for (const auto& [dep_info, dep_key] : dependents_locked(owner_uid)) {
    auto bucket = data_.find(dep_info.storage_key());
    if (bucket == data_.end() || bucket->second.count(dep_key) == 0) continue;
    json dep = bucket->second.at(dep_key);
    json remaining = json::array();
    bool other_owner_alive = false;
    for (const auto& ref : owner_refs(dep)) {
      const std::string ref_uid = ref.value("uid", "");
      if (ref_uid == owner_uid) continue;
      remaining.push_back(ref);
      if (uid_exists_locked(ref_uid)) other_owner_alive = true;
    }
    if (other_owner_alive) {
      const json before = dep;
      dep["metadata"]["ownerReferences"] = remaining;
      commit_locked(dep_info, dep_key, dep, "MODIFIED", before);
    } else {
      DeleteRequest cascade;
      cascade.propagation = propagation;
      remove_locked(dep_info, dep_key, cascade);
    }
  }
}

void ObjectStore::finish_foreground_deletions_locked() {
  if (finishing_foreground_) {
    finish_again_ = true;
    return;
  }
  finishing_foreground_ = true;
  do {
    finish_again_ = false;
    const auto pending = foreground_pending_;
    for (const auto& [uid, where] : pending) {
      auto bucket = data_.find(where.first);
      if (bucket == data_.end() || bucket->second.count(where.second) == 0) {
        foreground_pending_.erase(uid);
        continue;
      }
      bool blocked = false;
      for (const auto& [dep_info, dep_key] : dependents_locked(uid)) {
        for (const auto& ref : owner_refs(data_[dep_info.storage_key()][dep_key])) {
          if (ref.value("uid", "") == uid && ref.value("blockOwnerDeletion", false)) blocked = true;
        }
      }
      if (blocked) continue;
      foreground_pending_.erase(uid);
      json owner = bucket->second.at(where.second);
      const json before = owner;
      json kept = json::array();
      for (const auto& f : finalizers_of(owner)) {
        if (f != kForegroundFinalizer) kept.push_back(f);
      }
      const auto info = storage_info_.at(where.first);
      if (kept.empty()) {
        owner["metadata"].erase("finalizers");
        commit_locked(info, where.second, owner, "MODIFIED", before);
        final_delete_locked(info, where.second);
      } else {
        owner["metadata"]["finalizers"] = kept;
        commit_locked(info, where.second, owner, "MODIFIED", before);
      }
    }
  } while (finish_again_);
  finishing_foreground_ = false;
}

void ObjectStore::delete_absent_owner_dependents_locked(const ResourceInfo& info, const std::string& key) {
  auto bucket = data_.find(info.storage_key());
  if (bucket == data_.end() || bucket->second.count(key) == 0) return;
  const json refs = owner_refs(bucket->second.at(key));
  if (refs.empty()) return;
  for (const auto& ref : refs) {
    if (uid_exists_locked(ref.value("uid", ""))) return;
  }
  // Every owner is gone: the garbage collector deletes the dependent.
  remove_locked(info, key, DeleteRequest{});
}

json ObjectStore::remove_collection(const ResourceInfo& info, const std::string& ns, const ListQuery& query,
                                    const DeleteRequest& request) {
  ListQuery all = query;
  all.limit = 0;
  all.continue_token.clear();
  const ListResult matching = list(info, ns, all);
  std::lock_guard lock(mutex_);
  json items = json::array();
  for (const auto& obj : matching.items) {
    const std::string key = storage_object_key(info, meta_str(obj, "namespace"), meta_str(obj, "name"));
    auto bucket = data_.find(info.storage_key());
    if (bucket == data_.end() || bucket->second.count(key) == 0) continue;
    items.push_back(remove_locked(info, key, request));
  }
  return {{"kind", info.kind + "List"},
          {"apiVersion", info.group_version()},
          {"metadata", {{"resourceVersion", std::to_string(rv_)}}},
          {"items", items}};
}

void ObjectStore::watch(const WatchRequest& request, const WatchSink& sink) {
  const ResourceInfo& info = request.info;
  const std::string sk = info.storage_key();
  auto matches = [&](const json& obj) {
    if (!obj.is_object()) return false;
    if (info.namespaced && !request.ns.empty() && meta_str(obj, "namespace") != request.ns) return false;
    const json& meta = obj["metadata"];
    return request.labels.matches(meta.contains("labels") ? meta["labels"] : json()) && request.fields.matches(obj);
  };
  auto line = [&](const char* type, const json& obj) {
    return json{{"type", type}, {"object", present(info, obj)}}.dump() + "\n";
  };
  auto error_line = [&](const std::string& message) {
    return json{{"type", "ERROR"}, {"object", make_status(410, "Expired", message)}}.dump() + "\n";
  };

  std::unique_lock lock(mutex_);
  if (shutting_down_) return;
  ++live_watches_;
  struct Leave {
    ObjectStore* self;
    ~Leave() { --self->live_watches_; }
  } leave{this};

  std::vector<std::string> pending;
  uint64_t cursor = 0;
  if (request.resource_version.empty() || request.resource_version == "0") {
    if (auto bucket = data_.find(sk); bucket != data_.end()) {
      for (const auto& [key, obj] : bucket->second) {
        if (matches(obj)) pending.push_back(line("ADDED", obj));
      }
    }
    cursor = rv_;
  } else {
    cursor = std::stoull(request.resource_version);
  }
  const uint64_t my_drop_epoch = drop_epoch_;
  uint64_t my_bookmark_epoch = bookmark_epoch_;
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  auto last_bookmark = std::chrono::steady_clock::now();

  while (true) {
    if (!pending.empty()) {
      std::vector<std::string> to_write;
      to_write.swap(pending);
      lock.unlock();
      for (const auto& l : to_write) {
        if (!sink.write(l)) {
          lock.lock();
          return;
        }
      }
      lock.lock();
    }
    if (shutting_down_ || drop_epoch_ != my_drop_epoch) return;
    if (cursor < horizon_) {
      const std::string message = "too old resource version: " + std::to_string(cursor) + " (" +
                                  std::to_string(horizon_) + ")";
      lock.unlock();
      sink.write(error_line(message));
      lock.lock();
      return;
    }
    // Events after the cursor (history is ordered by resourceVersion).
    auto first = std::upper_bound(history_.begin(), history_.end(), cursor,
                                  [](uint64_t rv, const Event& e) { return rv < e.rv; });
    for (auto it = first; it != history_.end(); ++it) {
      if (it->storage_key != sk) continue;
      const bool now_matches = matches(it->object);
      if (it->type == "MODIFIED") {
        const bool before_matched = matches(it->previous);
        if (now_matches && before_matched) {
          pending.push_back(line("MODIFIED", it->object));
        } else if (now_matches) {
          pending.push_back(line("ADDED", it->object));
        } else if (before_matched) {
          pending.push_back(line("DELETED", it->object));
        }
      } else if (now_matches) {
        pending.push_back(line(it->type.c_str(), it->object));
      }
    }
    cursor = std::max(cursor, rv_);
    const auto now = std::chrono::steady_clock::now();
    if (request.bookmarks &&
        (bookmark_epoch_ != my_bookmark_epoch || now - last_bookmark >= options_.bookmark_interval)) {
      my_bookmark_epoch = bookmark_epoch_;
      last_bookmark = now;
      pending.push_back(json{{"type", "BOOKMARK"},
                             {"object",
                              {{"kind", info.kind},
                               {"apiVersion", info.group_version()},
                               {"metadata", {{"resourceVersion", std::to_string(cursor)}}}}}}
                            .dump() +
                        "\n");
    }
    if (!pending.empty()) continue;
    if (now >= deadline) return;
    lock.unlock();
    const bool alive = sink.client_alive();
    lock.lock();
    if (!alive) return;
    auto wake = std::min(deadline, now + std::chrono::milliseconds(200));
    changed_.wait_until(lock, wake);
  }
}

void ObjectStore::compact() {
  std::lock_guard lock(mutex_);
  ++rv_;
  horizon_ = rv_;
  history_.clear();
  changed_.notify_all();
}

void ObjectStore::drop_watches() {
  std::lock_guard lock(mutex_);
  ++drop_epoch_;
  changed_.notify_all();
}

void ObjectStore::send_bookmarks() {
  std::lock_guard lock(mutex_);
  ++bookmark_epoch_;
  changed_.notify_all();
}

void ObjectStore::shutdown() {
  std::lock_guard lock(mutex_);
  shutting_down_ = true;
  changed_.notify_all();
}

void ObjectStore::resume() {
  std::lock_guard lock(mutex_);
  shutting_down_ = false;
}

uint64_t ObjectStore::resource_version() const {
  std::lock_guard lock(mutex_);
  return rv_;
}

size_t ObjectStore::object_count() const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& [sk, bucket] : data_) n += bucket.size();
  return n;
}

size_t ObjectStore::live_watches() const {
  std::lock_guard lock(mutex_);
  return live_watches_;
}

}  // namespace peregrine::kubedouble
