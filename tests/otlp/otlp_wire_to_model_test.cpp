// Differential tests of the direct OTLP wire decoder (otlp_wire_to_model) against the reference path (protobuf
// parsing + otlp_to_model): whenever the decoder converts a request, the batch must equal the reference batch and
// the reference parser must accept the bytes; when it declines, the reference path decides. Covers every mapping
// rule, unusual-but-valid encodings (field order, unknown fields, wrong wire types, padded varints, repeated
// scalars, out-of-range enums), the cases it must leave to protobuf (groups, merged singular messages, invalid
// IDs, malformed bytes, deep nesting), decoding into recycled batches, and randomized mutations.
#include "backend/convert/otlp_wire_to_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "backend/convert/otlp_to_model.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::convert {
namespace {

using namespace peregrine::otlp_test;

// ---- comparison ---------------------------------------------------------------------------------------------

// KeyValue::operator== plus the bytes of the value union, so a recycled value cannot leave stale bits behind.
void expect_same_key_values(const model::KeyValues& a, const model::KeyValues& b, const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(a[i] == b[i]) << where << " #" << i << " key " << a[i].key << " vs " << b[i].key;
    EXPECT_EQ(a[i].str, b[i].str) << where << " #" << i;
    if (!(a[i].type == model::ValueType::Float64 && std::isnan(a[i].d))) {
      EXPECT_EQ(a[i].i, b[i].i) << where << " #" << i;
    }
  }
}

void expect_same_batch(const model::SpanBatch& fast, const model::SpanBatch& reference) {
  ASSERT_EQ(fast.size(), reference.size());
  for (size_t s = 0; s < fast.size(); ++s) {
    const model::Span& a = fast[s];
    const model::Span& b = reference[s];
    const std::string where = "span " + std::to_string(s);
    EXPECT_EQ(a.trace_id, b.trace_id) << where;
    EXPECT_EQ(a.span_id, b.span_id) << where;
    EXPECT_EQ(a.operation_name, b.operation_name) << where;
    EXPECT_EQ(a.references, b.references) << where;
    EXPECT_EQ(a.flags, b.flags) << where;
    EXPECT_EQ(a.start_time_us, b.start_time_us) << where;
    EXPECT_EQ(a.duration_us, b.duration_us) << where;
    expect_same_key_values(a.tags, b.tags, where + " tags");
    ASSERT_EQ(a.logs.size(), b.logs.size()) << where;
    for (size_t l = 0; l < a.logs.size(); ++l) {
      EXPECT_EQ(a.logs[l].timestamp_us, b.logs[l].timestamp_us) << where;
      expect_same_key_values(a.logs[l].fields, b.logs[l].fields, where + " log " + std::to_string(l));
    }
    ASSERT_NE(a.process, nullptr) << where;
    ASSERT_NE(b.process, nullptr) << where;
    EXPECT_EQ(a.process->service_name, b.process->service_name) << where;
    expect_same_key_values(a.process->tags, b.process->tags, where + " process");
    EXPECT_EQ(a.warnings, b.warnings) << where;
  }
  // Spans of one ResourceSpans share one process, exactly like the reference.
  for (size_t s = 1; s < fast.size(); ++s) {
    EXPECT_EQ(fast[s].process == fast[s - 1].process, reference[s].process == reference[s - 1].process) << s;
  }
}

// The reference path's verdict on `bytes`.
struct Reference {
  bool parsed = false;
  OtlpToModelResult converted;
};

Reference reference_of(const std::string& bytes) {
  Reference ref;
  otlp_collector::ExportTraceServiceRequest request;
  ref.parsed = request.ParseFromString(bytes);
  if (ref.parsed) ref.converted = otlp_to_model(std::move(request));
  return ref;
}

