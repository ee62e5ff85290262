// Jaeger's trace archive in the query service, over memory stores: the storage factory's memory archive (a store
// of its own), QueryService::archive_trace outcomes and get_trace's fallback to the archive, the HTTP endpoint
// POST /api/archive/{traceID} (200 {"data":[],…,"errors":[]}, 400, 404 "trace not found", 500 without archive
// storage or when the archive write fails), GET /api/traces/{traceID} and /api/v3/traces/{traceID} served from the
// archive after the primary evicted the trace, and api_v2 ArchiveTrace over gRPC.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "backend/common/config.hpp"
#include "backend/query/grpc/query_v2_grpc_service.hpp"
#include "backend/storage/storage_factory.hpp"
#include "tests/query/api_test_fixture.hpp"

namespace peregrine::query::testing {
namespace {

// An archive writer whose cluster is down.
class FailingWriter : public storage::SpanWriter {
 public:
  void write_spans(const model::SpanBatch&) override { throw storage::StorageError("archive cluster unavailable"); }
};

constexpr const char* kArchivedBody = R"({"data":[],"total":0,"limit":0,"offset":0,"errors":[]})";

// A primary store that keeps only `max_traces` traces, a memory archive, and the router over both.
class ArchiveApiTest : public ::testing::Test {
 protected:
  explicit ArchiveApiTest(int64_t primary_max_traces = 2) {
    storage::memory::MemoryStoreOptions bounded;
    bounded.max_traces = primary_max_traces;
    primary_ = std::make_shared<storage::memory::MemoryStore>(bounded);
    archive_store_ = std::make_shared<storage::memory::MemoryStore>();
    build(storage::ArchiveStorage{archive_store_, archive_store_});
  }

  void build(storage::ArchiveStorage archive) {
    QueryServiceOptions options;
    options.archive = std::move(archive);
    service_ = std::make_unique<QueryService>(primary_, primary_, options, metrics_);
    QueryApiOptions api;
    api.now_us = [] { return kNowUs; };
    router_ = std::make_unique<common::HttpRouter>(make_query_router(*service_, api));
  }

  void write_trace(uint64_t trace_low) {
    auto p = make_process("svc");
    auto root = QueryApiTest::span(trace_low, 1, 0, p, "root", kNowUs - 1000, 500, "server");
    auto child = QueryApiTest::span(trace_low, 2, 1, p, "child", kNowUs - 900, 100, "client");
    primary_->write_spans({root, child});
  }

  common::HttpResponse call(const std::string& method, const std::string& target) {
    return router_->handle(make_request(method, target));
  }

