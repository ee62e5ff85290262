// zlib-based gzip/deflate inflation with an output cap, and gzip compression.
#include "backend/common/compression.hpp"

#include <zlib.h>

#include <stdexcept>

namespace peregrine::common {

namespace {

// window_bits: 15+32 = auto-detect gzip/zlib header, -15 = raw deflate.
std::optional<std::string> inflate_with(std::string_view in, size_t max_out, int window_bits) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(std::min<size_t>(std::max<size_t>(in.size() * 4, 4096), max_out + 1));
  size_t produced = 0;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  bool ok = false;
  for (;;) {
    if (produced == out.size()) {
      if (out.size() > max_out) break;  // already past the cap
      out.resize(std::min(out.size() * 2, max_out + 1));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    int rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (produced > max_out) break;
    if (rc == Z_STREAM_END) {
      // gzip allows several concatenated members; anything else after the end is an error.
      if (zs.avail_in == 0) {
        ok = true;
        break;
      }
      if (window_bits < 0 || inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (rc == Z_BUF_ERROR) {
      if (zs.avail_out != 0) break;  // input exhausted before the stream ended: truncated
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&zs);
  if (!ok) return std::nullopt;
  out.resize(produced);
  return out;
}

}  // namespace

std::optional<std::string> gunzip(std::string_view compressed, size_t max_out) {
  if (compressed.size() > UINT32_MAX) return std::nullopt;
  if (auto out = inflate_with(compressed, max_out, 15 + 32)) return out;
  // Some clients send "deflate" as raw deflate without the zlib wrapper.
  bool looks_wrapped = compressed.size() >= 2 && ((static_cast<unsigned char>(compressed[0]) == 0x1f &&
                                                   static_cast<unsigned char>(compressed[1]) == 0x8b) ||
                                                  ((static_cast<unsigned char>(compressed[0]) << 8 |
                                                    static_cast<unsigned char>(compressed[1])) % 31 == 0 &&
                                                   (compressed[0] & 0x0f) == 8));
  if (looks_wrapped) return std::nullopt;
  return inflate_with(compressed, max_out, -15);
}

std::string gzip_compress(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = out.size() - zs.avail_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
  out.resize(produced);
  return out;
}

}  // namespace peregrine::common
