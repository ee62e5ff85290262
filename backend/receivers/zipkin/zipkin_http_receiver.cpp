// Zipkin HTTP receiver (see zipkin_http_receiver.hpp).
#include "backend/receivers/zipkin/zipkin_http_receiver.hpp"

#include "backend/common/compression.hpp"
#include "backend/common/http_router.hpp"
#include "backend/convert/zipkin/zipkin_json.hpp"
#include "backend/convert/zipkin/zipkin_proto.hpp"
#include "backend/convert/zipkin/zipkin_thrift.hpp"
#include "backend/convert/zipkin/zipkin_to_model.hpp"
#include "backend/receivers/jaeger/media_type.hpp"
#include "backend/receivers/jaeger/span_ingest.hpp"

namespace peregrine::receivers {
namespace {

enum class Version { V1, V2 };

common::HttpResponse handle(Version version, const common::HttpRequest& request, pipeline::Sink& sink,
                            common::MetricsRegistry* metrics, size_t max_decompressed_bytes) {
  const std::string type = media_type(request.header("Content-Type").value_or(""));
  std::string encoding;
  if (type == "application/json") encoding = "json";
  else if (version == Version::V2 && (type == "application/x-protobuf" || type == "application/protobuf")) encoding = "proto";
  else if (version == Version::V1 && type == "application/x-thrift") encoding = "thrift";
  IngestLabels labels{"zipkin", "http", encoding.empty() ? "unknown" : encoding, "zipkin"};
  if (encoding.empty()) {
    count_rejection(metrics, labels, "unsupported_media_type", 0);
    return common::HttpResponse::text(400, "Unsupported Content-Type\n");
  }
  std::string inflated;
  std::string_view body = request.body;
  if (content_encoding_is_gzip(request)) {
    auto out = common::gunzip(request.body, max_decompressed_bytes);
    if (!out) return reject_bad_body(metrics, labels, "cannot decompress gzip body");
    inflated = std::move(*out);
    body = inflated;
  }
  convert::zipkin::DecodeResult decoded;
  if (version == Version::V2) {
    decoded = encoding == "json" ? convert::zipkin_spans_from_json_v2(body) : convert::zipkin_spans_from_proto_v2(body);
  } else {
    decoded = encoding == "json" ? convert::zipkin_spans_from_json_v1(body)
                                 : convert::zipkin_spans_from_thrift(body, convert::thrift::Protocol::Binary);
  }
  if (!decoded.ok()) return reject_bad_body(metrics, labels, decoded.error);
  return http_response_for(submit_spans(convert::zipkin_to_model(decoded.spans), sink, labels, metrics));
}

bool origin_allowed(const ZipkinHttpOptions& o, const std::string& origin) {
  for (const auto& allowed : o.allowed_origins)
    if (allowed == "*" || allowed == origin) return true;
  return false;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

void define_zipkin_receiver_flags(common::Config& config) {
  config.define("collector.zipkin.host-port", "",
                "The host:port (e.g. 127.0.0.1:9411 or :9411) of the collector's Zipkin server (disabled if empty)");
  config.define("collector.zipkin.allowed-origins", "*",
                "Comma separated list of allowed origins for the Zipkin endpoint (CORS)");
  config.define("collector.zipkin.allowed-headers", "content-type",
                "Comma separated list of allowed headers for the Zipkin endpoint (CORS)");
  config.define("collector.zipkin.keep-alive", "true", "KeepAlive configures allow Keep-Alive for Zipkin HTTP server");
  common::define_tls_server_flags(config, "collector.zipkin", "the Zipkin server");
}

ZipkinHttpOptions zipkin_options_from_config(const common::Config& config) {
  ZipkinHttpOptions o;
  o.host_port = config.get("collector.zipkin.host-port");
  o.allowed_origins = config.get_list("collector.zipkin.allowed-origins");
  o.allowed_headers = config.get_list("collector.zipkin.allowed-headers");
  o.tls = common::tls_server_settings_from_config(config, "collector.zipkin");
  return o;
}

common::HttpResponse handle_zipkin_v2_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                           common::MetricsRegistry* metrics, size_t max_decompressed_bytes) {
  return handle(Version::V2, request, sink, metrics, max_decompressed_bytes);
}

common::HttpResponse handle_zipkin_v1_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                           common::MetricsRegistry* metrics, size_t max_decompressed_bytes) {
  return handle(Version::V1, request, sink, metrics, max_decompressed_bytes);
}

common::HttpHandler make_zipkin_http_handler(pipeline::Sink& sink, const ZipkinHttpOptions& options,
                                             common::MetricsRegistry* metrics) {
  common::HttpRouter router;
  size_t limit = options.max_body_bytes;
  router.add("POST", "/api/v2/spans", [&sink, metrics, limit](const common::HttpRequest& r, const common::PathParams&) {
    return handle_zipkin_v2_http(r, sink, metrics, limit);
  });
  router.add("POST", "/api/v1/spans", [&sink, metrics, limit](const common::HttpRequest& r, const common::PathParams&) {
    return handle_zipkin_v1_http(r, sink, metrics, limit);
  });
  return [router, options](const common::HttpRequest& r) {
    auto origin = r.header("Origin");
    bool cors = origin && origin_allowed(options, *origin);
    if (r.method == "OPTIONS") {
      auto resp = common::HttpResponse::text(204, "");
      if (cors) {
        resp.headers.emplace_back("Access-Control-Allow-Origin", *origin);
        resp.headers.emplace_back("Access-Control-Allow-Methods", "POST, OPTIONS");
        resp.headers.emplace_back("Access-Control-Allow-Headers", join(options.allowed_headers));
        resp.headers.emplace_back("Vary", "Origin");
      }
      return resp;
    }
    auto resp = router.handle(r);
    if (cors) {
      resp.headers.emplace_back("Access-Control-Allow-Origin", *origin);
      resp.headers.emplace_back("Vary", "Origin");
    }
    return resp;
  };
}

ZipkinHttpReceiver::ZipkinHttpReceiver(ZipkinHttpOptions options, pipeline::Sink& sink,
                                       common::MetricsRegistry& metrics) {
  common::HttpServerOptions server;
  server.host_port = options.host_port.empty() ? ":9411" : options.host_port;
  server.max_body_bytes = options.max_body_bytes;
  server.threads = options.threads;
  server.name = "zipkin-http";
  server_ = std::make_unique<common::HttpServer>(server, make_zipkin_http_handler(sink, options, &metrics), options.tls);
}

ZipkinHttpReceiver::~ZipkinHttpReceiver() { stop(); }
void ZipkinHttpReceiver::start() { server_->start(); }
uint16_t ZipkinHttpReceiver::port() const { return server_->port(); }
void ZipkinHttpReceiver::stop() { server_->stop(); }

}  // namespace peregrine::receivers
