// Jaeger collector HTTP receiver (see jaeger_http_receiver.hpp).
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"

#include <algorithm>

#include "backend/common/compression.hpp"
#include "backend/common/http_router.hpp"
#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"
#include "backend/receivers/jaeger/media_type.hpp"
#include "backend/receivers/jaeger/span_ingest.hpp"
#include "backend/sampling/sampling_http.hpp"

namespace peregrine::receivers {

common::HttpResponse handle_jaeger_thrift_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                               common::MetricsRegistry* metrics, size_t max_decompressed_bytes) {
  IngestLabels labels{"jaeger", "http", "thrift", "jaeger"};
  const std::string type = media_type(request.header("Content-Type").value_or(""));
  if (type != "application/x-thrift" && type != "application/vnd.apache.thrift.binary") {
    count_rejection(metrics, labels, "unsupported_media_type", 0);
    return common::HttpResponse::text(400, "Unsupported content type: " + html_escape(type) + "\n");
  }
  std::string inflated;
  std::string_view body = request.body;
  if (content_encoding_is_gzip(request)) {
    auto out = common::gunzip(request.body, max_decompressed_bytes);
    if (!out) return reject_bad_body(metrics, labels, "cannot decompress gzip body");
    inflated = std::move(*out);
    body = inflated;
  }
  auto decoded = convert::jaeger_batch_from_thrift(body, convert::thrift::Protocol::Binary);
  if (!decoded.ok()) return reject_bad_body(metrics, labels, decoded.error);
  return http_response_for(submit_spans(std::move(decoded.batch), sink, labels, metrics));
}

common::HttpHandler make_jaeger_http_handler(pipeline::Sink& sink, common::MetricsRegistry* metrics,
                                             sampling::StrategyProvider* sampling, size_t max_decompressed_bytes) {
  common::HttpRouter router;
  router.add("POST", "/api/traces", [&sink, metrics, max_decompressed_bytes](const common::HttpRequest& r, const common::PathParams&) {
    return handle_jaeger_thrift_http(r, sink, metrics, max_decompressed_bytes);
  });
  if (sampling) {
    sampling::SamplingRoutes routes;
    routes.base_path = "/api";
    routes.metrics = metrics;
    routes.metrics_prefix = "jaeger_collector";
    sampling::add_sampling_routes(router, *sampling, routes);
  }
  return router.as_handler();
}

JaegerHttpReceiver::JaegerHttpReceiver(JaegerHttpOptions options, pipeline::Sink& sink,
                                       common::MetricsRegistry& metrics, sampling::StrategyProvider* sampling) {
  common::HttpServerOptions server;
  server.host_port = options.host_port;
  server.max_body_bytes = options.max_body_bytes;
  server.threads = options.threads;
  server.name = "jaeger-http";
  common::HttpHandler handler = make_jaeger_http_handler(sink, &metrics, sampling, options.max_body_bytes);
  if (!options.cohosted_routes.empty()) {
    handler = [jaeger = std::move(handler), routes = options.cohosted_routes](const common::HttpRequest& req) {
      for (const auto& [path, route] : routes) {
        if (req.path == path) return route(req);
      }
      return jaeger(req);
    };
  }
  server_ = std::make_unique<common::HttpServer>(server, std::move(handler), options.tls);
}

JaegerHttpReceiver::~JaegerHttpReceiver() { stop(); }
void JaegerHttpReceiver::start() { server_->start(); }
uint16_t JaegerHttpReceiver::port() const { return server_->port(); }
void JaegerHttpReceiver::stop() { server_->stop(); }

}  // namespace peregrine::receivers
