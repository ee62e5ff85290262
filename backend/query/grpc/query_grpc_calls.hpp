// Running one gRPC query call: exceptions from the query service become statuses, and every call's outcome is
// counted as peregrine_query_grpc_requests_total{method, code} (code = gRPC status name, e.g. "OK",
// "NOT_FOUND"). Mapping: storage::StorageError (storage unreachable / timed out) → UNAVAILABLE, any other
// exception → INTERNAL; the message is "<failure prefix>: <what()>" as Jaeger words its query errors.
#pragma once
#include <grpcpp/support/status.h>

#include <exception>
#include <string>

#include "backend/common/metrics.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::query {

// "OK", "CANCELLED", …, "UNAUTHENTICATED".
const char* grpc_status_code_name(grpc::StatusCode code);

class QueryGrpcCalls {
 public:
  explicit QueryGrpcCalls(common::MetricsRegistry& metrics) : metrics_(metrics) {}

  template <typename Handler>
  grpc::Status run(const char* method, const char* failure_prefix, Handler&& handler) {
    grpc::Status status;
    try {
      status = handler();
    } catch (const storage::StorageError& e) {
      status = grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(failure_prefix) + ": " + e.what());
    } catch (const std::exception& e) {
      status = grpc::Status(grpc::StatusCode::INTERNAL, std::string(failure_prefix) + ": " + e.what());
    }
    record(method, status.error_code());
    return status;
  }

 private:
  void record(const char* method, grpc::StatusCode code);
  common::MetricsRegistry& metrics_;
};

}  // namespace peregrine::query
