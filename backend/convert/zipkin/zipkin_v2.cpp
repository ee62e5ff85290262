// Zipkin v2 → normalised v1 span translation and endpoint address parsing.
#include "backend/convert/zipkin/zipkin_v2.hpp"

#include <arpa/inet.h>

namespace peregrine::convert::zipkin {

std::optional<int32_t> parse_ipv4(const std::string& text) {
  in_addr addr{};
  if (inet_pton(AF_INET, text.c_str(), &addr) != 1) return std::nullopt;
  return static_cast<int32_t>(ntohl(addr.s_addr));
}

std::optional<std::string> parse_ipv6(const std::string& text) {
  in6_addr addr{};
  if (inet_pton(AF_INET6, text.c_str(), &addr) != 1) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(addr.s6_addr), 16);
}

Span v2_to_v1(const V2Span& s) {
  Span out;
  out.trace_id_high = s.trace_id_high;
  out.trace_id = s.trace_id;
  out.id = s.id;
  out.parent_id = s.parent_id;
  out.name = s.name;
  out.debug = s.debug;
  out.timestamp = s.timestamp;
  out.duration = s.duration;
  out.local_endpoint = s.local_endpoint;
  const std::optional<Endpoint>& local = s.local_endpoint;
  for (const auto& a : s.annotations) out.annotations.push_back({a.timestamp, a.value, local});
  for (const auto& [k, v] : s.tags) out.binary_annotations.push_back({k, v, AnnotationType::String, local});
  switch (s.kind) {
    case SpanKind::Server:
      out.annotations.push_back({s.timestamp, kServerRecv, local});
      out.annotations.push_back({s.timestamp + s.duration, kServerSend, local});
      break;
    case SpanKind::Client:
      out.annotations.push_back({s.timestamp, kClientSend, local});
      out.annotations.push_back({s.timestamp + s.duration, kClientRecv, local});
      break;
    case SpanKind::Producer: out.annotations.push_back({s.timestamp, kMessageSend, local}); break;
    case SpanKind::Consumer: out.annotations.push_back({s.timestamp, kMessageRecv, local}); break;
    case SpanKind::Unspecified: break;
  }
  if (s.remote_endpoint) {
    const char* key = kServerAddr;
    if (s.kind == SpanKind::Server) key = kClientAddr;
    if (s.kind == SpanKind::Producer || s.kind == SpanKind::Consumer) key = kMessageAddr;
    out.binary_annotations.push_back({key, std::string(1, '\1'), AnnotationType::Bool, s.remote_endpoint});
  }
  return out;
}

}  // namespace peregrine::convert::zipkin
