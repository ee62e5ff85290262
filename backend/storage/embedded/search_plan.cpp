// Search planning implementation.
#include "backend/storage/embedded/search_plan.hpp"

#include <limits>

#include "backend/storage/embedded/span_rows.hpp"

namespace peregrine::storage::embedded {

namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

}  // namespace

QueryBounds bounds_of(const TraceQuery& q) {
  return QueryBounds{
      q.start_time_min_us != 0 ? q.start_time_min_us : kMin,
      q.start_time_max_us != 0 ? q.start_time_max_us : kMax,
      q.duration_min_us != 0 ? q.duration_min_us : kMin,
      q.duration_max_us != 0 ? q.duration_max_us : kMax,
  };
}

std::vector<ScanPlan> candidate_plans(const TraceQuery& q) {
  std::vector<ScanPlan> plans;
  const bool has_operation = !q.operation.empty();
  for (const auto& [key, value] : q.tags) {
    if (key.size() > kMaxIndexedTagBytes || value.size() > kMaxIndexedTagBytes) continue;
    ScanPlan p;
    p.family = IndexFamily::Tag;
    p.tag_key = key;
    p.tag_value = value;
    p.rows_prove_match = !has_operation && q.tags.size() == 1;
    plans.push_back(std::move(p));
  }
  if (has_operation) {
    ScanPlan p;
    p.family = IndexFamily::Operation;
    p.rows_prove_match = q.tags.empty();
    plans.push_back(std::move(p));
  }
  ScanPlan service;
  service.family = IndexFamily::Service;
  service.rows_prove_match = !has_operation && q.tags.empty();
  plans.push_back(std::move(service));
  if (q.duration_min_us != 0 || q.duration_max_us != 0) {
    ScanPlan p;
    p.family = IndexFamily::Duration;
    p.rows_prove_match = !has_operation && q.tags.empty();
    plans.push_back(std::move(p));
  }
  return plans;
}

std::vector<keys::KeyRange> plan_ranges(const ScanPlan& plan, const TraceQuery& q,
                                        const std::vector<std::string>& services) {
  const QueryBounds b = bounds_of(q);
  std::vector<keys::KeyRange> ranges;
  ranges.reserve(services.size());
  for (const auto& service : services) {
    switch (plan.family) {
      case IndexFamily::Tag:
        ranges.push_back(
            keys::time_window(keys::tag_prefix(service, plan.tag_key, plan.tag_value), b.start_min_us, b.start_max_us));
        break;
      case IndexFamily::Operation:
        ranges.push_back(
            keys::time_window(keys::operation_prefix(service, q.operation), b.start_min_us, b.start_max_us));
        break;
      case IndexFamily::Service:
        ranges.push_back(keys::time_window(keys::service_prefix(service), b.start_min_us, b.start_max_us));
        break;
      case IndexFamily::Duration:
        ranges.push_back(
            keys::duration_window(keys::duration_prefix(service), b.duration_min_us, b.duration_max_us));
        break;
    }
    if (ranges.back().empty()) ranges.pop_back();
  }
  return ranges;
}

size_t choose_plan(const std::vector<ScanPlan>& plans, const std::vector<uint64_t>& estimated_bytes) {
  size_t best_time = plans.size();
  size_t duration = plans.size();
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!plans[i].time_ordered()) {
      duration = i;
      continue;
    }
    if (best_time == plans.size() || estimated_bytes[i] < estimated_bytes[best_time]) best_time = i;
  }
  if (best_time == plans.size()) return duration;
  if (duration != plans.size() &&
      estimated_bytes[duration] < estimated_bytes[best_time] / kDurationPlanHandicap) {
    return duration;
  }
  return best_time;
}

}  // namespace peregrine::storage::embedded
