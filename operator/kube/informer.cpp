// Informer: per-namespace list/watch loops, relist convergence, resync, handler delivery.
#include "operator/kube/informer.hpp"

#include <spdlog/spdlog.h>

#include <random>

#include "operator/kube/declared_api_calls.hpp"
#include "operator/kube/object_key.hpp"

namespace peregrine::kube {

struct Informer::NamespaceState {
  std::string ns;  // "" = all namespaces
  mutable std::mutex mutex;
  std::string resource_version;
  bool need_list = true;
  bool synced = false;
};

Informer::Informer(std::shared_ptr<const RestClient> client, InformerOptions options)
    : client_(std::move(client)), options_(std::move(options)) {
  if (options_.name.empty()) options_.name = options_.gvr.group_resource();
  DeclaredApiCalls::global().declare({"list", "watch"}, options_.gvr);
}

Informer::~Informer() { stop(); }

void Informer::add_handlers(InformerHandlers handlers) {
  std::lock_guard lock(handler_mutex_);
  handlers_.push_back(std::move(handlers));
}

void Informer::start() {
  if (started_.load()) return;
  std::vector<std::string> scopes = options_.namespaces;
  if (scopes.empty() || !options_.gvr.namespaced) scopes = {""};
  for (const auto& ns : scopes) {
    auto state = std::make_unique<NamespaceState>();
    state->ns = ns;
    states_.push_back(std::move(state));
  }
  for (auto& state : states_) threads_.emplace_back([this, s = state.get()] { run_namespace(*s); });
  if (options_.resync_period.count() > 0) threads_.emplace_back([this] { run_resync(); });
  {
    std::lock_guard lock(sync_mutex_);
    started_ = true;  // states_ is complete: has_synced() may read it from now on
  }
  sync_cv_.notify_all();
}

void Informer::stop() {
  stop_.request_stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  sync_cv_.notify_all();
}

bool Informer::has_synced() const { return started_ && synced_count_.load() == states_.size() && !states_.empty(); }

bool Informer::wait_for_sync(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(sync_mutex_);
  sync_cv_.wait_for(lock, timeout, [this] { return has_synced() || stop_.stop_requested(); });
  return has_synced();
}

InformerStats Informer::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

std::string Informer::last_resource_version(const std::string& ns) const {
  for (const auto& state : states_) {
    if (state->ns == ns) {
      std::lock_guard lock(state->mutex);
      return state->resource_version;
    }
  }
  return "";
}

namespace {

// Handlers are user code: a throwing handler is logged and must not stop the informer.
template <typename Fn>
void guarded(const std::string& informer, Fn&& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    spdlog::error("informer {}: event handler failed: {}", informer, e.what());
  }
}

}  // namespace

void Informer::deliver_add(const ObjectPtr& obj) {
  std::lock_guard lock(handler_mutex_);
  for (auto& h : handlers_) {
    if (h.on_add) guarded(options_.name, [&] { h.on_add(obj); });
  }
}

void Informer::deliver_update(const ObjectPtr& old_obj, const ObjectPtr& new_obj) {
  std::lock_guard lock(handler_mutex_);
  for (auto& h : handlers_) {
    if (h.on_update) guarded(options_.name, [&] { h.on_update(old_obj, new_obj); });
  }
}

void Informer::deliver_delete(const ObjectPtr& obj) {
  std::lock_guard lock(handler_mutex_);
  for (auto& h : handlers_) {
    if (h.on_delete) guarded(options_.name, [&] { h.on_delete(obj); });
  }
}

bool Informer::relist(NamespaceState& state) {
  ListOptions list_options;
  list_options.label_selector = options_.label_selector;
  list_options.field_selector = options_.field_selector;
  list_options.limit = options_.page_size;
  ObjectList listed = client_->list_all(options_.gvr, state.ns, list_options);
  std::vector<ObjectPtr> objects;
  objects.reserve(listed.items.size());
  for (auto& item : listed.items) objects.push_back(std::make_shared<const nlohmann::json>(std::move(item)));
  auto diff = cache_.replace(state.ns, state.ns.empty(), std::move(objects));
  {
    std::lock_guard lock(state.mutex);
    state.resource_version = listed.resource_version;
    state.need_list = false;
  }
  {
    std::lock_guard lock(stats_mutex_);
    ++stats_.lists;
  }
  for (auto& obj : diff.deleted) deliver_delete(obj);
  for (auto& obj : diff.added) deliver_add(obj);
  for (auto& [old_obj, new_obj] : diff.updated) deliver_update(old_obj, new_obj);
  if (!state.synced) {
    state.synced = true;
    {
      std::lock_guard lock(sync_mutex_);
      ++synced_count_;
    }
    sync_cv_.notify_all();
  }
  return true;
}

