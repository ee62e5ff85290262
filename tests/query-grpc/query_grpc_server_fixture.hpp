// GoogleTest fixture: a MemoryStore holding the known traces, a QueryService with its own metrics registry, a
// QueryGrpcServer on 127.0.0.1:0 and a channel to it; plus helpers that drain server-streaming calls.
#pragma once
#include <gtest/gtest.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "backend/common/metrics.hpp"
#include "backend/query/grpc/query_grpc_server.hpp"
#include "backend/query/query_service.hpp"
#include "backend/storage/memory/memory_store.hpp"
#include "google/protobuf/timestamp.pb.h"
#include "jaeger/api_v3/query_service.grpc.pb.h"
#include "jaeger/query.grpc.pb.h"
#include "tests/query-grpc/known_traces.hpp"

namespace peregrine::query::testing {

template <typename Message>
struct StreamResult {
  std::vector<Message> messages;
  grpc::Status status;
};

// Reads every message of a server-streaming call, then its final status.
template <typename Message>
StreamResult<Message> drain(std::unique_ptr<grpc::ClientReader<Message>> reader) {
  StreamResult<Message> out;
  Message m;
  while (reader->Read(&m)) out.messages.push_back(m);
  out.status = reader->Finish();
  return out;
}

inline void set_time_us(int64_t us, google::protobuf::Timestamp* ts) {
  ts->set_seconds(us / 1000000);
  ts->set_nanos(static_cast<int32_t>((us % 1000000) * 1000));
}

inline std::string trace_id_bytes(const model::TraceID& id) {
  std::string out(16, '\0');
  id.to_bytes(reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

class QueryGrpcServerTest : public ::testing::Test {
 protected:
  QueryGrpcServerTest() {
    store_ = std::make_shared<storage::memory::MemoryStore>();
    write_known_traces(*store_);
    service_ = std::make_unique<QueryService>(store_, store_, QueryServiceOptions{}, metrics_);
    server_ = std::make_unique<QueryGrpcServer>("127.0.0.1:0", *service_, metrics_);
    server_->start();
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
    v2_ = jaeger::api_v2::QueryService::NewStub(channel_);
    v3_ = jaeger::api_v3::QueryService::NewStub(channel_);
  }
  ~QueryGrpcServerTest() override { server_->stop(); }

  StreamResult<jaeger::api_v2::SpansResponseChunk> v2_get_trace(const std::string& id_bytes, bool raw = false) {
    grpc::ClientContext ctx;
    jaeger::api_v2::GetTraceRequest req;
    req.set_trace_id(id_bytes);
    req.set_raw_traces(raw);
    return drain(v2_->GetTrace(&ctx, req));
  }

  StreamResult<jaeger::api_v2::SpansResponseChunk> v2_find(const jaeger::api_v2::FindTracesRequest& req) {
    grpc::ClientContext ctx;
    return drain(v2_->FindTraces(&ctx, req));
  }

  StreamResult<opentelemetry::proto::trace::v1::TracesData> v3_get_trace(const std::string& hex, bool raw = false) {
    grpc::ClientContext ctx;
    jaeger::api_v3::GetTraceRequest req;
    req.set_trace_id(hex);
    req.set_raw_traces(raw);
    return drain(v3_->GetTrace(&ctx, req));
  }

  StreamResult<opentelemetry::proto::trace::v1::TracesData> v3_find(const jaeger::api_v3::FindTracesRequest& req) {
    grpc::ClientContext ctx;
    return drain(v3_->FindTraces(&ctx, req));
  }

  // A search window around every known trace.
  template <typename Params>
  static void set_window(Params* query) {
    set_time_us(kBaseUs - 3600LL * 1000000, query->mutable_start_time_min());
    set_time_us(kBaseUs + 3600LL * 1000000, query->mutable_start_time_max());
  }

  common::MetricsRegistry metrics_;
  std::shared_ptr<storage::memory::MemoryStore> store_;
  std::unique_ptr<QueryService> service_;
  std::unique_ptr<QueryGrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<jaeger::api_v2::QueryService::Stub> v2_;
  std::unique_ptr<jaeger::api_v3::QueryService::Stub> v3_;
};

}  // namespace peregrine::query::testing
