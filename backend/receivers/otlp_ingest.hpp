// The protocol-independent part of OTLP ingest shared by the gRPC and HTTP receivers: decode and convert an
// ExportTraceServiceRequest (protobuf bytes straight to the model on the fast path, see otlp_wire_to_model.hpp;
// otherwise protobuf parsing and the message conversion), hand the batch to the Sink, count rejections, and
// report the outcome for the transport to map onto its status codes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <google/protobuf/arena.h>

#include "backend/common/metrics.hpp"
#include "backend/convert/otlp_to_model.hpp"
#include "backend/pipeline/sink.hpp"

namespace peregrine::receivers {

enum class OtlpIngestStatus {
  Accepted,         // every span taken by the pipeline (or the request had none)
  InvalidArgument,  // bad IDs etc.: nothing taken (gRPC INVALID_ARGUMENT / HTTP 400)
  QueueFull,        // back-pressure: retry later (gRPC RESOURCE_EXHAUSTED / HTTP 503)
  ShuttingDown,     // server stopping (gRPC UNAVAILABLE / HTTP 503)
  Undecodable,      // the bytes are not a protobuf ExportTraceServiceRequest: nothing taken, nothing counted
};

struct OtlpIngestOutcome {
  OtlpIngestStatus status = OtlpIngestStatus::Accepted;
  std::string message;  // human-readable reason when not Accepted
  size_t spans = 0;     // spans in the request
};

// Span format label passed to the Sink for OTLP data, whatever the encoding (protobuf or JSON).
inline constexpr const char* kOtlpSpanFormat = "proto";

// Arena settings for decoding export requests: arena parsing avoids one heap allocation per message/string,
// which roughly doubles decode throughput; the blocks grow up to 1 MiB for large batches.
inline google::protobuf::ArenaOptions otlp_arena_options() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 8u << 10;
  options.max_block_size = 1u << 20;
  return options;
}

// Protobuf-encoded request bytes. Undecodable when protobuf cannot parse them; `message` is then what gRPC reports
// for a request it cannot deserialize (the message's InitializationErrorString()).
OtlpIngestOutcome ingest_otlp_protobuf(std::string_view request_bytes, pipeline::Sink& sink,
                                       const std::string& transport, const std::string& encoding,
                                       common::MetricsRegistry* metrics);

// Consumes `request` (strings are moved into the batch). `transport` labels metrics: "grpc" or "http".
// `encoding` ("proto" / "json") labels the rejection metrics only. `metrics` may be null.
OtlpIngestOutcome ingest_otlp_request(convert::OtlpExportRequest&& request, pipeline::Sink& sink,
                                      const std::string& transport, const std::string& encoding,
                                      common::MetricsRegistry* metrics);

// Counts a rejected request: peregrine_otlp_requests_rejected_total{transport,encoding,reason} and, when the
// span count is known (spans > 0), jaeger_collector_spans_rejected_total{transport,format}.
void count_otlp_rejection(common::MetricsRegistry* metrics, const std::string& transport,
                          const std::string& encoding, const std::string& reason, size_t spans);

}  // namespace peregrine::receivers
