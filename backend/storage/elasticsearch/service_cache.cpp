// Service:operation write cache (see service_cache.hpp).
#include "backend/storage/elasticsearch/service_cache.hpp"

namespace peregrine::storage::elasticsearch {

std::string ServiceCache::key(std::string_view index, std::string_view service, std::string_view operation) {
  std::string k;
  k.reserve(index.size() + service.size() + operation.size() + 2);
  k.append(index);
  k.push_back('\0');
  k.append(service);
  k.push_back('\0');
  k.append(operation);
  return k;
}

bool ServiceCache::insert_if_absent(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  return insert_locked(key, now);
}

std::vector<bool> ServiceCache::insert_if_absent(const std::vector<std::string>& keys, Clock::time_point now) {
  std::vector<bool> out(keys.size());
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < keys.size(); ++i) out[i] = insert_locked(keys[i], now);
  return out;
}

bool ServiceCache::insert_locked(const std::string& key, Clock::time_point now) {
  auto it = expiry_.find(key);
  if (it != expiry_.end() && it->second > now) return false;
  if (it == expiry_.end() && expiry_.size() >= max_entries_) {
    // Bounded memory: drop expired entries, or everything when none expired (documents are simply rewritten).
    for (auto e = expiry_.begin(); e != expiry_.end();) e = e->second <= now ? expiry_.erase(e) : std::next(e);
    if (expiry_.size() >= max_entries_) expiry_.clear();
  }
  expiry_[key] = now + ttl_;
  return true;
}

void ServiceCache::erase(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  expiry_.erase(key);
}

void ServiceCache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  expiry_.clear();
}

void ServiceCache::observe_write_index(const std::string& concrete_index) {
  std::lock_guard<std::mutex> lock(mu_);
  if (concrete_index == write_index_) return;
  if (!write_index_.empty()) expiry_.clear();
  write_index_ = concrete_index;
}

}  // namespace peregrine::storage::elasticsearch
