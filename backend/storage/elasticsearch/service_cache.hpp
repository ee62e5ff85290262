// ServiceCache: remembers which service:operation documents are already in their service index so each is
// written once per index and TTL instead of once per span. Unlike Jaeger's cache (keyed by service and
// operation only, 12h TTL), the key includes the target index, and the whole cache is cleared when the
// concrete write index behind the write alias changes (es-rollover rolled over). So every new daily/hourly
// index and every rolled-over index receives the services that keep sending spans, and services never vanish
// from the UI when old indices are deleted or leave the read alias.
#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace peregrine::storage::elasticsearch {

class ServiceCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ServiceCache(std::chrono::seconds ttl, size_t max_entries = 100'000) : ttl_(ttl), max_entries_(max_entries) {}

  static std::string key(std::string_view index, std::string_view service, std::string_view operation);

  // true when the key was absent (or expired): the caller writes the document; the key is now present.
  bool insert_if_absent(const std::string& key, Clock::time_point now = Clock::now());
  // The same for several keys under one lock; result[i] is for keys[i].
  std::vector<bool> insert_if_absent(const std::vector<std::string>& keys, Clock::time_point now = Clock::now());
  // The document was not stored after all: forget the key so the next span writes it again.
  void erase(const std::string& key);
  void clear();
  // Records the concrete index span documents go to; clears the cache when it changed.
  void observe_write_index(const std::string& concrete_index);

 private:
  bool insert_locked(const std::string& key, Clock::time_point now);

  std::chrono::seconds ttl_;
  size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Clock::time_point> expiry_;
  std::string write_index_;
};

}  // namespace peregrine::storage::elasticsearch
