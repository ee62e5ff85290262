// Decoding of zipkincore.thrift Span / Annotation / BinaryAnnotation / Endpoint.
#include "backend/convert/zipkin/zipkin_thrift.hpp"

namespace peregrine::convert {

using thrift::FieldHeader;
using thrift::ThriftReader;
using thrift::TType;

namespace {

zipkin::Endpoint read_endpoint(ThriftReader& r) {
  zipkin::Endpoint e;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::I32) {
      e.ipv4 = r.read_i32();
    } else if (f.id == 2 && f.type == TType::I16) {
      e.port = static_cast<uint16_t>(r.read_i16());
    } else if (f.id == 3 && f.type == TType::String) {
      e.service_name = r.read_string();
    } else if (f.id == 4 && f.type == TType::String) {
      e.ipv6 = r.read_string();
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  return e;
}

zipkin::Annotation read_annotation(ThriftReader& r) {
  zipkin::Annotation a;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::I64) {
      a.timestamp = r.read_i64();
    } else if (f.id == 2 && f.type == TType::String) {
      a.value = r.read_string();
    } else if (f.id == 3 && f.type == TType::Struct) {
      a.host = read_endpoint(r);
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  return a;
}

zipkin::BinaryAnnotation read_binary_annotation(ThriftReader& r) {
  zipkin::BinaryAnnotation b;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::String) {
      b.key = r.read_string();
    } else if (f.id == 2 && f.type == TType::String) {
      b.value = r.read_string();
    } else if (f.id == 3 && f.type == TType::I32) {
      b.type = static_cast<zipkin::AnnotationType>(r.read_i32());
    } else if (f.id == 4 && f.type == TType::Struct) {
      b.host = read_endpoint(r);
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  return b;
}

template <typename Fn>
void read_struct_list(ThriftReader& r, Fn&& fn) {
  auto h = r.read_list_begin();
  for (uint32_t i = 0; i < h.size; ++i) {
    if (h.elem_type == TType::Struct) {
      fn();
    } else {
      r.skip(h.elem_type);
    }
  }
}

zipkin::Span read_span(ThriftReader& r) {
  zipkin::Span s;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    switch (f.id) {
      case 1:
        if (f.type != TType::I64) break;
        s.trace_id = static_cast<uint64_t>(r.read_i64());
        continue;
      case 3:
        if (f.type != TType::String) break;
        s.name = r.read_string();
        continue;
      case 4:
        if (f.type != TType::I64) break;
        s.id = static_cast<uint64_t>(r.read_i64());
        continue;
      case 5:
        if (f.type != TType::I64) break;
        s.parent_id = static_cast<uint64_t>(r.read_i64());
        continue;
      case 6:
        if (f.type != TType::List) break;
        read_struct_list(r, [&] { s.annotations.push_back(read_annotation(r)); });
        continue;
      case 8:
        if (f.type != TType::List) break;
        read_struct_list(r, [&] { s.binary_annotations.push_back(read_binary_annotation(r)); });
        continue;
      case 9:
        if (f.type != TType::Bool) break;
        s.debug = r.read_bool();
        continue;
      case 10:
        if (f.type != TType::I64) break;
        s.timestamp = r.read_i64();
        continue;
      case 11:
        if (f.type != TType::I64) break;
        s.duration = r.read_i64();
        continue;
      case 12:
        if (f.type != TType::I64) break;
        s.trace_id_high = static_cast<uint64_t>(r.read_i64());
        continue;
      default: break;
    }
    r.skip(f.type);
  }
  r.read_struct_end();
  return s;
}

}  // namespace

std::vector<zipkin::Span> read_zipkin_thrift_span_list(ThriftReader& r) {
  std::vector<zipkin::Span> spans;
  read_struct_list(r, [&] { spans.push_back(read_span(r)); });
  return spans;
}

zipkin::DecodeResult zipkin_spans_from_thrift(std::string_view payload, thrift::Protocol protocol) {
  zipkin::DecodeResult out;
  try {
    ThriftReader reader(payload, protocol);
    out.spans = read_zipkin_thrift_span_list(reader);
  } catch (const std::exception& e) {
    out.spans.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace peregrine::convert
