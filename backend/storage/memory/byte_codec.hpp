// Byte-level primitives of the memory store's span encoding: LEB128 varints, zigzag for signed numbers,
// little-endian fixed 64-bit words, and a read cursor over an encoded buffer. The buffers are produced by the
// store itself, so the cursor trusts its input (no error paths on the hot read path).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace peregrine::storage::memory {

inline uint64_t zigzag_encode(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t zigzag_decode(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// Byte by byte: most varints here are one or two bytes, where push_back beats a sized append (a memcpy call).
inline void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_signed(std::string& out, int64_t v) { put_varint(out, zigzag_encode(v)); }

inline void put_fixed64(std::string& out, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  out.append(buf, 8);
}

inline void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

inline size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Writes the same encodings as the put_* functions through a raw pointer, without bounds checks: the caller first
// makes room for an upper bound of what it will write (hot encode path: no per-byte capacity checks).
class ByteWriter {
 public:
  explicit ByteWriter(char* out) : p_(out) {}

  void varint(uint64_t v) {
    while (v >= 0x80) {
      *p_++ = static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    *p_++ = static_cast<char>(v);
  }
  void signed_varint(int64_t v) { varint(zigzag_encode(v)); }
  void fixed64(uint64_t v) {
    for (int i = 0; i < 8; ++i) p_[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    p_ += 8;
  }
  void byte(uint8_t b) { *p_++ = static_cast<char>(b); }
  void bytes(std::string_view b) {
    varint(b.size());
    if (!b.empty()) std::memcpy(p_, b.data(), b.size());
    p_ += b.size();
  }
  char* position() const { return p_; }

  // Largest varint / length-prefixed encodings, for sizing.
  static constexpr size_t kMaxVarint = 10;
  static size_t bytes_bound(size_t n) { return kMaxVarint + n; }

 private:
  char* p_;
};

// Sequential reader over bytes written with the put_* functions above.
class ByteCursor {
 public:
  ByteCursor() = default;
  ByteCursor(const uint8_t* begin, const uint8_t* end) : p_(begin), end_(end) {}

  bool at_end() const { return p_ >= end_; }
  const uint8_t* position() const { return p_; }

  uint64_t varint() {
    uint64_t v = 0;
    int shift = 0;
    while (true) {
      uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  }
  uint32_t varint32() { return static_cast<uint32_t>(varint()); }
  int64_t signed_varint() { return zigzag_decode(varint()); }

  uint64_t fixed64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p_[i]) << (8 * i);
    p_ += 8;
    return v;
  }
  double float64() {
    uint64_t bits = fixed64();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  uint8_t byte() { return *p_++; }

  std::string_view bytes() {
    size_t n = static_cast<size_t>(varint());
    std::string_view v(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return v;
  }
  void skip(size_t n) { p_ += n; }
  void jump(const uint8_t* p) { p_ = p; }

 private:
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
};

}  // namespace peregrine::storage::memory
