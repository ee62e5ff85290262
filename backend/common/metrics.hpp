// A small Prometheus metrics registry: counters, gauges and histograms with constant label sets,
// rendered in the Prometheus text exposition format (version 0.0.4) for the admin /metrics endpoint.
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace peregrine::common {

using Labels = std::map<std::string, std::string>;

class Counter {
 public:
  void inc(double v = 1.0);
  double value() const;

 private:
  std::atomic<double> v_{0};
};

class Gauge {
 public:
  void set(double v);
  void add(double v);
  double value() const;

 private:
  std::atomic<double> v_{0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double v);
  // Snapshot for rendering / tests.
  std::vector<uint64_t> bucket_counts() const;  // cumulative, one per bound plus +Inf
  const std::vector<double>& bounds() const { return bounds_; }
  double sum() const;
  uint64_t count() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket (non-cumulative), last = +Inf
  std::atomic<double> sum_{0};
  std::atomic<uint64_t> count_{0};
};

class MetricsRegistry {
 public:
  // Get-or-create. The same (name, labels) always returns the same object; references stay valid for the
  // registry's lifetime. Name collisions with a different type throw std::logic_error.
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, const std::vector<double>& bounds,
                       const Labels& labels = {});
  std::string render() const;

  // Process-wide default registry.
  static MetricsRegistry& global();
  // Default latency buckets in seconds (0.005 … 10).
  static std::vector<double> default_buckets();

 private:
  enum class Kind { Counter, Gauge, Histogram };
  struct Family {
    Kind kind;
    std::string help;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Gauge>> gauges;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace peregrine::common
