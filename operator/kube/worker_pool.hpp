// WorkerPool: N threads draining a WorkQueue through one processing function, applying the controller
// outcome to the queue: done → forget the key's back-off; retry (or an exception) → rate-limited requeue;
// requeue_after → forget + delayed add. stop() shuts the queue down and joins the workers.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "operator/kube/work_queue.hpp"

namespace peregrine::kube {

struct ProcessResult {
  enum class Kind { Done, Retry, RequeueAfter };
  Kind kind = Kind::Done;
  std::chrono::milliseconds after{0};

  static ProcessResult done() { return {Kind::Done, {}}; }
  static ProcessResult retry() { return {Kind::Retry, {}}; }
  static ProcessResult requeue_after(std::chrono::milliseconds d) { return {Kind::RequeueAfter, d}; }
};

using ProcessFunction = std::function<ProcessResult(const std::string& key)>;
// Called after every processed key (exceptions are reported as Retry with `error` set) — for metrics and logs.
using ProcessObserver = std::function<void(const std::string& key, const ProcessResult& result,
                                           std::chrono::nanoseconds duration, const std::string& error)>;

class WorkerPool {
 public:
  WorkerPool(WorkQueue& queue, int workers, ProcessFunction process, ProcessObserver observer = {});
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  // Shuts the queue down (in-flight keys finish) and joins. Idempotent.
  void stop();
  uint64_t processed() const { return processed_.load(); }

 private:
  void run();

  WorkQueue& queue_;
  const int workers_;
  ProcessFunction process_;
  ProcessObserver observer_;
  std::vector<std::thread> threads_;
  std::atomic<uint64_t> processed_{0};
};

}  // namespace peregrine::kube