Informer::WatchOutcome Informer::watch_once(NamespaceState& state, ExponentialBackoff& backoff) {
  WatchOptions watch_options;
  watch_options.label_selector = options_.label_selector;
  watch_options.field_selector = options_.field_selector;
  {
    std::lock_guard lock(state.mutex);
    watch_options.resource_version = state.resource_version;
  }
  watch_options.allow_bookmarks = true;
  if (options_.watch_timeout_seconds > 0) {
    thread_local std::mt19937 rng{std::random_device{}()};
    std::uniform_int_distribution<int> dist(options_.watch_timeout_seconds, 2 * options_.watch_timeout_seconds - 1);
    watch_options.timeout_seconds = dist(rng);
  }
  {
    std::lock_guard lock(stats_mutex_);
    ++stats_.watches;
  }
  WatchOutcome outcome = WatchOutcome::Closed;
  client_->watch(
      options_.gvr, state.ns, watch_options,
      [&](const WatchEvent& event) {
        if (event.type == WatchEventType::Error) {
          const ApiError error = ApiError::from_status(event.object);
          spdlog::debug("informer {}: watch error event: {}", options_.name, error.what());
          outcome = error.is_gone() ? WatchOutcome::Gone : WatchOutcome::Failed;
          return false;
        }
        const std::string rv = object_resource_version(event.object);
        if (event.type == WatchEventType::Bookmark) {
          std::lock_guard lock(stats_mutex_);
          ++stats_.bookmarks;
        } else {
          auto obj = std::make_shared<const nlohmann::json>(event.object);
          if (event.type == WatchEventType::Deleted) {
            cache_.erase(object_key(*obj));
            deliver_delete(obj);
          } else if (ObjectPtr previous = cache_.upsert(obj)) {
            deliver_update(previous, obj);
          } else {
            deliver_add(obj);
          }
          std::lock_guard lock(stats_mutex_);
          ++stats_.events;
        }
        if (!rv.empty()) {
          std::lock_guard lock(state.mutex);
          state.resource_version = rv;
        }
        backoff.reset();
        return true;
      },
      &stop_);
  return outcome;
}

void Informer::run_namespace(NamespaceState& state) {
  ExponentialBackoff backoff(options_.backoff);
  const std::string where = state.ns.empty() ? std::string("all namespaces") : "namespace " + state.ns;
  while (!stop_.stop_requested()) {
    bool need_list;
    {
      std::lock_guard lock(state.mutex);
      need_list = state.need_list;
    }
    if (need_list) {
      try {
        relist(state);
      } catch (const std::exception& e) {
        spdlog::warn("informer {} ({}): list failed: {}", options_.name, where, e.what());
        stop_.wait_for(backoff.next());
        continue;
      }
    }
    const auto watch_started = std::chrono::steady_clock::now();
    WatchOutcome outcome;
    try {
      outcome = watch_once(state, backoff);
    } catch (const ApiError& e) {
      outcome = e.is_gone() ? WatchOutcome::Gone : WatchOutcome::Failed;
      if (!e.is_gone()) spdlog::warn("informer {} ({}): watch failed: {}", options_.name, where, e.what());
    } catch (const TransportError& e) {
      outcome = WatchOutcome::Disconnected;
      spdlog::debug("informer {} ({}): watch disconnected: {}", options_.name, where, e.what());
    } catch (const std::exception& e) {
      outcome = WatchOutcome::Failed;
      spdlog::warn("informer {} ({}): watch stream failed: {}", options_.name, where, e.what());
    }
    if (stop_.stop_requested()) break;
    switch (outcome) {
      case WatchOutcome::Closed:
        // The server ended the watch (timeout, restart): resume from the last resourceVersion. Back off only
        // when it ended at once, so a misbehaving server is not hammered.
        if (std::chrono::steady_clock::now() - watch_started < std::chrono::seconds(1)) stop_.wait_for(backoff.next());
        break;
      case WatchOutcome::Gone: {
        std::lock_guard lock(stats_mutex_);
        ++stats_.gone_relists;
        std::lock_guard state_lock(state.mutex);
        state.need_list = true;  // relist at once
        break;
      }
      case WatchOutcome::Failed: {
        {
          std::lock_guard lock(stats_mutex_);
          ++stats_.watch_errors;
          std::lock_guard state_lock(state.mutex);
          state.need_list = true;
        }
        stop_.wait_for(backoff.next());
        break;
      }
      case WatchOutcome::Disconnected: {
        {
          std::lock_guard lock(stats_mutex_);
          ++stats_.watch_errors;
        }
        stop_.wait_for(backoff.next());  // then resume the watch from the last resourceVersion
        break;
      }
    }
  }
}

void Informer::run_resync() {
  while (!stop_.wait_for(options_.resync_period)) {
    for (const auto& obj : cache_.list()) deliver_update(obj, obj);
  }
}

}  // namespace peregrine::kube
