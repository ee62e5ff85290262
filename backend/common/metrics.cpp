// MetricsRegistry: lock-free metric updates (atomics), a mutex only for get-or-create and rendering.
// Rendering follows the Prometheus text format 0.0.4 as produced by the Go client (families sorted by name).
#include "backend/common/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "backend/common/prometheus_format.hpp"

namespace peregrine::common {

void Counter::inc(double v) {
  if (v <= 0) return;  // counters never go down
  v_.fetch_add(v, std::memory_order_relaxed);
}

double Counter::value() const { return v_.load(std::memory_order_relaxed); }

void Gauge::set(double v) { v_.store(v, std::memory_order_relaxed); }
void Gauge::add(double v) { v_.fetch_add(v, std::memory_order_relaxed); }
double Gauge::value() const { return v_.load(std::memory_order_relaxed); }

Histogram::Histogram(std::vector<double> upper_bounds) : bounds_(std::move(upper_bounds)) {
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
  while (!bounds_.empty() && std::isinf(bounds_.back()) && bounds_.back() > 0) bounds_.pop_back();
  counts_ = std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1);
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double v) {
  // First bucket whose upper bound is >= v ("le" semantics); past the end = +Inf bucket.
  size_t idx = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  counts_[idx].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::bucket_counts() const {
  std::vector<uint64_t> out(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

double Histogram::sum() const { return sum_.load(std::memory_order_relaxed); }
uint64_t Histogram::count() const { return count_.load(std::memory_order_relaxed); }

namespace {

const char* kind_name(int kind) {
  switch (kind) {
    case 0: return "counter";
    case 1: return "gauge";
    default: return "histogram";
  }
}

}  // namespace

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = families_.try_emplace(name, Family{Kind::Counter, help, {}, {}, {}});
  if (it->second.kind != Kind::Counter)
    throw std::logic_error("metric " + name + " already registered as a " +
                           kind_name(static_cast<int>(it->second.kind)));
  auto& slot = it->second.counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = families_.try_emplace(name, Family{Kind::Gauge, help, {}, {}, {}});
  if (it->second.kind != Kind::Gauge)
    throw std::logic_error("metric " + name + " already registered as a " +
                           kind_name(static_cast<int>(it->second.kind)));
  auto& slot = it->second.gauges[labels];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      const std::vector<double>& bounds, const Labels& labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = families_.try_emplace(name, Family{Kind::Histogram, help, {}, {}, {}});
  if (it->second.kind != Kind::Histogram)
    throw std::logic_error("metric " + name + " already registered as a " +
                           kind_name(static_cast<int>(it->second.kind)));
  auto& slot = it->second.histograms[labels];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

std::string MetricsRegistry::render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  out.reserve(families_.size() * 256);
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + " " + escape_help(family.help) + "\n";
    out += "# TYPE " + name + " " + kind_name(static_cast<int>(family.kind)) + "\n";
    switch (family.kind) {
      case Kind::Counter:
        for (const auto& [labels, c] : family.counters)
          out += name + render_labels(labels) + " " + format_prometheus_value(c->value()) + "\n";
        break;
      case Kind::Gauge:
        for (const auto& [labels, g] : family.gauges)
          out += name + render_labels(labels) + " " + format_prometheus_value(g->value()) + "\n";
        break;
      case Kind::Histogram:
        for (const auto& [labels, h] : family.histograms) {
          auto cumulative = h->bucket_counts();
          const auto& bounds = h->bounds();
          for (size_t i = 0; i < cumulative.size(); ++i) {
            std::string le = i < bounds.size() ? format_prometheus_value(bounds[i]) : "+Inf";
            out += name + "_bucket" + render_labels(labels, "le", le) + " " + std::to_string(cumulative[i]) + "\n";
          }
          out += name + "_sum" + render_labels(labels) + " " + format_prometheus_value(h->sum()) + "\n";
          // _count equals the +Inf bucket of the same snapshot so the exposition is self-consistent.
          out += name + "_count" + render_labels(labels) + " " + std::to_string(cumulative.back()) + "\n";
        }
        break;
    }
  }
  return out;
}

MetricsRegistry& MetricsRegistry::global() {
  static MetricsRegistry registry;
  return registry;
}

std::vector<double> MetricsRegistry::default_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace peregrine::common
