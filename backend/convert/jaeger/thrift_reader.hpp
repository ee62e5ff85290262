// ThriftReader: a bounded, allocation-safe reader for Thrift's binary and compact protocols over an in-memory
// payload. Every length prefix is checked against the bytes actually left (a container of N elements must have
// at least N × minimum-element-size bytes remaining; a string of N bytes must have N bytes remaining), nesting
// depth is capped, and any malformation throws ThriftDecodeError — so garbage, truncated or hostile input can
// neither crash the process nor make it allocate more than a small multiple of the payload size.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::convert::thrift {

struct ThriftDecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Protocol { Binary, Compact };

// Thrift's wire-independent type ids (binary protocol values).
enum class TType : uint8_t {
  Stop = 0,
  Bool = 2,
  Byte = 3,
  Double = 4,
  I16 = 6,
  I32 = 8,
  I64 = 10,
  String = 11,
  Struct = 12,
  Map = 13,
  Set = 14,
  List = 15,
};

enum class MessageType : uint8_t { Call = 1, Reply = 2, Exception = 3, Oneway = 4 };

struct MessageHeader {
  std::string name;
  MessageType type = MessageType::Call;
  int32_t seq_id = 0;
};

struct FieldHeader {
  TType type = TType::Stop;
  int16_t id = 0;
};

struct ListHeader {
  TType elem_type = TType::Stop;
  uint32_t size = 0;
};

class ThriftReader {
 public:
  static constexpr int kMaxDepth = 64;

  ThriftReader(std::string_view data, Protocol protocol) : data_(data), protocol_(protocol) {}

  Protocol protocol() const { return protocol_; }
  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }

  MessageHeader read_message_begin();
  void read_struct_begin();
  void read_struct_end();
  // Returns false at the struct's STOP marker.
  bool read_field_begin(FieldHeader& field);
  ListHeader read_list_begin();  // also used for sets

  bool read_bool();
  int8_t read_byte();
  int16_t read_i16();
  int32_t read_i32();
  int64_t read_i64();
  double read_double();
  std::string read_string();  // strings and binary

  // Skips one value of the given type (nested containers/structs included).
  void skip(TType type);

 private:
  uint8_t next_byte();
  uint64_t read_varint();
  std::string_view take(size_t n);
  void check_elements(uint32_t count, TType elem_type) const;
  void enter();
  void leave() { --depth_; }
  TType compact_to_ttype(uint8_t compact_type) const;

  std::string_view data_;
  size_t pos_ = 0;
  Protocol protocol_;
  int depth_ = 0;
  // Compact protocol state: last field id per open struct, and a bool value carried by a field header.
  std::vector<int16_t> last_field_ids_;
  int16_t last_field_id_ = 0;
  int pending_bool_ = -1;
};

const char* protocol_name(Protocol p);  // "binary" / "compact"

}  // namespace peregrine::convert::thrift
