// OTLP/HTTP receiver: request decoding, status mapping, CORS wiring and the owning server
// (see otlp_http_receiver.hpp).
#include "backend/receivers/otlp_http_receiver.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "backend/common/compression.hpp"
#include "backend/common/http_router.hpp"
#include "backend/convert/otlp_json.hpp"
#include "backend/receivers/otlp_ingest.hpp"
#include "google/rpc/status.pb.h"

namespace peregrine::receivers {
namespace {

constexpr const char* kTransport = "http";
constexpr const char* kProtobufType = "application/x-protobuf";
constexpr const char* kJsonType = "application/json";
constexpr int kRpcInvalidArgument = 3;
constexpr int kRpcInternal = 13;
constexpr int kRpcUnavailable = 14;

enum class Encoding { Protobuf, Json };

const char* encoding_label(Encoding e) { return e == Encoding::Json ? "json" : "proto"; }

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "application/json; charset=utf-8" → Json. nullopt for unsupported media types.
std::optional<Encoding> encoding_of(const common::HttpRequest& request) {
  const std::string value = request.header("Content-Type").value_or("");
  const std::string media_type = lower_trimmed(std::string_view(value).substr(0, value.find(';')));
  if (media_type == kProtobufType) return Encoding::Protobuf;
  if (media_type == kJsonType) return Encoding::Json;
  return std::nullopt;
}

// An OTLP/HTTP error: google.rpc.Status in the request's encoding.
common::HttpResponse status_response(int http_status, int rpc_code, const std::string& message, Encoding encoding) {
  common::HttpResponse response;
  response.status = http_status;
  if (encoding == Encoding::Protobuf) {
    google::rpc::Status status;
    status.set_code(rpc_code);
    status.set_message(message);
    response.content_type = kProtobufType;
    response.body = status.SerializeAsString();
  } else {
    response.content_type = kJsonType;
    response.body = nlohmann::json{{"code", rpc_code}, {"message", message}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return response;
}

common::HttpResponse bad_request(const std::string& message, Encoding encoding, const OtlpHttpHandlerOptions& options,
                                 const char* reason) {
  count_otlp_rejection(options.metrics, kTransport, encoding_label(encoding), reason, 0);
  return status_response(400, kRpcInvalidArgument, message, encoding);
}

common::HttpResponse success_response(Encoding encoding) {
  common::HttpResponse response;
  response.status = 200;
  if (encoding == Encoding::Protobuf) {
    response.content_type = kProtobufType;
    response.body = opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse().SerializeAsString();
  } else {
    response.content_type = kJsonType;
    response.body = "{}";
  }
  return response;
}

}  // namespace

common::HttpResponse handle_otlp_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                      const OtlpHttpHandlerOptions& options) {
  if (request.method != "POST") {
    common::HttpResponse response = common::HttpResponse::text(405, "405 method not allowed, supported: [POST]");
    response.headers.emplace_back("Allow", "POST");
    return response;
  }
  const std::optional<Encoding> encoding = encoding_of(request);
  if (!encoding) {
    count_otlp_rejection(options.metrics, kTransport, "unknown", "unsupported_media_type", 0);
    return common::HttpResponse::text(
        415, "415 unsupported media type, supported: [application/json, application/x-protobuf]");
  }

  // Decompress when needed; `body` views either the request body or `inflated`.
  std::string_view body = request.body;
  std::optional<std::string> inflated;
  const std::string content_encoding = lower_trimmed(request.header("Content-Encoding").value_or(""));
  if (content_encoding == "gzip" || content_encoding == "deflate" || content_encoding == "x-gzip") {
    inflated = common::gunzip(request.body, options.max_decompressed_bytes);
    if (!inflated) {
      return bad_request("cannot decompress " + content_encoding + " body (corrupt, or larger than " +
                             std::to_string(options.max_decompressed_bytes) + " bytes once decompressed)",
                         *encoding, options, "malformed");
    }
    body = *inflated;
  } else if (!content_encoding.empty() && content_encoding != "identity") {
    return bad_request("unsupported Content-Encoding \"" + content_encoding + "\", supported: [gzip, deflate]",
                       *encoding, options, "malformed");
  }

  // Protobuf bodies are decoded straight from the bytes (otlp_ingest.hpp); JSON ones come back from the JSON codec
  // as a message.
  OtlpIngestOutcome outcome;
  if (*encoding == Encoding::Protobuf) {
    outcome = ingest_otlp_protobuf(body, sink, kTransport, encoding_label(*encoding), options.metrics);
    if (outcome.status == OtlpIngestStatus::Undecodable) {
      return bad_request("cannot decode protobuf ExportTraceServiceRequest", *encoding, options, "malformed");
    }
  } else {
    convert::OtlpJsonParseResult parsed_json = convert::parse_otlp_json(body);
    if (!parsed_json.ok()) return bad_request(parsed_json.error, *encoding, options, "malformed");
    inflated.reset();
    outcome = ingest_otlp_request(std::move(parsed_json.request), sink, kTransport, encoding_label(*encoding),
                                  options.metrics);
  }
  switch (outcome.status) {
    case OtlpIngestStatus::Accepted:
      return success_response(*encoding);
    case OtlpIngestStatus::InvalidArgument:
      return status_response(400, kRpcInvalidArgument, outcome.message, *encoding);
    case OtlpIngestStatus::Undecodable:  // handled above
      break;
    case OtlpIngestStatus::QueueFull:
    case OtlpIngestStatus::ShuttingDown: {
      common::HttpResponse response = status_response(503, kRpcUnavailable, outcome.message, *encoding);
      response.headers.emplace_back("Retry-After", "1");
      return response;
    }
  }
  return status_response(500, kRpcInternal, "unexpected ingest outcome", *encoding);
}

common::HttpHandler make_otlp_http_handler(pipeline::Sink& sink, const OtlpHttpOptions& options,
                                           common::MetricsRegistry* metrics) {
  OtlpHttpHandlerOptions handler_options;
  handler_options.max_decompressed_bytes = options.max_body_bytes;
  handler_options.metrics = metrics;
  const CorsPolicy cors = options.cors;

  common::HttpRouter router;
  auto post = [&sink, handler_options, cors](const common::HttpRequest& request, const common::PathParams&) {
    common::HttpResponse response = handle_otlp_http(request, sink, handler_options);
    apply_cors_headers(request, cors, response);
    return response;
  };
  router.add("POST", "/v1/traces", post);
  router.add("POST", "/", post);
  if (cors.enabled()) {
    auto preflight = [cors](const common::HttpRequest& request, const common::PathParams&) {
      return cors_preflight_response(request, cors);
    };
    router.add("OPTIONS", "/v1/traces", preflight);
    router.add("OPTIONS", "/", preflight);
  }
  return router.as_handler();
}

OtlpHttpReceiver::OtlpHttpReceiver(OtlpHttpOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics) {
  common::HttpServerOptions server_options;
  server_options.host_port = options.host_port;
  server_options.max_body_bytes = options.max_body_bytes;
  server_options.threads = options.threads;
  server_options.name = "otlp-http";
  server_ = std::make_unique<common::HttpServer>(server_options, make_otlp_http_handler(sink, options, &metrics),
                                                 options.tls);
}

OtlpHttpReceiver::~OtlpHttpReceiver() { stop(); }

void OtlpHttpReceiver::start() { server_->start(); }

uint16_t OtlpHttpReceiver::port() const { return server_->port(); }

void OtlpHttpReceiver::stop() { server_->stop(); }

}  // namespace peregrine::receivers
