// Which spans adaptive sampling counts (root spans with Jaeger's sampler tags) and how the aggregator counts them.
#include "backend/sampling/root_span_sampler.hpp"

#include <gtest/gtest.h>

#include "backend/sampling/throughput_aggregator.hpp"

namespace peregrine::sampling {
namespace {

model::Span root_span(const std::string& service, const std::string& operation, model::KeyValues tags) {
  model::Span s;
  s.trace_id = {0, 7};
  s.span_id = 1;
  s.operation_name = operation;
  s.tags = std::move(tags);
  s.process = std::make_shared<model::Process>(model::Process{service, {}});
  return s;
}

model::KeyValues probabilistic(double p) {
  return {model::KeyValue::String("sampler.type", "probabilistic"), model::KeyValue::Float64("sampler.param", p)};
}

TEST(RootSpanSampler, ReadsJaegerSamplerTags) {
  EXPECT_EQ(root_span_sampler(root_span("svc", "op", probabilistic(0.25))),
            (RootSpanSampler{RootSamplerType::Probabilistic, 0.25}));
  EXPECT_EQ(root_span_sampler(root_span("svc", "op", {model::KeyValue::String("sampler.type", "lowerbound"),
                                                      model::KeyValue::String("sampler.param", "0.5")})),
            (RootSpanSampler{RootSamplerType::LowerBound, 0.5}));
  EXPECT_EQ(root_span_sampler(root_span("svc", "op", {model::KeyValue::Int64("sampler.param", 2),
                                                      model::KeyValue::String("sampler.type", "ratelimiting")})),
            (RootSpanSampler{RootSamplerType::RateLimiting, 2}));
}

TEST(RootSpanSampler, IgnoresWhatJaegerIgnores) {
  EXPECT_FALSE(root_span_sampler(root_span("svc", "op", {})));
  EXPECT_FALSE(root_span_sampler(root_span("svc", "op", {model::KeyValue::String("sampler.type", "probabilistic")})));
  EXPECT_FALSE(root_span_sampler(root_span("svc", "op", {model::KeyValue::String("sampler.type", "const"),
                                                         model::KeyValue::Bool("sampler.param", true)})));
  EXPECT_FALSE(root_span_sampler(root_span("svc", "op", {model::KeyValue::String("sampler.type", "probabilistic"),
                                                         model::KeyValue::String("sampler.param", "half")})));
  EXPECT_FALSE(root_span_sampler(root_span("svc", "op", {model::KeyValue::Bool("sampler.type", true),
                                                         model::KeyValue::Float64("sampler.param", 1)})));
  EXPECT_FALSE(root_span_sampler(root_span("", "op", probabilistic(0.1))));
  EXPECT_FALSE(root_span_sampler(root_span("svc", "", probabilistic(0.1))));
  auto child = root_span("svc", "op", probabilistic(0.1));
  child.references.push_back(model::SpanRef{child.trace_id, 9, model::RefType::ChildOf});
  EXPECT_FALSE(root_span_sampler(child));
  // A FOLLOWS_FROM reference, or a parent in another trace, does not make a span a child.
  auto linked = root_span("svc", "op", probabilistic(0.1));
  linked.references.push_back(model::SpanRef{linked.trace_id, 9, model::RefType::FollowsFrom});
  linked.references.push_back(model::SpanRef{model::TraceID{0, 8}, 9, model::RefType::ChildOf});
  EXPECT_TRUE(root_span_sampler(linked));
}

TEST(ThroughputAggregator, CountsProbabilisticRootSpansPerOperation) {
  ThroughputAggregator agg;
  model::SpanBatch batch;
  for (int i = 0; i < 3; ++i) batch.push_back(root_span("svc", "GET", probabilistic(0.1)));
  batch.push_back(root_span("svc", "GET", probabilistic(0.2)));
  batch.push_back(root_span("svc", "PUT", {model::KeyValue::String("sampler.type", "lowerbound"),
                                           model::KeyValue::Float64("sampler.param", 0.1)}));
  auto child = root_span("svc", "GET", probabilistic(0.1));
  child.references.push_back(model::SpanRef{child.trace_id, 9, model::RefType::ChildOf});
  batch.push_back(child);
  agg.record_batch(batch);
  auto t = agg.take();
  EXPECT_EQ(t["svc"]["GET"], (OperationThroughput{4, {"0.100000", "0.200000"}}));
  EXPECT_EQ(t["svc"]["PUT"], (OperationThroughput{0, {"0.100000"}}));  // known, but not counted
  EXPECT_TRUE(agg.take().empty());  // take() starts a new interval
}

TEST(ThroughputAggregator, RemembersAtMostTenProbabilities) {
  ThroughputAggregator agg;
  for (int i = 1; i <= 15; ++i)
    agg.record("svc", "op", RootSpanSampler{RootSamplerType::Probabilistic, i / 100.0});
  auto t = agg.take();
  EXPECT_EQ(t["svc"]["op"].count, 15);
  EXPECT_EQ(t["svc"]["op"].probabilities.size(), kMaxProbabilitiesPerOperation);
}

}  // namespace
}  // namespace peregrine::sampling
