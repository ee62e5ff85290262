// Decoding of one agent UDP packet (agent.thrift): a Thrift message envelope carrying either
// emitBatch(1: jaeger.Batch) or emitZipkinBatch(1: list<zipkincore.Span>), in the compact (6831, 5775) or
// binary (6832) protocol, into span-model spans. The protocol is recognised from the message's first byte
// (0x80 strict binary, 0x82 compact), so either protocol is accepted on any port; `protocol` is used for
// anything else (e.g. the non-strict binary form). Pure; never throws.
#pragma once
#include <string>
#include <string_view>

#include "backend/convert/jaeger/thrift_reader.hpp"
#include "backend/model/span.hpp"

namespace peregrine::agent {

enum class PacketKind { JaegerBatch, ZipkinBatch };

struct PacketResult {
  PacketKind kind = PacketKind::JaegerBatch;
  model::SpanBatch spans;
  std::string error;  // non-empty when the packet could not be decoded
  bool ok() const { return error.empty(); }
};

PacketResult decode_agent_packet(std::string_view packet, convert::thrift::Protocol protocol);

}  // namespace peregrine::agent
