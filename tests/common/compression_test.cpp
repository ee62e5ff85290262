// Tests for gunzip (gzip, zlib-wrapped and raw deflate, output cap, corrupt input) and gzip_compress.
#include "backend/common/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace peregrine::common {
namespace {

std::string deflate_with(std::string_view data, int window_bits) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(out.size() - zs.avail_out);
  deflateEnd(&zs);
  return out;
}

std::string sample() {
  std::string s;
  for (int i = 0; i < 10000; ++i) s += "span-" + std::to_string(i) + ";";
  return s;
}

TEST(Compression, GzipRoundTrip) {
  auto data = sample();
  auto out = gunzip(gzip_compress(data), 1 << 20);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, data);
}

TEST(Compression, ZlibWrappedAndRawDeflate) {
  auto data = sample();
  EXPECT_EQ(gunzip(deflate_with(data, 15), 1 << 20).value_or(""), data);
  EXPECT_EQ(gunzip(deflate_with(data, -15), 1 << 20).value_or(""), data);
}

TEST(Compression, ConcatenatedGzipMembers) {
  auto out = gunzip(gzip_compress("hello ") + gzip_compress("world"), 100);
  EXPECT_EQ(out.value_or(""), "hello world");
}

TEST(Compression, EmptyPayload) { EXPECT_EQ(gunzip(gzip_compress(""), 10).value_or("x"), ""); }

TEST(Compression, OutputCapRejects) {
  auto data = sample();
  EXPECT_FALSE(gunzip(gzip_compress(data), data.size() - 1).has_value());
  EXPECT_TRUE(gunzip(gzip_compress(data), data.size()).has_value());
}

TEST(Compression, CorruptOrTruncatedRejected) {
  auto gz = gzip_compress(sample());
  EXPECT_FALSE(gunzip(gz.substr(0, gz.size() / 2), 1 << 20).has_value());
  EXPECT_FALSE(gunzip("definitely not compressed", 1 << 20).has_value());
}

}  // namespace
}  // namespace peregrine::common
