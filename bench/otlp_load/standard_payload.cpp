// Standard benchmark payload construction and trace-ID patching.
#include "bench/otlp_load/standard_payload.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

namespace peregrine::bench {
namespace otlp = opentelemetry::proto;

namespace {
constexpr char kMarker[8] = {'P', 'R', 'G', 'N', 'T', 'R', 'I', 'D'};

void put_le64(char* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
}

uint64_t get_le64(const char* in) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

void put_u64(char* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
}

void attr_str(otlp::common::v1::KeyValue* kv, const char* k, std::string v) {
  kv->set_key(k);
  kv->mutable_value()->set_string_value(std::move(v));
}
void attr_int(otlp::common::v1::KeyValue* kv, const char* k, int64_t v) {
  kv->set_key(k);
  kv->mutable_value()->set_int_value(v);
}
void attr_bool(otlp::common::v1::KeyValue* kv, const char* k, bool v) {
  kv->set_key(k);
  kv->mutable_value()->set_bool_value(v);
}
}  // namespace

StandardPayload build_standard_payload(size_t traces, size_t spans_per_trace) {
  constexpr int kServices = 20;
  otlp::collector::trace::v1::ExportTraceServiceRequest req;
  std::vector<otlp::trace::v1::ScopeSpans*> scopes;
  for (int s = 0; s < kServices; ++s) {
    auto* rs = req.add_resource_spans();
    attr_str(rs->mutable_resource()->add_attributes(), "service.name", "service-" + std::to_string(s));
    attr_str(rs->mutable_resource()->add_attributes(), "host.name", "node-" + std::to_string(s % 4));
    auto* ss = rs->add_scope_spans();
    ss->mutable_scope()->set_name("bench-instrumentation");
    ss->mutable_scope()->set_version("1.0.0");
    scopes.push_back(ss);
  }
  const uint64_t base_ns = 1'700'000'000'000'000'000ULL;
  const uint64_t trace_spacing_ns = 1'000'000ULL;
  for (size_t t = 0; t < traces; ++t) {
    char trace_id[16];
    std::memcpy(trace_id, kMarker, 8);
    put_u64(trace_id + 8, t + 1);
    uint64_t start = base_ns + t * trace_spacing_ns;
    for (size_t i = 0; i < spans_per_trace; ++i) {
      auto* sp = scopes[(t + i) % kServices]->add_spans();
      sp->set_trace_id(trace_id, 16);
      char span_id[8];
      put_u64(span_id, (t << 8) + i + 1);
      sp->set_span_id(span_id, 8);
      if (i > 0) {
        char parent[8];
        put_u64(parent, (t << 8) + (i - 1) / 2 + 1);
        sp->set_parent_span_id(parent, 8);
      }
      sp->set_name("operation-" + std::to_string((t * 7 + i) % 50));
      sp->set_kind(i % 2 == 0 ? otlp::trace::v1::Span::SPAN_KIND_SERVER : otlp::trace::v1::Span::SPAN_KIND_CLIENT);
      sp->set_start_time_unix_nano(start + i * 10'000);
      sp->set_end_time_unix_nano(start + i * 10'000 + 250'000 + (i * 37'000));
      attr_str(sp->add_attributes(), "http.method", i % 3 ? "GET" : "POST");
      attr_str(sp->add_attributes(), "http.url", "https://api.example.com/v1/orders/" + std::to_string(t % 1000));
      attr_int(sp->add_attributes(), "http.status_code", i == 7 ? 500 : 200);
      attr_str(sp->add_attributes(), "http.route", "/v1/orders/{id}");
      attr_str(sp->add_attributes(), "net.peer.name", "orders-db.internal");
      attr_int(sp->add_attributes(), "net.peer.port", 5432);
      attr_str(sp->add_attributes(), "component", "http");
      attr_str(sp->add_attributes(), "user.id", "user-" + std::to_string(t % 5000));
      attr_int(sp->add_attributes(), "request.size", static_cast<int64_t>(1000 + (t % 100)));
      attr_bool(sp->add_attributes(), "cache.hit", (t + i) % 4 == 0);
      auto* ev = sp->add_events();
      ev->set_time_unix_nano(start + i * 10'000 + 5'000);
      ev->set_name("cache lookup");
      attr_str(ev->add_attributes(), "cache.key", "orders:" + std::to_string(t % 1000));
    }
  }
  StandardPayload p;
  p.bytes = req.SerializeAsString();
  p.spans = traces * spans_per_trace;
  p.traces = traces;
  for (size_t pos = p.bytes.find(std::string_view(kMarker, 8)); pos != std::string::npos;
       pos = p.bytes.find(std::string_view(kMarker, 8), pos + 16)) {
    uint64_t idx = 0;
    for (int b = 0; b < 8; ++b) idx = (idx << 8) | static_cast<unsigned char>(p.bytes[pos + 8 + b]);
    p.trace_id_offsets.push_back(pos + 8);
    p.trace_index.push_back(idx);
  }
  // Timestamps: fixed64 fields right after their tag byte (span start 0x39 = field 7, end 0x41 = field 8, event
  // time 0x09 = field 1), with values inside the template's time range. Three per span.
  p.trace_spacing_ns = trace_spacing_ns;
  const uint64_t last_ns = base_ns + traces * trace_spacing_ns + 10'000'000ULL;
  for (size_t pos = 0; pos + 9 <= p.bytes.size(); ++pos) {
    const unsigned char tag = static_cast<unsigned char>(p.bytes[pos]);
    if (tag != 0x39 && tag != 0x41 && tag != 0x09) continue;
    const uint64_t v = get_le64(p.bytes.data() + pos + 1);
    if (v < base_ns || v > last_ns) continue;
    p.time_offsets.push_back(pos + 1);
    p.time_values.push_back(v);
    pos += 8;
  }
  if (p.time_offsets.size() != p.spans * 3) {
    std::fprintf(stderr, "standard payload: found %zu timestamps, expected %zu\n", p.time_offsets.size(), p.spans * 3);
    std::abort();
  }
  return p;
}

void make_request(const StandardPayload& p, uint64_t sequence, std::string& out, bool advance_time) {
  out = p.bytes;
  for (size_t k = 0; k < p.trace_id_offsets.size(); ++k) {
    put_u64(out.data() + p.trace_id_offsets[k], sequence * p.traces + p.trace_index[k]);
  }
  if (!advance_time) return;
  const uint64_t shift = sequence * p.traces * p.trace_spacing_ns;
  for (size_t k = 0; k < p.time_offsets.size(); ++k) put_le64(out.data() + p.time_offsets[k], p.time_values[k] + shift);
}

}  // namespace peregrine::bench
