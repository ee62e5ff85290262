// Test helper: a randomised span corpus for search cross-checks, and the brute-force answer to a query over it.
// Traces of 1–6 spans over services a–d, operations get/put/list/delete/scan and tags status/user/error/event/zone
// (what test_support::random_query asks about), starting within one second of t0, are written to every given
// writer in shuffled batches; some traces are split over two writes and some writes are retried. The reference
// search is deliberately naive: every stored trace, every span, string comparison of every tag.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::random_corpus {

struct Corpus {
  std::map<model::TraceID, std::vector<model::Span>> traces;  // every span written, once
};

inline Corpus write(std::mt19937_64& rng, int64_t t0_us, const std::vector<SpanWriter*>& writers,
                    uint64_t trace_count = 300) {
  const std::vector<std::string> services = {"a", "b", "c", "d"};
  const std::vector<std::string> ops = {"get", "put", "list", "delete", "scan"};
  std::vector<model::ProcessPtr> processes;
  for (const auto& s : services) {
    processes.push_back(testing::make_process(s, {model::KeyValue::String("zone", s == "a" ? "z1" : "z2")}));
  }
  Corpus corpus;
  for (uint64_t t = 1; t <= trace_count; ++t) {
    const int n = 1 + static_cast<int>(rng() % 6);
    const int64_t base = t0_us + static_cast<int64_t>(rng() % 1'000'000);
    model::SpanBatch batch;
    for (int i = 0; i < n; ++i) {
      testing::SpanBuilder sb(t, static_cast<uint64_t>(i + 1), processes[rng() % processes.size()]);
      sb.op(ops[rng() % ops.size()])
          .start(base + static_cast<int64_t>(rng() % 5000))
          .duration(static_cast<int64_t>(rng() % 10000));
      if (i > 0) sb.parent(1 + rng() % static_cast<uint64_t>(i));
      sb.tag(model::KeyValue::Int64("status", rng() % 3 == 0 ? 500 : 200));
      sb.tag("user", "u" + std::to_string(rng() % 20));
      if (rng() % 4 == 0) sb.tag(model::KeyValue::Bool("error", true));
      if (rng() % 3 == 0) sb.log(base, {model::KeyValue::String("event", rng() % 2 ? "retry" : "miss")});
      batch.push_back(sb.build());
    }
    std::shuffle(batch.begin(), batch.end(), rng);
    for (const auto& s : batch) corpus.traces[s.trace_id].push_back(s);
    // Split the trace over two writes sometimes, and retry some writes.
    const size_t cut = rng() % (batch.size() + 1);
    const model::SpanBatch first(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(cut));
    const model::SpanBatch second(batch.begin() + static_cast<std::ptrdiff_t>(cut), batch.end());
    for (const auto* part : {&first, &second}) {
      if (part->empty()) continue;
      const int attempts = rng() % 5 == 0 ? 2 : 1;
      for (int attempt = 0; attempt < attempts; ++attempt) {
        for (SpanWriter* w : writers) w->write_spans(*part);
      }
    }
  }
  return corpus;
}

inline bool has_tag(const model::KeyValues& kvs, const std::string& key, const std::string& value) {
  return std::any_of(kvs.begin(), kvs.end(),
                     [&](const model::KeyValue& kv) { return kv.key == key && kv.value_as_string() == value; });
}

// TraceQuery semantics on one span, spelled out without any store's helpers.
inline bool reference_match(const TraceQuery& q, const model::Span& s) {
  if (!q.service.empty() && s.process->service_name != q.service) return false;
  if (!q.operation.empty() && s.operation_name != q.operation) return false;
  if (q.start_time_min_us != 0 && s.start_time_us < q.start_time_min_us) return false;
  if (q.start_time_max_us != 0 && s.start_time_us > q.start_time_max_us) return false;
  if (q.duration_min_us != 0 && s.duration_us < q.duration_min_us) return false;
  if (q.duration_max_us != 0 && s.duration_us > q.duration_max_us) return false;
  for (const auto& [key, value] : q.tags) {
    bool found = has_tag(s.tags, key, value) || has_tag(s.process->tags, key, value);
    for (const auto& log : s.logs) found = found || has_tag(log.fields, key, value);
    if (!found) return false;
  }
  return true;
}

// Matching traces newest first by trace start (earliest span), ties by trace id, at most q.num_traces (0 = all).
inline std::vector<model::TraceID> find(const Corpus& c, const TraceQuery& q) {
  std::vector<std::pair<int64_t, model::TraceID>> hits;
  for (const auto& [id, spans] : c.traces) {
    if (std::none_of(spans.begin(), spans.end(), [&](const model::Span& s) { return reference_match(q, s); })) {
      continue;
    }
    int64_t start = spans.front().start_time_us;
    for (const auto& s : spans) start = std::min(start, s.start_time_us);
    hits.emplace_back(start, id);
  }
  std::sort(hits.begin(), hits.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
  if (q.num_traces > 0 && hits.size() > static_cast<size_t>(q.num_traces)) {
    hits.resize(static_cast<size_t>(q.num_traces));
  }
  std::vector<model::TraceID> out;
  for (const auto& h : hits) out.push_back(h.second);
  return out;
}

// One line describing a query, for failure messages.
inline std::string describe(const TraceQuery& q) {
  std::string s = "service=" + q.service + " op=" + q.operation + " limit=" + std::to_string(q.num_traces) +
                  " start=[" + std::to_string(q.start_time_min_us) + "," + std::to_string(q.start_time_max_us) +
                  "] duration=[" + std::to_string(q.duration_min_us) + "," + std::to_string(q.duration_max_us) + "]";
  for (const auto& [k, v] : q.tags) s += " " + k + "=" + v;
  return s;
}

}  // namespace peregrine::storage::random_corpus
