// PeriodicTask implementation.
#include "backend/storage/embedded/periodic_task.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace peregrine::storage::embedded {

PeriodicTask::PeriodicTask(std::string name, std::chrono::nanoseconds interval, std::function<void()> run)
    : name_(std::move(name)), interval_(interval), run_(std::move(run)) {
  thread_ = std::thread([this] { loop(); });
}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::loop() {
  std::unique_lock lock(mu_);
  while (true) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    lock.unlock();
    try {
      run_();
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", name_, e.what());
    }
    lock.lock();
  }
}

}  // namespace peregrine::storage::embedded
