// Shared fixture for the query API handler tests: a memory store with a few traces, a QueryService with its own
// metrics registry, the query router at a fixed clock, and helpers that call it like an HTTP server would.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "backend/common/http_types.hpp"
#include "backend/query/query_router.hpp"
#include "backend/storage/memory/memory_store.hpp"

namespace peregrine::query::testing {

// 2017-07-14T02:40:00Z
constexpr int64_t kNowUs = 1'500'000'000'000'000;

inline common::HttpRequest make_request(const std::string& method, const std::string& target, std::string body = "") {
  common::HttpRequest req;
  req.method = method;
  req.target = target;
  size_t q = target.find('?');
  req.path = common::percent_decode(target.substr(0, q), false);
  if (q != std::string::npos) req.query = common::parse_query_string(target.substr(q + 1));
  req.body = std::move(body);
  return req;
}

inline model::ProcessPtr make_process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

class QueryApiTest : public ::testing::Test {
 protected:
  QueryApiTest() {
    store_ = std::make_shared<storage::memory::MemoryStore>();
    auto fe = make_process("frontend", {model::KeyValue::Int64("ip", 0x0A000001)});
    auto be = make_process("backend");
    model::SpanBatch batch;
    // Trace 1 (older): frontend → backend.
    batch.push_back(span(1, 1, 0, fe, "GET /home", kNowUs - 60'000'000, 5000, "server"));
    batch.push_back(span(1, 2, 1, be, "query", kNowUs - 59'999'000, 1200, "client"));
    batch.back().tags.push_back(model::KeyValue::Int64("http.status_code", 500));
    // Trace 2 (newer): frontend only.
    batch.push_back(span(2, 1, 0, fe, "GET /about", kNowUs - 10'000'000, 800, "server"));
    // Trace 3: 128-bit id.
    batch.push_back(span(3, 1, 0, be, "query", kNowUs - 20'000'000, 300, ""));
    batch.back().trace_id.high = 0xfeed;
    store_->write_spans(batch);
    service_ = std::make_unique<QueryService>(store_, store_, QueryServiceOptions{}, metrics_);
    QueryApiOptions options;
    options.now_us = [] { return kNowUs; };
    router_ = std::make_unique<common::HttpRouter>(make_query_router(*service_, options));
  }

  // Public: other suites (archive_test.cpp) build their spans the same way.
 public:
  static model::Span span(uint64_t trace, uint64_t id, uint64_t parent, model::ProcessPtr p, std::string op,
                          int64_t start, int64_t duration, std::string kind) {
    model::Span s;
    s.trace_id = model::TraceID{0, trace};
    s.span_id = id;
    if (parent) s.references.push_back(model::SpanRef{s.trace_id, parent, model::RefType::ChildOf});
    s.process = std::move(p);
    s.operation_name = std::move(op);
    s.start_time_us = start;
    s.duration_us = duration;
    if (!kind.empty()) s.tags.push_back(model::KeyValue::String("span.kind", kind));
    return s;
  }

 protected:
  common::HttpResponse get(const std::string& target) { return router_->handle(make_request("GET", target)); }
  nlohmann::json get_json(const std::string& target, int expected_status = 200) {
    common::HttpResponse r = get(target);
    EXPECT_EQ(r.status, expected_status) << target << " → " << r.body;
    return nlohmann::json::parse(r.body);
  }

  common::MetricsRegistry metrics_;
  std::shared_ptr<storage::memory::MemoryStore> store_;
  std::unique_ptr<QueryService> service_;
  std::unique_ptr<common::HttpRouter> router_;
};

}  // namespace peregrine::query::testing
