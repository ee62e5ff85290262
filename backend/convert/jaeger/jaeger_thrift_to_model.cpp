// Decoding of jaeger.thrift Batch / Span / Tag / Log / SpanRef / Process into the span model.
#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"

#include <memory>

namespace peregrine::convert {

using thrift::FieldHeader;
using thrift::ThriftDecodeError;
using thrift::ThriftReader;
using thrift::TType;

namespace {

// Reads a list<struct> calling fn for each element; elements of another type are skipped.
template <typename Fn>
void read_struct_list(ThriftReader& r, Fn&& fn) {
  auto h = r.read_list_begin();
  if (h.elem_type != TType::Struct) {
    for (uint32_t i = 0; i < h.size; ++i) r.skip(h.elem_type);
    return;
  }
  for (uint32_t i = 0; i < h.size; ++i) fn();
}

model::KeyValues read_tag_list(ThriftReader& r) {
  model::KeyValues out;
  read_struct_list(r, [&] { out.push_back(read_jaeger_thrift_tag(r)); });
  return out;
}

model::Log read_log(ThriftReader& r) {
  model::Log log;
  bool has_ts = false, has_fields = false;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::I64) {
      log.timestamp_us = r.read_i64();
      has_ts = true;
    } else if (f.id == 2 && f.type == TType::List) {
      log.fields = read_tag_list(r);
      has_fields = true;
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  if (!has_ts || !has_fields) throw ThriftDecodeError("Log is missing a required field (timestamp, fields)");
  return log;
}

model::SpanRef read_span_ref(ThriftReader& r) {
  model::SpanRef ref;
  int seen = 0;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::I32) {
      ref.type = r.read_i32() == 1 ? model::RefType::FollowsFrom : model::RefType::ChildOf;
      seen |= 1;
    } else if (f.id == 2 && f.type == TType::I64) {
      ref.trace_id.low = static_cast<uint64_t>(r.read_i64());
      seen |= 2;
    } else if (f.id == 3 && f.type == TType::I64) {
      ref.trace_id.high = static_cast<uint64_t>(r.read_i64());
      seen |= 4;
    } else if (f.id == 4 && f.type == TType::I64) {
      ref.span_id = static_cast<uint64_t>(r.read_i64());
      seen |= 8;
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  if (seen != 15) throw ThriftDecodeError("SpanRef is missing a required field");
  return ref;
}

void add_parent_reference(model::Span& span, model::SpanID parent) {
  if (parent == 0) return;
  for (const auto& ref : span.references)
    if (ref.span_id == parent && ref.trace_id == span.trace_id) return;
  span.references.insert(span.references.begin(), model::SpanRef{span.trace_id, parent, model::RefType::ChildOf});
}

model::Span read_span(ThriftReader& r) {
  model::Span span;
  model::SpanID parent = 0;
  int seen = 0;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    switch (f.id) {
      case 1:
        if (f.type != TType::I64) break;
        span.trace_id.low = static_cast<uint64_t>(r.read_i64());
        seen |= 1 << 1;
        continue;
      case 2:
        if (f.type != TType::I64) break;
        span.trace_id.high = static_cast<uint64_t>(r.read_i64());
        seen |= 1 << 2;
        continue;
      case 3:
        if (f.type != TType::I64) break;
        span.span_id = static_cast<uint64_t>(r.read_i64());
        seen |= 1 << 3;
        continue;
      case 4:
        if (f.type != TType::I64) break;
        parent = static_cast<uint64_t>(r.read_i64());
        seen |= 1 << 4;
        continue;
      case 5:
        if (f.type != TType::String) break;
        span.operation_name = r.read_string();
        seen |= 1 << 5;
        continue;
      case 6:
        if (f.type != TType::List) break;
        read_struct_list(r, [&] { span.references.push_back(read_span_ref(r)); });
        continue;
      case 7:
        if (f.type != TType::I32) break;
        span.flags = static_cast<uint32_t>(r.read_i32());
        seen |= 1 << 7;
        continue;
      case 8:
        if (f.type != TType::I64) break;
        span.start_time_us = r.read_i64();
        seen |= 1 << 8;
        continue;
      case 9:
        if (f.type != TType::I64) break;
        span.duration_us = r.read_i64();
        seen |= 1 << 9;
        continue;
      case 10:
        if (f.type != TType::List) break;
        span.tags = read_tag_list(r);
        continue;
      case 11:
        if (f.type != TType::List) break;
        read_struct_list(r, [&] { span.logs.push_back(read_log(r)); });
        continue;
      default: break;
    }
    r.skip(f.type);
  }
  r.read_struct_end();
  constexpr int kRequired = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9);
  if ((seen & kRequired) != kRequired) throw ThriftDecodeError("Span is missing a required field");
  add_parent_reference(span, parent);
  return span;
}

}  // namespace