// The decoder's answer must be the reference's whenever it gives one. Returns whether it converted.
bool check_against_reference(const std::string& bytes, model::SpanBatch reuse = {}) {
  OtlpWireResult fast = otlp_wire_to_model(bytes, std::move(reuse));
  Reference ref = reference_of(bytes);
  if (!fast.converted) {
    EXPECT_TRUE(fast.batch.empty());
    return false;
  }
  EXPECT_TRUE(ref.parsed) << "decoder accepted bytes protobuf rejects";
  EXPECT_TRUE(ref.converted.ok()) << "decoder accepted a request the reference rejects: " << ref.converted.error;
  if (ref.parsed && ref.converted.ok()) expect_same_batch(fast.batch, ref.converted.batch);
  return true;
}

void expect_converted_like_reference(const std::string& bytes) {
  EXPECT_TRUE(check_against_reference(bytes)) << "expected the fast path to handle this request";
}

void expect_declined(const std::string& bytes) {
  EXPECT_FALSE(otlp_wire_to_model(bytes).converted);
}

// ---- request builders -----------------------------------------------------------------------------------------

otlp_common::KeyValue* add_attr(google::protobuf::RepeatedPtrField<otlp_common::KeyValue>* attrs, const std::string& key) {
  auto* kv = attrs->Add();
  kv->set_key(key);
  return kv;
}

// Every value type, including arrays, maps, bytes, doubles, empty and missing values.
void add_every_value_type(google::protobuf::RepeatedPtrField<otlp_common::KeyValue>* attrs) {
  add_attr(attrs, "str")->mutable_value()->set_string_value("a string longer than sixteen bytes");
  add_attr(attrs, "short")->mutable_value()->set_string_value("s");
  add_attr(attrs, "empty")->mutable_value()->set_string_value("");
  add_attr(attrs, "bool_t")->mutable_value()->set_bool_value(true);
  add_attr(attrs, "bool_f")->mutable_value()->set_bool_value(false);
  add_attr(attrs, "int")->mutable_value()->set_int_value(-1234567890123LL);
  add_attr(attrs, "double")->mutable_value()->set_double_value(3.25);
  add_attr(attrs, "nan")->mutable_value()->set_double_value(std::nan(""));
  add_attr(attrs, "bytes")->mutable_value()->set_bytes_value(std::string("\x00\x01\xff", 3));
  auto* arr = add_attr(attrs, "array")->mutable_value()->mutable_array_value();
  arr->add_values()->set_string_value("x");
  arr->add_values()->set_int_value(7);
  arr->add_values()->mutable_array_value()->add_values()->set_bool_value(true);
  auto* map = add_attr(attrs, "map")->mutable_value()->mutable_kvlist_value();
  add_attr(map->mutable_values(), "inner")->mutable_value()->set_double_value(1.5);
  add_attr(attrs, "unset_value")->mutable_value();  // value present, no member set
  add_attr(attrs, "no_value");                      // value absent
  attrs->Add()->mutable_value()->set_string_value("no key");
  add_attr(attrs, "invalid utf8")->mutable_value()->set_string_value("\xff\xfe bad");
}

