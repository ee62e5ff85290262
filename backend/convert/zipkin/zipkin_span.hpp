// The Zipkin span as every Zipkin input is normalised before mapping to the span model: Zipkin v1 semantics
// (annotations with hosts, typed binary annotations), which v1 Thrift and v1 JSON carry natively and v2 JSON /
// protobuf are translated into (kind → cs/cr, sr/ss, ms, mr annotations; tags → string binary annotations;
// remote endpoint → sa/ca/ma address annotation), as Jaeger's collector does.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peregrine::convert::zipkin {

struct Endpoint {
  std::string service_name;
  int32_t ipv4 = 0;   // host byte order (1.2.3.4 → 0x01020304)
  int32_t port = 0;   // 0 = unknown; stored unsigned-16 range
  std::string ipv6;   // 16 bytes or empty
};

struct Annotation {
  int64_t timestamp = 0;  // µs
  std::string value;
  std::optional<Endpoint> host;
};

enum class AnnotationType : int32_t { Bool = 0, Bytes = 1, I16 = 2, I32 = 3, I64 = 4, Double = 5, String = 6 };

struct BinaryAnnotation {
  std::string key;
  std::string value;  // raw bytes: big-endian numbers, 1-byte bools, UTF-8 strings
  AnnotationType type = AnnotationType::String;
  std::optional<Endpoint> host;
};

struct Span {
  uint64_t trace_id = 0;
  uint64_t trace_id_high = 0;
  uint64_t id = 0;
  std::optional<uint64_t> parent_id;
  std::string name;
  std::vector<Annotation> annotations;
  std::vector<BinaryAnnotation> binary_annotations;
  bool debug = false;
  std::optional<int64_t> timestamp;  // µs
  std::optional<int64_t> duration;   // µs
  // v2 only: the local endpoint, used as the service of last resort when no (binary) annotation names one.
  std::optional<Endpoint> local_endpoint;
};

struct DecodeResult {
  std::vector<Span> spans;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Well-known annotation values / keys.
inline constexpr const char* kClientSend = "cs";
inline constexpr const char* kClientRecv = "cr";
inline constexpr const char* kServerSend = "ss";
inline constexpr const char* kServerRecv = "sr";
inline constexpr const char* kMessageSend = "ms";
inline constexpr const char* kMessageRecv = "mr";
inline constexpr const char* kLocalComponent = "lc";
inline constexpr const char* kClientAddr = "ca";
inline constexpr const char* kServerAddr = "sa";
inline constexpr const char* kMessageAddr = "ma";

}  // namespace peregrine::convert::zipkin
