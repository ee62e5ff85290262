// QueryRuntime: the query half of a binary — QueryService over a SpanReader, the Jaeger HTTP API (v1 + v3) and the
// embedded web UI on --query.http-server.host-port (honouring --query.base-path and --query.ui-config), and the gRPC
// query API (jaeger.api_v2 + api_v3 QueryService) on --query.grpc-server.host-port; each optionally over TLS
// (--query.http.tls.*, --query.grpc.tls.*). With archive storage, trace reads fall back to it, POST
// /api/archive/{traceID} (and api_v2 ArchiveTrace) copy traces into it, and the UI config gets "archiveEnabled".
// Shared by peregrine-query and peregrine-all-in-one.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "backend/common/config.hpp"
#include "backend/common/http_server.hpp"
#include "backend/common/metrics.hpp"
#include "backend/query/grpc/query_grpc_server.hpp"
#include "backend/query/query_service.hpp"
#include "backend/runtime/binary_main.hpp"
#include "backend/storage/archive_storage.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::runtime {

void define_query_runtime_flags(common::Config& cfg);

class QueryRuntime : public Component {
 public:
  // Throws common::ConfigError for an unreadable or invalid --query.ui-config file.
  QueryRuntime(const common::Config& cfg, std::shared_ptr<storage::SpanReader> reader,
               std::shared_ptr<storage::DependencyReader> dependencies, common::MetricsRegistry& metrics,
               storage::ArchiveStorage archive = {});
  ~QueryRuntime() override;
  void start() override;
  size_t stop() override;
  std::map<std::string, uint16_t> ports() const override;  // "query_http", "query_grpc"

 private:
  std::unique_ptr<query::QueryService> service_;
  std::unique_ptr<query::QueryGrpcServer> grpc_;
  std::unique_ptr<common::HttpServer> http_;
};

}  // namespace peregrine::runtime
