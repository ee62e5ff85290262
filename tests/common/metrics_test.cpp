// Tests for the Prometheus registry: get-or-create identity, type collisions, histogram buckets, and the
// exact 0.0.4 text rendering (golden), including escaping and Go-style number formatting.
#include "backend/common/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "backend/common/prometheus_format.hpp"

namespace peregrine::common {
namespace {

TEST(Metrics, SameNameAndLabelsReturnSameObject) {
  MetricsRegistry r;
  Counter& a = r.counter("x_total", "help", {{"k", "v"}});
  Counter& b = r.counter("x_total", "help", {{"k", "v"}});
  Counter& c = r.counter("x_total", "help", {{"k", "w"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
  EXPECT_THROW(r.gauge("x_total", "help"), std::logic_error);
}

TEST(Metrics, CounterIgnoresNegativeGaugeMoves) {
  MetricsRegistry r;
  Counter& c = r.counter("c_total", "h");
  c.inc();
  c.inc(2.5);
  c.inc(-1);
  EXPECT_DOUBLE_EQ(c.value(), 3.5);
  Gauge& g = r.gauge("g", "h");
  g.set(10);
  g.add(-3);
  EXPECT_DOUBLE_EQ(g.value(), 7);
}

TEST(Metrics, HistogramBucketsAreCumulativeWithLeSemantics) {
  Histogram h({1, 0.5, 2});
  h.observe(0.5);  // le=0.5 includes 0.5
  h.observe(0.7);
  h.observe(2);
  h.observe(100);
  EXPECT_EQ(h.bounds(), (std::vector<double>{0.5, 1, 2}));
  EXPECT_EQ(h.bucket_counts(), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(h.count(), 4u);
  EXPECT_DOUBLE_EQ(h.sum(), 103.2);
}

TEST(Metrics, ConcurrentIncrements) {
  MetricsRegistry r;
  Counter& c = r.counter("c_total", "h");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) c.inc();
    });
  for (auto& t : threads) t.join();
  EXPECT_DOUBLE_EQ(c.value(), 40000);
}

TEST(Metrics, RenderGolden) {
  MetricsRegistry r;
  r.counter("jaeger_collector_spans_received_total", "received spans",
            {{"format", "proto"}, {"svc", "front\"end\\x\ny"}, {"transport", "grpc"}})
      .inc(1000000);
  r.counter("jaeger_collector_spans_received_total", "received spans",
            {{"format", "jaeger"}, {"svc", "a"}, {"transport", "http"}})
      .inc(3);
  r.gauge("jaeger_collector_queue_length", "queue\nlength \\ spans").set(0.25);
  auto& h = r.histogram("jaeger_collector_save_latency", "save latency", {0.005, 0.1, 1}, {{"host", "h1"}});
  h.observe(0.001);
  h.observe(0.5);
  h.observe(7);
  const std::string expected =
      "# HELP jaeger_collector_queue_length queue\\nlength \\\\ spans\n"
      "# TYPE jaeger_collector_queue_length gauge\n"
      "jaeger_collector_queue_length 0.25\n"
      "# HELP jaeger_collector_save_latency save latency\n"
      "# TYPE jaeger_collector_save_latency histogram\n"
      "jaeger_collector_save_latency_bucket{host=\"h1\",le=\"0.005\"} 1\n"
      "jaeger_collector_save_latency_bucket{host=\"h1\",le=\"0.1\"} 1\n"
      "jaeger_collector_save_latency_bucket{host=\"h1\",le=\"1\"} 2\n"
      "jaeger_collector_save_latency_bucket{host=\"h1\",le=\"+Inf\"} 3\n"
      "jaeger_collector_save_latency_sum{host=\"h1\"} 7.501\n"
      "jaeger_collector_save_latency_count{host=\"h1\"} 3\n"
      "# HELP jaeger_collector_spans_received_total received spans\n"
      "# TYPE jaeger_collector_spans_received_total counter\n"
      "jaeger_collector_spans_received_total{format=\"jaeger\",svc=\"a\",transport=\"http\"} 3\n"
      "jaeger_collector_spans_received_total{format=\"proto\",svc=\"front\\\"end\\\\x\\ny\",transport=\"grpc\"} "
      "1e+06\n";
  EXPECT_EQ(r.render(), expected);
}

TEST(PrometheusFormat, GoStyleNumbers) {
  EXPECT_EQ(format_prometheus_value(0), "0");
  EXPECT_EQ(format_prometheus_value(-0.0), "0");
  EXPECT_EQ(format_prometheus_value(1), "1");
  EXPECT_EQ(format_prometheus_value(-1), "-1");
  EXPECT_EQ(format_prometheus_value(123456), "123456");
  EXPECT_EQ(format_prometheus_value(1234567), "1.234567e+06");
  EXPECT_EQ(format_prometheus_value(0.005), "0.005");
  EXPECT_EQ(format_prometheus_value(0.0001), "0.0001");
  EXPECT_EQ(format_prometheus_value(0.00001), "1e-05");
  EXPECT_EQ(format_prometheus_value(2.5), "2.5");
  EXPECT_EQ(format_prometheus_value(1e21), "1e+21");
  EXPECT_EQ(format_prometheus_value(1.0 / 0.0), "+Inf");
  EXPECT_EQ(format_prometheus_value(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(format_prometheus_value(0.0 / 0.0), "NaN");
}

TEST(Metrics, DefaultBuckets) {
  auto b = MetricsRegistry::default_buckets();
  EXPECT_DOUBLE_EQ(b.front(), 0.005);
  EXPECT_DOUBLE_EQ(b.back(), 10);
}

}  // namespace
}  // namespace peregrine::common
