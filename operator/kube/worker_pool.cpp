// WorkerPool implementation.
#include "operator/kube/worker_pool.hpp"

#include <spdlog/spdlog.h>

namespace peregrine::kube {

WorkerPool::WorkerPool(WorkQueue& queue, int workers, ProcessFunction process, ProcessObserver observer)
    : queue_(queue), workers_(workers < 1 ? 1 : workers), process_(std::move(process)), observer_(std::move(observer)) {}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start() {
  if (!threads_.empty()) return;
  for (int i = 0; i < workers_; ++i) threads_.emplace_back([this] { run(); });
}

void WorkerPool::stop() {
  queue_.shut_down();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::run() {
  while (auto key = queue_.get()) {
    const auto started = std::chrono::steady_clock::now();
    ProcessResult result;
    std::string error;
    try {
      result = process_(*key);
    } catch (const std::exception& e) {
      result = ProcessResult::retry();
      error = e.what();
      spdlog::warn("processing {} failed: {}", *key, e.what());
    }
    switch (result.kind) {
      case ProcessResult::Kind::Done:
        queue_.forget(*key);
        break;
      case ProcessResult::Kind::Retry:
        queue_.add_rate_limited(*key);
        break;
      case ProcessResult::Kind::RequeueAfter:
        queue_.forget(*key);
        queue_.add_after(*key, result.after);
        break;
    }
    queue_.done(*key);
    ++processed_;
    if (observer_) observer_(*key, result, std::chrono::steady_clock::now() - started, error);
  }
}

}  // namespace peregrine::kube
