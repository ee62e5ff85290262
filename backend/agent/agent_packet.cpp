// Agent UDP packet decoding (see agent_packet.hpp).
#include "backend/agent/agent_packet.hpp"

#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"
#include "backend/convert/zipkin/zipkin_thrift.hpp"
#include "backend/convert/zipkin/zipkin_to_model.hpp"

namespace peregrine::agent {

using convert::thrift::FieldHeader;
using convert::thrift::ThriftReader;
using convert::thrift::TType;

PacketResult decode_agent_packet(std::string_view packet, convert::thrift::Protocol protocol) {
  PacketResult out;
  // Strict binary messages start with 0x80 0x01, compact ones with 0x82: honour what the packet is, so a
  // binary-protocol client (e.g. Node's jaeger-client) pointed at the compact port (6831) still works.
  if (!packet.empty() && static_cast<uint8_t>(packet[0]) == 0x80) protocol = convert::thrift::Protocol::Binary;
  if (!packet.empty() && static_cast<uint8_t>(packet[0]) == 0x82) protocol = convert::thrift::Protocol::Compact;
  try {
    ThriftReader r(packet, protocol);
    auto header = r.read_message_begin();
    bool jaeger = header.name == "emitBatch";
    if (!jaeger && header.name != "emitZipkinBatch")
      throw convert::thrift::ThriftDecodeError("unknown agent method '" + header.name.substr(0, 64) + "'");
    out.kind = jaeger ? PacketKind::JaegerBatch : PacketKind::ZipkinBatch;
    bool found = false;
    r.read_struct_begin();
    FieldHeader f;
    while (r.read_field_begin(f)) {
      if (f.id == 1 && jaeger && f.type == TType::Struct) {
        out.spans = convert::read_jaeger_thrift_batch(r);
        found = true;
      } else if (f.id == 1 && !jaeger && f.type == TType::List) {
        out.spans = convert::zipkin_to_model(convert::read_zipkin_thrift_span_list(r));
        found = true;
      } else {
        r.skip(f.type);
      }
    }
    r.read_struct_end();
    if (!found) throw convert::thrift::ThriftDecodeError(header.name + " call without its batch argument");
  } catch (const std::exception& e) {
    out.spans.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace peregrine::agent