  common::MetricsRegistry metrics_;
  std::shared_ptr<storage::memory::MemoryStore> primary_;
  std::shared_ptr<storage::memory::MemoryStore> archive_store_;
  std::unique_ptr<QueryService> service_;
  std::unique_ptr<common::HttpRouter> router_;
};

TEST(MemoryArchiveFactory, ArchiveIsAStoreOfItsOwnWithTheSameBound) {
  common::Config cfg;
  storage::define_storage_flags(cfg);
  cfg.set("memory.max-traces", "1");
  auto bundle = storage::make_storage("memory", cfg);
  ASSERT_TRUE(bundle.archive.available());
  EXPECT_NE(static_cast<void*>(bundle.archive.reader.get()), static_cast<void*>(bundle.reader.get()));
  auto p = make_process("svc");
  bundle.archive.writer->write_spans({QueryApiTest::span(1, 1, 0, p, "op", kNowUs, 1, "")});
  EXPECT_TRUE(bundle.archive.reader->get_trace(model::TraceID{0, 1}));
  EXPECT_FALSE(bundle.reader->get_trace(model::TraceID{0, 1}));
  bundle.archive.writer->write_spans({QueryApiTest::span(2, 1, 0, p, "op", kNowUs, 1, "")});
  EXPECT_FALSE(bundle.archive.reader->get_trace(model::TraceID{0, 1}));  // memory.max-traces applies to it too
}

TEST_F(ArchiveApiTest, ArchiveThenServeAfterThePrimaryEvictedIt) {
  write_trace(1);
  common::HttpResponse r = call("POST", "/api/archive/1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kArchivedBody);
  EXPECT_EQ(archive_store_->get_trace(model::TraceID{0, 1})->spans.size(), 2u);

  write_trace(2);
  write_trace(3);  // max-traces 2: trace 1 leaves the primary
  ASSERT_FALSE(primary_->get_trace(model::TraceID{0, 1}));

  auto body = nlohmann::json::parse(call("GET", "/api/traces/1").body);
  ASSERT_EQ(body["data"].size(), 1u);
  EXPECT_EQ(body["data"][0]["traceID"], "0000000000000001");
  EXPECT_EQ(body["data"][0]["spans"].size(), 2u);
  EXPECT_EQ(call("GET", "/api/v3/traces/0000000000000001").status, 200);
  // Lookups by id in a search go through the same fallback.
  EXPECT_EQ(nlohmann::json::parse(call("GET", "/api/traces?traceID=1").body)["data"].size(), 1u);
  // An archived-only trace can be archived again (Jaeger reads it through the same fallback).
  EXPECT_EQ(call("POST", "/api/archive/1").status, 200);
}

TEST_F(ArchiveApiTest, StatusCodes) {
  common::HttpResponse r = call("POST", "/api/archive/42");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]})");
  EXPECT_EQ(call("POST", "/api/archive/not-hex").status, 400);
  EXPECT_EQ(call("GET", "/api/traces/42").status, 404);

  build(storage::ArchiveStorage{});  // no archive storage
  write_trace(5);
  r = call("POST", "/api/archive/5");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body,
            R"({"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":500,"msg":"archive span storage was not configured"}]})");
  EXPECT_FALSE(service_->archive_available());
}

TEST_F(ArchiveApiTest, WriteFailureIs500WithTheStorageError) {
  build(storage::ArchiveStorage{archive_store_, std::make_shared<FailingWriter>()});
  write_trace(1);
  common::HttpResponse r = call("POST", "/api/archive/1");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("archive cluster unavailable"), std::string::npos) << r.body;
}

TEST_F(ArchiveApiTest, QueryServiceOutcomesAndRawCopy) {
  EXPECT_TRUE(service_->archive_available());
  EXPECT_EQ(service_->archive_trace(model::TraceID{0, 1}), ArchiveOutcome::TraceNotFound);
  write_trace(1);
  EXPECT_EQ(service_->archive_trace(model::TraceID{0, 1}), ArchiveOutcome::Archived);
  // The archive holds the trace as stored (not adjusted): same spans as the primary's raw trace.
  auto stored = primary_->get_trace(model::TraceID{0, 1});
  auto archived = archive_store_->get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(stored && archived);
  EXPECT_EQ(archived->spans.size(), stored->spans.size());
  build(storage::ArchiveStorage{});
  EXPECT_EQ(service_->archive_trace(model::TraceID{0, 1}), ArchiveOutcome::NoArchiveStorage);
}

TEST_F(ArchiveApiTest, GrpcV2ArchiveTrace) {
  QueryGrpcCalls calls(metrics_);
  QueryV2GrpcService v2(*service_, calls);
  write_trace(1);
  jaeger::api_v2::ArchiveTraceRequest req;
  std::string id(16, '\0');
  id[15] = 1;
  req.set_trace_id(id);
  jaeger::api_v2::ArchiveTraceResponse resp;
  grpc::ServerContext ctx;
  EXPECT_TRUE(v2.ArchiveTrace(&ctx, &req, &resp).ok());
  EXPECT_TRUE(archive_store_->get_trace(model::TraceID{0, 1}));

  id[15] = 9;
  req.set_trace_id(id);
  grpc::ServerContext ctx2;
  grpc::Status missing = v2.ArchiveTrace(&ctx2, &req, &resp);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_message(), "trace not found: trace not found");
}

}  // namespace
}  // namespace peregrine::query::testing