model::KeyValue read_jaeger_thrift_tag(ThriftReader& r) {
  model::KeyValue kv;
  bool has_key = false, has_type = false;
  int32_t vtype = 0;
  std::string v_str, v_binary;
  double v_double = 0;
  bool v_bool = false;
  int64_t v_long = 0;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::String) {
      kv.key = r.read_string();
      has_key = true;
    } else if (f.id == 2 && f.type == TType::I32) {
      vtype = r.read_i32();
      has_type = true;
    } else if (f.id == 3 && f.type == TType::String) {
      v_str = r.read_string();
    } else if (f.id == 4 && f.type == TType::Double) {
      v_double = r.read_double();
    } else if (f.id == 5 && f.type == TType::Bool) {
      v_bool = r.read_bool();
    } else if (f.id == 6 && f.type == TType::I64) {
      v_long = r.read_i64();
    } else if (f.id == 7 && f.type == TType::String) {
      v_binary = r.read_string();
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  if (!has_key || !has_type) throw ThriftDecodeError("Tag is missing a required field (key, vType)");
  switch (vtype) {
    case 0: return model::KeyValue::String(std::move(kv.key), std::move(v_str));
    case 1: return model::KeyValue::Float64(std::move(kv.key), v_double);
    case 2: return model::KeyValue::Bool(std::move(kv.key), v_bool);
    case 3: return model::KeyValue::Int64(std::move(kv.key), v_long);
    case 4: return model::KeyValue::Binary(std::move(kv.key), std::move(v_binary));
    default:
      return model::KeyValue::String(std::move(kv.key), "Unknown VType: " + std::to_string(vtype));
  }
}

model::Process read_jaeger_thrift_process(ThriftReader& r) {
  model::Process p;
  bool has_name = false;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::String) {
      p.service_name = r.read_string();
      has_name = true;
    } else if (f.id == 2 && f.type == TType::List) {
      p.tags = read_tag_list(r);
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  if (!has_name) throw ThriftDecodeError("Process is missing required field serviceName");
  return p;
}

model::SpanBatch read_jaeger_thrift_batch(ThriftReader& r) {
  model::SpanBatch spans;
  std::shared_ptr<const model::Process> process;
  bool has_spans = false;
  r.read_struct_begin();
  FieldHeader f;
  while (r.read_field_begin(f)) {
    if (f.id == 1 && f.type == TType::Struct) {
      process = std::make_shared<const model::Process>(read_jaeger_thrift_process(r));
    } else if (f.id == 2 && f.type == TType::List) {
      read_struct_list(r, [&] { spans.push_back(read_span(r)); });
      has_spans = true;
    } else {
      r.skip(f.type);
    }
  }
  r.read_struct_end();
  if (!process) throw ThriftDecodeError("Batch is missing required field process");
  if (!has_spans) throw ThriftDecodeError("Batch is missing required field spans");
  for (auto& s : spans) s.process = process;
  return spans;
}

JaegerThriftResult jaeger_batch_from_thrift(std::string_view payload, thrift::Protocol protocol) {
  JaegerThriftResult out;
  try {
    ThriftReader reader(payload, protocol);
    out.batch = read_jaeger_thrift_batch(reader);
  } catch (const std::exception& e) {
    out.batch.clear();
    out.error = e.what();
    if (out.error.empty()) out.error = "malformed Thrift payload";
  }
  return out;
}

}  // namespace peregrine::convert
