// The Zipkin v2 span (JSON or protobuf) and its translation into the normalised v1 form, as Jaeger's collector
// does: kind CLIENT → cs/cr annotations, SERVER → sr/ss, PRODUCER → ms, CONSUMER → mr (timestamps from
// timestamp/duration, host = local endpoint); annotations keep the local endpoint as host; tags → STRING
// binary annotations; remote endpoint → sa (client or no kind) / ca (server) / ma (messaging) annotation.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backend/convert/zipkin/zipkin_span.hpp"

namespace peregrine::convert::zipkin {

enum class SpanKind { Unspecified, Client, Server, Producer, Consumer };

struct V2Annotation {
  int64_t timestamp = 0;
  std::string value;
};

struct V2Span {
  uint64_t trace_id_high = 0;
  uint64_t trace_id = 0;
  std::optional<uint64_t> parent_id;
  uint64_t id = 0;
  SpanKind kind = SpanKind::Unspecified;
  std::string name;
  int64_t timestamp = 0;
  int64_t duration = 0;
  std::optional<Endpoint> local_endpoint;
  std::optional<Endpoint> remote_endpoint;
  std::vector<V2Annotation> annotations;
  std::vector<std::pair<std::string, std::string>> tags;
  bool debug = false;
  bool shared = false;
};

Span v2_to_v1(const V2Span& s);

// Parses dotted IPv4 text into host byte order; nullopt when not an IPv4 address.
std::optional<int32_t> parse_ipv4(const std::string& text);
// Parses IPv6 text into 16 bytes; nullopt when invalid.
std::optional<std::string> parse_ipv6(const std::string& text);

}  // namespace peregrine::convert::zipkin
