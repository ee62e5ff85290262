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

EntryCriteria criteria_of(const TraceQuery& q) { return EntryCriteria{bounds_of(q), q.service}; }

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
  return plans;
}

std::vector<keys::KeyRange> plan_ranges(const ScanPlan& plan, const TraceQuery& q,
                                        const std::vector<std::string>& services) {
  const QueryBounds b = bounds_of(q);
  std::vector<keys::KeyRange> ranges;
  auto add = [&](const std::string& prefix) {
    keys::KeyRange r = keys::time_window(prefix, b.start_min_us, b.start_max_us);
    if (!r.empty()) ranges.push_back(std::move(r));
  };
  switch (plan.family) {
    case IndexFamily::Tag:
      add(keys::tag_prefix(plan.tag_key, plan.tag_value));
      break;
    case IndexFamily::Operation:
      for (const auto& service : services) add(keys::operation_prefix(service, q.operation));
      break;
    case IndexFamily::Service:
      for (const auto& service : services) add(keys::service_prefix(service));
      break;
  }
  return ranges;
}

size_t choose_plan(const std::vector<ScanPlan>& plans, const std::vector<uint64_t>& estimated_bytes) {
  size_t best = 0;
  for (size_t i = 1; i < plans.size(); ++i) {
    if (estimated_bytes[i] < estimated_bytes[best]) best = i;
  }
  return best;
}

}  // namespace peregrine::storage::embedded
