// Conversions between jaeger.api_v2 protobuf messages and the span model.
#include "backend/convert/jaeger/jaeger_proto.hpp"

#include <memory>
#include <optional>

namespace peregrine::convert {
namespace api = jaeger::api_v2;

namespace {

std::optional<model::TraceID> trace_id_from(const std::string& b) {
  if (b.empty()) return model::TraceID{};
  if (b.size() != 16) return std::nullopt;
  return model::TraceID::from_bytes(reinterpret_cast<const unsigned char*>(b.data()));
}

std::optional<model::SpanID> span_id_from(const std::string& b) {
  if (b.empty()) return model::SpanID{0};
  if (b.size() != 8) return std::nullopt;
  return model::span_id_from_bytes(reinterpret_cast<const unsigned char*>(b.data()));
}

std::string trace_id_bytes(const model::TraceID& id) {
  std::string out(16, '\0');
  id.to_bytes(reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string span_id_bytes(model::SpanID id) {
  std::string out(8, '\0');
  model::span_id_to_bytes(id, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

model::KeyValue key_value_from(const api::KeyValue& kv) {
  switch (kv.v_type()) {
    case api::BOOL: return model::KeyValue::Bool(kv.key(), kv.v_bool());
    case api::INT64: return model::KeyValue::Int64(kv.key(), kv.v_int64());
    case api::FLOAT64: return model::KeyValue::Float64(kv.key(), kv.v_float64());
    case api::BINARY: return model::KeyValue::Binary(kv.key(), kv.v_binary());
    default: return model::KeyValue::String(kv.key(), kv.v_str());
  }
}

model::KeyValues key_values_from(const google::protobuf::RepeatedPtrField<api::KeyValue>& kvs) {
  model::KeyValues out;
  out.reserve(kvs.size());
  for (const auto& kv : kvs) out.push_back(key_value_from(kv));
  return out;
}

model::ProcessPtr process_from(const api::Process& p) {
  auto out = std::make_shared<model::Process>();
  out->service_name = p.service_name();
  out->tags = key_values_from(p.tags());
  return out;
}

int64_t timestamp_us(const google::protobuf::Timestamp& t) { return t.seconds() * 1000000 + t.nanos() / 1000; }
int64_t duration_us(const google::protobuf::Duration& d) { return d.seconds() * 1000000 + d.nanos() / 1000; }

void set_timestamp(int64_t us, google::protobuf::Timestamp* t) {
  int64_t secs = us / 1000000, rem = us % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --secs;
  }
  t->set_seconds(secs);
  t->set_nanos(static_cast<int32_t>(rem * 1000));
}

void set_duration(int64_t us, google::protobuf::Duration* d) {
  d->set_seconds(us / 1000000);
  d->set_nanos(static_cast<int32_t>((us % 1000000) * 1000));
}

}  // namespace

JaegerProtoResult jaeger_batch_from_proto(const api::Batch& batch) {
  JaegerProtoResult out;
  model::ProcessPtr batch_process = batch.has_process() ? process_from(batch.process())
                                                         : std::make_shared<const model::Process>();
  out.batch.reserve(batch.spans_size());
  for (int i = 0; i < batch.spans_size(); ++i) {
    const api::Span& s = batch.spans(i);
    model::Span span;
    auto tid = trace_id_from(s.trace_id());
    auto sid = span_id_from(s.span_id());
    if (!tid || !sid) {
      out.batch.clear();
      out.error = "span #" + std::to_string(i) + ": trace_id must be 16 bytes and span_id 8 bytes";
      return out;
    }
    span.trace_id = *tid;
    span.span_id = *sid;
    span.operation_name = s.operation_name();
    for (const auto& r : s.references()) {
      auto rt = trace_id_from(r.trace_id());
      auto rs = span_id_from(r.span_id());
      if (!rt || !rs) {
        out.batch.clear();
        out.error = "span #" + std::to_string(i) + ": reference with a malformed trace_id or span_id";
        return out;
      }
      span.references.push_back(
          {*rt, *rs, r.ref_type() == api::FOLLOWS_FROM ? model::RefType::FollowsFrom : model::RefType::ChildOf});
    }
    span.flags = s.flags();
    span.start_time_us = timestamp_us(s.start_time());
    span.duration_us = duration_us(s.duration());
    span.tags = key_values_from(s.tags());
    for (const auto& l : s.logs()) span.logs.push_back({timestamp_us(l.timestamp()), key_values_from(l.fields())});
    span.process = s.has_process() ? process_from(s.process()) : batch_process;
    span.warnings.assign(s.warnings().begin(), s.warnings().end());
    out.batch.push_back(std::move(span));
  }
  return out;
}

void jaeger_key_value_to_proto(const model::KeyValue& kv, api::KeyValue* out) {
  out->set_key(kv.key);
  switch (kv.type) {
    case model::ValueType::String:
      out->set_v_type(api::STRING);
      out->set_v_str(kv.str);
      break;
    case model::ValueType::Bool:
      out->set_v_type(api::BOOL);
      out->set_v_bool(kv.b);
      break;
    case model::ValueType::Int64:
      out->set_v_type(api::INT64);
      out->set_v_int64(kv.i);
      break;
    case model::ValueType::Float64:
      out->set_v_type(api::FLOAT64);
      out->set_v_float64(kv.d);
      break;
    case model::ValueType::Binary:
      out->set_v_type(api::BINARY);
      out->set_v_binary(kv.str);
      break;
  }
}

void jaeger_process_to_proto(const model::Process& process, api::Process* out) {
  out->set_service_name(process.service_name);
  for (const auto& kv : process.tags) jaeger_key_value_to_proto(kv, out->add_tags());
}

void jaeger_span_to_proto(const model::Span& span, api::Span* out, bool include_process) {
  out->set_trace_id(trace_id_bytes(span.trace_id));
  out->set_span_id(span_id_bytes(span.span_id));
  out->set_operation_name(span.operation_name);
  for (const auto& r : span.references) {
    auto* ref = out->add_references();
    ref->set_trace_id(trace_id_bytes(r.trace_id));
    ref->set_span_id(span_id_bytes(r.span_id));
    ref->set_ref_type(r.type == model::RefType::FollowsFrom ? api::FOLLOWS_FROM : api::CHILD_OF);
  }
  out->set_flags(span.flags);
  set_timestamp(span.start_time_us, out->mutable_start_time());
  set_duration(span.duration_us, out->mutable_duration());
  for (const auto& kv : span.tags) jaeger_key_value_to_proto(kv, out->add_tags());
  for (const auto& l : span.logs) {
    auto* log = out->add_logs();
    set_timestamp(l.timestamp_us, log->mutable_timestamp());
    for (const auto& kv : l.fields) jaeger_key_value_to_proto(kv, log->add_fields());
  }
  if (include_process && span.process) jaeger_process_to_proto(*span.process, out->mutable_process());
  for (const auto& w : span.warnings) out->add_warnings(w);
}

api::Batch jaeger_batch_to_proto(const model::SpanBatch& spans) {
  api::Batch batch;
  bool shared = !spans.empty();
  for (const auto& s : spans) {
    if (!s.process || !spans.front().process ||
        (s.process != spans.front().process && !(*s.process == *spans.front().process))) {
      shared = false;
      break;
    }
  }
  if (shared) jaeger_process_to_proto(*spans.front().process, batch.mutable_process());
  for (const auto& s : spans) jaeger_span_to_proto(s, batch.add_spans(), !shared);
  return batch;
}

}  // namespace peregrine::convert
