// Test helper: trace queries for span-store tests — a service-only query, random queries over the small
// randomised corpora (services a-d, operations get/put/list/delete/scan, tags status/user/error/event/zone) and
// the low halves of returned trace ids.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "backend/model/ids.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::test_support {

inline std::vector<uint64_t> lows(const std::vector<model::TraceID>& ids) {
  std::vector<uint64_t> out;
  for (const auto& id : ids) out.push_back(id.low);
  return out;
}

inline storage::TraceQuery query_for(const std::string& service) {
  storage::TraceQuery q;
  q.service = service;
  return q;
}

// A random query over the randomised corpora; time bounds fall within [t0_us, t0_us + 1 s).
inline storage::TraceQuery random_query(std::mt19937_64& rng, int64_t t0_us) {
  storage::TraceQuery q;
  const char* services[] = {"a", "b", "c", "d", ""};
  const char* ops[] = {"", "", "get", "scan", "nope"};
  q.service = services[rng() % 5];
  q.operation = ops[rng() % 5];
  if (rng() % 3 == 0) q.tags["status"] = rng() % 2 ? "500" : "200";
  if (rng() % 4 == 0) q.tags["user"] = "u" + std::to_string(rng() % 20);
  if (rng() % 5 == 0) q.tags["error"] = "true";
  if (rng() % 5 == 0) q.tags["event"] = "retry";
  if (rng() % 6 == 0) q.tags["zone"] = rng() % 2 ? "z1" : "z2";
  if (rng() % 3 == 0) q.start_time_min_us = t0_us + static_cast<int64_t>(rng() % 1'000'000);
  if (rng() % 3 == 0) q.start_time_max_us = t0_us + static_cast<int64_t>(rng() % 1'000'000);
  if (rng() % 4 == 0) q.duration_min_us = static_cast<int64_t>(rng() % 8000);
  if (rng() % 4 == 0) q.duration_max_us = static_cast<int64_t>(rng() % 8000) + 1;
  int limits[] = {0, 1, 5, 20, 100};
  q.num_traces = limits[rng() % 5];
  return q;
}

}  // namespace peregrine::test_support