otlp_collector::ExportTraceServiceRequest rich_request() {
  otlp_collector::ExportTraceServiceRequest request;
  for (int r = 0; r < 3; ++r) {
    auto* rs = request.add_resource_spans();
    if (r == 0) {
      add_string_attr(rs->mutable_resource()->mutable_attributes(), "service.name", "frontend-service-name");
      add_string_attr(rs->mutable_resource()->mutable_attributes(), "host.name", "host-1");
      add_every_value_type(rs->mutable_resource()->mutable_attributes());
    } else if (r == 1) {
      rs->mutable_resource()->set_dropped_attributes_count(3);  // resource present, no service.name
    }
    for (int sc = 0; sc < 2; ++sc) {
      auto* ss = rs->add_scope_spans();
      if (sc == 0) {
        ss->mutable_scope()->set_name("instrumentation.library");
        ss->mutable_scope()->set_version("1.2.3-with-a-long-suffix");
        add_string_attr(ss->mutable_scope()->mutable_attributes(), "scope.attr", "v");
      }
      ss->set_schema_url("https://opentelemetry.io/schemas/1.21.0");
      for (int i = 0; i < 4; ++i) {
        auto* span = ss->add_spans();
        span->set_trace_id(trace_id_bytes());
        span->set_span_id(span_id_bytes(static_cast<char>(0x20 + r * 16 + sc * 4 + i)));
        if (i > 0) span->set_parent_span_id(span_id_bytes(0x20));
        if (i == 3) span->set_parent_span_id(std::string(8, '\0'));  // all-zero parent: root
        span->set_name(i == 2 ? "" : "operation-" + std::to_string(i));
        span->set_kind(static_cast<otlp_trace::Span::SpanKind>(i + sc));
        span->set_start_time_unix_nano(1'700'000'000'000'000'000ULL + static_cast<uint64_t>(i) * 1'000'777);
        span->set_end_time_unix_nano(i == 1 ? 5 : 1'700'000'000'000'000'000ULL + 9'999'999);  // i == 1: end < start
        if (i == 0) add_every_value_type(span->mutable_attributes());
        add_string_attr(span->mutable_attributes(), "http.method", i % 2 ? "GET" : "POST");
        if (i == 1) {
          span->mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_ERROR);
          span->mutable_status()->set_message("boom");
        }
        if (i == 2) span->mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_OK);
        if (i == 3) span->mutable_status();  // present but empty
        if (i == 0) span->set_trace_state("vendor=value");
        if (i == 1) {
          span->set_dropped_attributes_count(1);
          span->set_dropped_events_count(2);
          span->set_dropped_links_count(3);
        }
        span->set_flags(0x301);
        for (int e = 0; e < i; ++e) {
          auto* event = span->add_events();
          event->set_time_unix_nano(1'700'000'000'000'000'123ULL + static_cast<uint64_t>(e));
          if (e != 1) event->set_name("event-" + std::to_string(e));
          add_string_attr(event->mutable_attributes(), "event.key", "event value");
          if (e == 2) add_every_value_type(event->mutable_attributes());
        }
        for (int l = 0; l < i; ++l) {
          auto* link = span->add_links();
          link->set_trace_id(std::string(16, static_cast<char>(0x40 + l)));
          link->set_span_id(std::string(8, static_cast<char>(0x50 + l)));
          if (l == 0) add_string_attr(link->mutable_attributes(), "opentracing.ref_type", "child_of");
          if (l == 1) add_string_attr(link->mutable_attributes(), "opentracing.ref_type", "follows_from");
          if (l == 2) add_attr(link->mutable_attributes(), "opentracing.ref_type")->mutable_value()->set_int_value(1);
          add_string_attr(link->mutable_attributes(), "link.attr", "link value");
          if (l == 2) add_every_value_type(link->mutable_attributes());
        }
      }
    }
  }
  request.add_resource_spans();  // no scope spans
  request.add_resource_spans()->add_scope_spans();  // scope spans without spans
  return request;
}

