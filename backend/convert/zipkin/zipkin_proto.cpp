// Zipkin v2 protobuf decoding (see zipkin_proto.hpp).
#include "backend/convert/zipkin/zipkin_proto.hpp"

#include "backend/convert/zipkin/zipkin_v2.hpp"
#include "zipkin/zipkin.pb.h"

namespace peregrine::convert {
namespace {

uint64_t be64(const std::string& b, size_t off) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(b[off + i]);
  return v;
}

std::optional<zipkin::Endpoint> endpoint(bool has, const ::zipkin::proto3::Endpoint& e, std::string& error) {
  if (!has) return std::nullopt;
  zipkin::Endpoint out;
  out.service_name = e.service_name();
  if (e.ipv4().size() == 4) {
    out.ipv4 = static_cast<int32_t>(be64(std::string(4, '\0') + e.ipv4(), 0));
  } else if (!e.ipv4().empty()) {
    error = "endpoint ipv4 must be 4 bytes";
  }
  if (e.ipv6().size() == 16) {
    out.ipv6 = e.ipv6();
  } else if (!e.ipv6().empty()) {
    error = "endpoint ipv6 must be 16 bytes";
  }
  if (e.port() < 0 || e.port() > 65535) error = "endpoint port out of range";
  out.port = e.port();
  return out;
}

}  // namespace

zipkin::DecodeResult zipkin_spans_from_proto_v2(std::string_view body) {
  zipkin::DecodeResult out;
  ::zipkin::proto3::ListOfSpans list;
  if (body.size() > static_cast<size_t>(INT32_MAX) || !list.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    out.error = "cannot parse zipkin.proto3.ListOfSpans";
    return out;
  }
  out.spans.reserve(list.spans_size());
  for (int i = 0; i < list.spans_size(); ++i) {
    const auto& p = list.spans(i);
    zipkin::V2Span s;
    std::string error;
    if (p.trace_id().size() == 16) {
      s.trace_id_high = be64(p.trace_id(), 0);
      s.trace_id = be64(p.trace_id(), 8);
    } else if (p.trace_id().size() == 8) {
      s.trace_id = be64(p.trace_id(), 0);
    } else {
      error = "trace_id must be 8 or 16 bytes";
    }
    if (p.id().size() == 8) {
      s.id = be64(p.id(), 0);
    } else {
      error = "id must be 8 bytes";
    }
    if (p.parent_id().size() == 8) {
      s.parent_id = be64(p.parent_id(), 0);
    } else if (!p.parent_id().empty()) {
      error = "parent_id must be 8 bytes";
    }
    switch (p.kind()) {
      case ::zipkin::proto3::Span::CLIENT: s.kind = zipkin::SpanKind::Client; break;
      case ::zipkin::proto3::Span::SERVER: s.kind = zipkin::SpanKind::Server; break;
      case ::zipkin::proto3::Span::PRODUCER: s.kind = zipkin::SpanKind::Producer; break;
      case ::zipkin::proto3::Span::CONSUMER: s.kind = zipkin::SpanKind::Consumer; break;
      default: break;
    }
    s.name = p.name();
    s.timestamp = static_cast<int64_t>(p.timestamp());
    s.duration = static_cast<int64_t>(p.duration());
    s.local_endpoint = endpoint(p.has_local_endpoint(), p.local_endpoint(), error);
    s.remote_endpoint = endpoint(p.has_remote_endpoint(), p.remote_endpoint(), error);
    for (const auto& a : p.annotations()) s.annotations.push_back({static_cast<int64_t>(a.timestamp()), a.value()});
    std::map<std::string, std::string> sorted(p.tags().begin(), p.tags().end());
    s.tags.assign(sorted.begin(), sorted.end());
    s.debug = p.debug();
    s.shared = p.shared();
    if (!error.empty()) {
      out.spans.clear();
      out.error = "span #" + std::to_string(i) + ": " + error;
      return out;
    }
    out.spans.push_back(zipkin::v2_to_v1(s));
  }
  return out;
}

}  // namespace peregrine::convert
