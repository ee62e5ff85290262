// Runs a callback on its own thread every `interval` until destroyed (destruction wakes the thread and joins
// it; a run in progress finishes first). Exceptions from the callback are logged, not propagated.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace peregrine::storage::embedded {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::chrono::nanoseconds interval, std::function<void()> run);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop();

  std::string name_;
  std::chrono::nanoseconds interval_;
  std::function<void()> run_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace peregrine::storage::embedded