// A hand-written protobuf encoder for encodings the generated serializer never produces.
class Wire {
 public:
  Wire& varint(uint64_t v) {
    while (v >= 0x80) {
      bytes_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    bytes_.push_back(static_cast<char>(v));
    return *this;
  }
  Wire& tag(uint32_t field, uint32_t wire_type) { return varint((static_cast<uint64_t>(field) << 3) | wire_type); }
  Wire& field_varint(uint32_t field, uint64_t v) { return tag(field, 0).varint(v); }
  Wire& field_bytes(uint32_t field, const std::string& v) {
    tag(field, 2).varint(v.size());
    bytes_ += v;
    return *this;
  }
  Wire& field_fixed64(uint32_t field, uint64_t v) {
    tag(field, 1);
    for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return *this;
  }
  Wire& field_fixed32(uint32_t field, uint32_t v) {
    tag(field, 5);
    for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return *this;
  }
  Wire& raw(const std::string& b) {
    bytes_ += b;
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

std::string key_value(const std::string& key, const std::string& any_value) {
  return Wire().field_bytes(1, key).field_bytes(2, any_value).bytes();
}
std::string string_value(const std::string& v) { return Wire().field_bytes(1, v).bytes(); }

std::string valid_span_fields() {
  return Wire()
      .field_bytes(1, trace_id_bytes())
      .field_bytes(2, span_id_bytes())
      .field_bytes(5, "op")
      .field_fixed64(7, 1'000'000)
      .field_fixed64(8, 3'000'000)
      .bytes();
}

// request > resource_spans(resource: service.name=svc) > scope_spans > span(span_bytes)
std::string request_with_span(const std::string& span_bytes, const std::string& scope_spans_extra = "") {
  const std::string resource = Wire().field_bytes(1, key_value("service.name", string_value("svc"))).bytes();
  const std::string scope_spans = Wire().raw(scope_spans_extra).field_bytes(2, span_bytes).bytes();
  const std::string resource_spans = Wire().field_bytes(1, resource).field_bytes(2, scope_spans).bytes();
  return Wire().field_bytes(1, resource_spans).bytes();
}

// ---- tests ----------------------------------------------------------------------------------------------------

TEST(OtlpWireToModel, RichRequestMatchesReference) {
  expect_converted_like_reference(rich_request().SerializeAsString());
}

TEST(OtlpWireToModel, EmptyRequestConvertsToEmptyBatch) {
  OtlpWireResult fast = otlp_wire_to_model("");
  EXPECT_TRUE(fast.converted);
  EXPECT_TRUE(fast.batch.empty());
}

TEST(OtlpWireToModel, SharedTestRequestsMatchReference) {
  expect_converted_like_reference(one_span_request().SerializeAsString());
  auto request = one_span_request();
  request.mutable_resource_spans(0)->clear_resource();
  expect_converted_like_reference(request.SerializeAsString());
}

TEST(OtlpWireToModel, NonStringServiceNamesRenderLikeReference) {
  for (int variant = 0; variant < 7; ++variant) {
    auto request = one_span_request();
    auto* value = request.mutable_resource_spans(0)->mutable_resource()->mutable_attributes(0)->mutable_value();
    switch (variant) {
      case 0: value->set_int_value(42); break;
      case 1: value->set_bool_value(true); break;
      case 2: value->set_double_value(0.1); break;
      case 3: value->set_bytes_value("raw"); break;
      case 4: value->mutable_array_value()->add_values()->set_string_value("a"); break;
      case 5: value->Clear(); break;
      case 6: request.mutable_resource_spans(0)->mutable_resource()->mutable_attributes(0)->clear_value(); break;
    }
    expect_converted_like_reference(request.SerializeAsString());
  }
}

TEST(OtlpWireToModel, UnusualButValidEncodingsMatchReference) {
  const std::string base = valid_span_fields();
  // Fields in reverse order, attributes after events, scope after spans.
  expect_converted_like_reference(request_with_span(
      Wire()
          .field_bytes(11, Wire().field_bytes(3, key_value("k", string_value("v"))).field_bytes(2, "ev").bytes())
          .field_bytes(9, key_value("attr", string_value("value")))
          .field_fixed64(8, 3'000'000)
          .field_fixed64(7, 1'000'000)
          .field_bytes(5, "op")
          .field_bytes(2, span_id_bytes())
          .field_bytes(1, trace_id_bytes())
          .bytes()));
  // Unknown fields of every skippable wire type, at every level.
  const std::string unknown = Wire()
                                  .field_varint(99, 1234567)
                                  .field_fixed64(98, 1)
                                  .field_bytes(97, "opaque")
                                  .field_fixed32(96, 7)
                                  .field_varint(1000, 1)
                                  .bytes();
  expect_converted_like_reference(request_with_span(base + unknown, unknown));
  // Known fields with another wire type are unknown fields for protobuf too.
  expect_converted_like_reference(request_with_span(
      base + Wire().field_bytes(6, "x").field_varint(5, 3).field_bytes(7, "y").field_varint(15, 2).bytes()));
  // Repeated scalar fields: the last one wins.
  expect_converted_like_reference(request_with_span(
      base + Wire().field_bytes(5, "second name").field_varint(6, 2).field_varint(6, 3).field_fixed64(8, 9'000'000).bytes()));
  // Out-of-range enum values are ignored (the previous value stays); values above 32 bits are truncated.
  expect_converted_like_reference(request_with_span(base + Wire().field_varint(6, 2).field_varint(6, 99).bytes()));
  expect_converted_like_reference(request_with_span(base + Wire().field_varint(6, (1ULL << 32) + 3).bytes()));
  expect_converted_like_reference(request_with_span(
      base + Wire().field_bytes(15, Wire().field_varint(3, 2).field_varint(3, 7).field_bytes(2, "m").bytes()).bytes()));
  // Padded (non-canonical) varints: a 3-byte tag for field 10 with a padded value 2, a padded length for the name,
  // then a 10-byte value for the same uint32 field (truncated to 32 bits).
  expect_converted_like_reference(request_with_span(base + std::string("\xd0\x80\x00", 3) +
                                                    std::string("\x82\x80\x00", 3) + std::string("\x2a\x82\x00xy", 5)));
  expect_converted_like_reference(request_with_span(base + Wire().field_varint(10, 0xFFFFFFFFFFFFFFFFULL).bytes()));
  // Attribute values whose oneof member changes, and an empty attribute message.
  const std::string any_switch = Wire().field_bytes(1, "text").field_varint(3, 5).field_varint(2, 1).bytes();
  expect_converted_like_reference(
      request_with_span(base + Wire().field_bytes(9, key_value("switch", any_switch)).field_bytes(9, "").bytes()));
  // An array member then a scalar: protobuf decodes the array first (and the scalar wins).
  const std::string array_then_string =
      Wire().field_bytes(5, Wire().field_bytes(1, string_value("x")).bytes()).field_bytes(1, "last").bytes();
  expect_converted_like_reference(request_with_span(base + Wire().field_bytes(9, key_value("a", array_then_string)).bytes()));
}

TEST(OtlpWireToModel, LeavesUnusualStructuresToTheReferencePath) {
  const std::string base = valid_span_fields();
  // Singular message fields repeated: protobuf merges them.
  expect_declined(request_with_span(base + Wire().field_bytes(15, "").field_bytes(15, "").bytes()));
  expect_declined(request_with_span(
      base + Wire().field_bytes(9, Wire().field_bytes(2, string_value("a")).field_bytes(2, string_value("b")).bytes()).bytes()));
  expect_declined(request_with_span(base, Wire().field_bytes(1, "").field_bytes(1, "").bytes()));
  // Groups (wire types 3/4) and invalid wire types.
  expect_declined(request_with_span(base + Wire().tag(50, 3).field_varint(1, 1).tag(50, 4).bytes()));
  expect_declined(request_with_span(base + Wire().tag(50, 6).bytes()));
  // Field number zero, and 5-byte tags.
  expect_declined(request_with_span(base + Wire().field_varint(0, 1).bytes()));
  expect_declined(request_with_span(base + Wire().field_varint(1u << 26, 1).bytes()));
  // Each still gets the reference verdict (whatever it is) without the decoder's involvement.
  check_against_reference(request_with_span(base + Wire().field_bytes(15, "").field_bytes(15, "").bytes()));
}

TEST(OtlpWireToModel, InvalidIdsAreLeftToTheReferenceErrorMessage) {
  for (int variant = 0; variant < 6; ++variant) {
    auto request = one_span_request();
    auto& span = first_span(request);
    switch (variant) {
      case 0: span.set_trace_id("short"); break;
      case 1: span.set_trace_id(std::string(16, '\0')); break;
      case 2: span.set_span_id("x"); break;
      case 3: span.set_span_id(std::string(8, '\0')); break;
      case 4: span.set_parent_span_id("abc"); break;
      case 5: span.add_links()->set_trace_id(trace_id_bytes()); break;  // link without span id
    }
    const std::string bytes = request.SerializeAsString();
    expect_declined(bytes);
    EXPECT_FALSE(reference_of(bytes).converted.ok());
  }
}

TEST(OtlpWireToModel, MalformedBytesAreNeverAccepted) {
  const std::string bytes = rich_request().SerializeAsString();
  for (size_t len = 0; len < bytes.size(); len += 7) check_against_reference(bytes.substr(0, len));
  expect_declined(std::string("\x0a\x05\x01", 3));              // length beyond the end
  expect_declined(std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12));  // 11-byte varint
}

TEST(OtlpWireToModel, DeeplyNestedValuesAgreeWithReference) {
  // Each array level is two messages (AnyValue > ArrayValue): protobuf's limit of 100 levels falls at 45-48 arrays
  // depending on where the value sits.
  for (int depth : {1, 10, 40, 44, 45, 46, 47, 48, 49, 50, 60}) {
    std::string value = string_value("leaf");
    for (int i = 0; i < depth; ++i) value = Wire().field_bytes(5, Wire().field_bytes(1, value).bytes()).bytes();
    const std::string span = valid_span_fields() + Wire().field_bytes(9, key_value("deep", value)).bytes();
    const bool converted = check_against_reference(request_with_span(span));
    if (depth <= 40) {
      EXPECT_TRUE(converted) << depth;
    }
    // The same value as a resource attribute and as an event attribute (different budgets).
    const std::string resource = Wire().field_bytes(1, key_value("deep", value)).bytes();
    const std::string resource_spans =
        Wire().field_bytes(1, resource).field_bytes(2, Wire().field_bytes(2, valid_span_fields()).bytes()).bytes();
    check_against_reference(Wire().field_bytes(1, resource_spans).bytes());
    const std::string event = Wire().field_bytes(3, key_value("deep", value)).bytes();
    check_against_reference(request_with_span(valid_span_fields() + Wire().field_bytes(11, event).bytes()));
  }
}

TEST(OtlpWireToModel, RecycledBatchesNeverShowTheirOldContent) {
  const std::string rich = rich_request().SerializeAsString();
  const std::string small = one_span_request().SerializeAsString();
  auto bigger_request = rich_request();
  for (int i = 0; i < 3; ++i) bigger_request.MergeFrom(rich_request());
  const std::string bigger = bigger_request.SerializeAsString();
  const std::string* inputs[] = {&rich, &small, &bigger, &small, &rich, &bigger, &rich};
  model::SpanBatch recycled;
  for (const std::string* bytes : inputs) {
    OtlpWireResult fresh = otlp_wire_to_model(*bytes);
    OtlpWireResult reused = otlp_wire_to_model(*bytes, std::move(recycled));
    ASSERT_TRUE(fresh.converted);
    ASSERT_TRUE(reused.converted);
    expect_same_batch(reused.batch, fresh.batch);
    check_against_reference(*bytes, reused.batch);  // a copy holding the same content as the next input's batch
    // Leave warnings and odd values behind, as the pipeline's sanitizer may.
    for (auto& span : reused.batch) {
      span.warnings.push_back("left over");
      if (!span.tags.empty()) span.tags[0].d = 1e300;
    }
    recycled = std::move(reused.batch);
  }
}

TEST(OtlpWireToModel, RandomMutationsNeverDisagreeWithReference) {
  const std::string bytes = rich_request().SerializeAsString();
  std::mt19937 rng(20240501);
  int converted = 0;
  for (int iteration = 0; iteration < 1500; ++iteration) {
    std::string mutated = bytes;
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) mutated[rng() % mutated.size()] ^= static_cast<char>(1u << (rng() % 8));
    converted += check_against_reference(mutated) ? 1 : 0;
  }
  EXPECT_GT(converted, 0);  // some mutations only touch values, which the decoder must still convert
}

}  // namespace
}  // namespace peregrine::convert
