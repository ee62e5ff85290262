// QueryRuntime wiring: query service + router + UI fallback on one HTTP server.
#include "backend/runtime/query_runtime.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "backend/query/query_flags.hpp"
#include "backend/query/query_router.hpp"
#include "backend/runtime/ui_config_capabilities.hpp"
#include "backend/ui/ui_assets.hpp"

namespace peregrine::runtime {

void define_query_runtime_flags(common::Config& cfg) { query::define_query_flags(cfg); }

namespace {
std::string read_ui_config(const std::string& path) {
  if (path.empty()) return "";
  std::ifstream in(path);
  if (!in) throw common::ConfigError("cannot read --query.ui-config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string json = ss.str();
  if (auto err = ui::validate_ui_config(json)) {
    throw common::ConfigError("invalid --query.ui-config file " + path + ": " + *err);
  }
  return json;
}
}  // namespace

QueryRuntime::QueryRuntime(const common::Config& cfg, std::shared_ptr<storage::SpanReader> reader,
                           std::shared_ptr<storage::DependencyReader> dependencies, common::MetricsRegistry& metrics,
                           storage::ArchiveStorage archive) {
  auto flags = query::read_query_flags(cfg);
  query::QueryServiceOptions sopts;
  sopts.max_clock_skew_adjustment = flags.max_clock_skew_adjustment;
  sopts.archive = std::move(archive);
  service_ = std::make_unique<query::QueryService>(std::move(reader), std::move(dependencies), sopts, metrics);
  query::QueryGrpcServerOptions grpc_opts;
  grpc_opts.host_port = flags.grpc_host_port;
  grpc_opts.tls = flags.grpc_tls;
  grpc_ = std::make_unique<query::QueryGrpcServer>(grpc_opts, *service_, metrics);

  ui::UiOptions ui_opts;
  ui_opts.base_path = flags.base_path;
  ui_opts.ui_config_json =
      ui_config_with_archive_capability(read_ui_config(flags.ui_config), service_->archive_available());

  query::QueryApiOptions api;
  api.base_path = flags.base_path;
  api.ui_fallback = ui::make_ui_handler(ui_opts);
  common::HttpHandler handler = make_query_router(*service_, api).as_handler();
  if (!flags.additional_headers.empty()) handler = query::with_additional_headers(handler, flags.additional_headers);

  common::HttpServerOptions hopts;
  hopts.host_port = flags.http_host_port;
  hopts.name = "query-http";
  http_ = std::make_unique<common::HttpServer>(hopts, std::move(handler), flags.http_tls);
}

QueryRuntime::~QueryRuntime() { stop(); }

void QueryRuntime::start() {
  http_->start();
  grpc_->start();
  spdlog::info("query listening: HTTP (API + UI) :{}, gRPC (api_v2 + api_v3) :{}", http_->port(), grpc_->port());
}

size_t QueryRuntime::stop() {
  if (http_) http_->stop();
  if (grpc_) grpc_->stop();
  return 0;
}

std::map<std::string, uint16_t> QueryRuntime::ports() const {
  return {{"query_http", http_->port()}, {"query_grpc", grpc_->port()}};
}

}  // namespace peregrine::runtime
