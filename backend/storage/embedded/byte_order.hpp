// Byte-level helpers of the embedded store's on-disk format: big-endian words (keys sort like the numbers they
// hold), order-preserving transforms for signed numbers and for "newest first" time keys, LEB128 varints with
// zigzag for signed values, and a bounds-checked reader for bytes that come back from disk.
#pragma once
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace peregrine::storage::embedded {

// Thrown by ByteReader when stored bytes do not parse (truncated or corrupt row).
struct CorruptRow : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void put_u64_be(std::string& out, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((v >> (8 * (7 - i))) & 0xFF);
  out.append(buf, 8);
}

inline uint64_t get_u64_be(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

inline void put_u64_le(std::string& out, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  out.append(buf, 8);
}

inline uint64_t get_u64_le(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Signed → unsigned such that unsigned order equals signed order (flip the sign bit).
inline uint64_t order_signed(int64_t v) { return static_cast<uint64_t>(v) ^ (1ULL << 63); }
inline int64_t unorder_signed(uint64_t v) { return static_cast<int64_t>(v ^ (1ULL << 63)); }

// Time keys stored so that ascending key order is descending time (forward scans return newest first).
inline uint64_t newest_first(int64_t t) { return ~order_signed(t); }
inline int64_t from_newest_first(uint64_t v) { return unorder_signed(~v); }

inline uint64_t zigzag_encode(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t zigzag_decode(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

inline void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_signed(std::string& out, int64_t v) { put_varint(out, zigzag_encode(v)); }

// Length-prefixed bytes. In keys the prefix makes every string self-delimiting, so "a" + "bc" and "ab" + "c"
// never produce the same key.
inline void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Sequential, bounds-checked reader. Every method throws CorruptRow instead of reading past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool at_end() const { return p_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

  uint8_t byte() {
    need(1);
    return static_cast<uint8_t>(*p_++);
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte();
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    throw CorruptRow("varint longer than 10 bytes");
  }
  int64_t signed_varint() { return zigzag_decode(varint()); }
  uint64_t u64_be() {
    need(8);
    uint64_t v = get_u64_be(p_);
    p_ += 8;
    return v;
  }
  uint64_t u64_le() {
    need(8);
    uint64_t v = get_u64_le(p_);
    p_ += 8;
    return v;
  }
  std::string_view string() {
    uint64_t n = varint();
    if (n > remaining()) throw CorruptRow("string runs past the end of the row");
    std::string_view s(p_, static_cast<size_t>(n));
    p_ += n;
    return s;
  }
  // A count of items that each take at least one byte: rejects counts the remaining bytes cannot hold.
  size_t count() {
    uint64_t n = varint();
    if (n > remaining()) throw CorruptRow("item count exceeds the row size");
    return static_cast<size_t>(n);
  }

 private:
  void need(size_t n) const {
    if (remaining() < n) throw CorruptRow("row truncated");
  }
  const char* p_;
  const char* end_;
};

}  // namespace peregrine::storage::embedded
