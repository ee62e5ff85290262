// Fuzz-style robustness: truncated, bit-flipped and random protobuf and JSON inputs must never crash the
// decoders or the converter (they may only succeed or report an error). Deterministic seeds.
#include <gtest/gtest.h>

#include <random>

#include "backend/convert/otlp_json.hpp"
#include "backend/convert/otlp_to_model.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::convert {
namespace {

using namespace peregrine::otlp_test;

otlp_collector::ExportTraceServiceRequest rich_request() {
  auto request = one_span_request();
  auto& span = first_span(request);
  span.set_parent_span_id(span_id_bytes(0x01));
  span.set_kind(otlp_trace::Span::SPAN_KIND_SERVER);
  for (int i = 0; i < 10; ++i) add_string_attr(span.mutable_attributes(), "k" + std::to_string(i), "value");
  auto* arr = span.add_attributes();
  arr->set_key("arr");
  arr->mutable_value()->mutable_array_value()->add_values()->set_double_value(1.0);
  auto* event = span.add_events();
  event->set_name("ev");
  event->set_time_unix_nano(1);
  auto* link = span.add_links();
  link->set_trace_id(trace_id_bytes());
  link->set_span_id(span_id_bytes(0x02));
  span.mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_ERROR);
  return request;
}

// Decodes and converts; the only requirement is not crashing (and no partial batch on error).
void decode_proto(const std::string& bytes) {
  otlp_collector::ExportTraceServiceRequest request;
  if (!request.ParseFromString(bytes)) return;
  OtlpToModelResult result = otlp_to_model(std::move(request));
  if (!result.ok()) {
    EXPECT_TRUE(result.batch.empty());
  }
}

void decode_json(const std::string& text) {
  OtlpJsonParseResult parsed = parse_otlp_json(text);
  if (!parsed.ok()) {
    EXPECT_FALSE(parsed.error.empty());
    return;
  }
  OtlpToModelResult result = otlp_to_model(std::move(parsed.request));
  if (!result.ok()) {
    EXPECT_TRUE(result.batch.empty());
  }
}

TEST(OtlpFuzz, TruncatedProtobufNeverCrashes) {
  const std::string bytes = rich_request().SerializeAsString();
  for (size_t len = 0; len <= bytes.size(); ++len) decode_proto(bytes.substr(0, len));
}

TEST(OtlpFuzz, BitFlippedProtobufNeverCrashes) {
  const std::string bytes = rich_request().SerializeAsString();
  std::mt19937 rng(1234);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string mutated = bytes;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) mutated[rng() % mutated.size()] ^= static_cast<char>(1u << (rng() % 8));
    decode_proto(mutated);
  }
}

TEST(OtlpFuzz, RandomBytesNeverCrash) {
  std::mt19937 rng(99);
  for (int iteration = 0; iteration < 2000; ++iteration) {
    std::string garbage(rng() % 256, '\0');
    for (auto& c : garbage) c = static_cast<char>(rng());
    decode_proto(garbage);
    decode_json(garbage);
  }
}

TEST(OtlpFuzz, TruncatedAndMutatedJsonNeverCrashes) {
  const std::string json = otlp_request_to_json(rich_request());
  for (size_t len = 0; len <= json.size(); ++len) decode_json(json.substr(0, len));
  std::mt19937 rng(7);
  const char replacements[] = "{}[]\":,0aZ-\\ ";
  for (int iteration = 0; iteration < 2000; ++iteration) {
    std::string mutated = json;
    mutated[rng() % mutated.size()] = replacements[rng() % (sizeof(replacements) - 1)];
    decode_json(mutated);
  }
}

}  // namespace
}  // namespace peregrine::convert
