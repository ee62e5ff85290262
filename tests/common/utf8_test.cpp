// Tests for UTF-8 validation and repair.
#include "backend/common/utf8.hpp"

#include <gtest/gtest.h>

namespace peregrine::common {
namespace {

TEST(Utf8, Valid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
}

TEST(Utf8, Invalid) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("abc\xC3"));               // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // > U+10FFFF
  EXPECT_FALSE(is_valid_utf8("0123456789abcdef\x80"));  // after the ASCII fast path
}

// The whole-string ASCII check reads words (4 and 8 bytes, overlapping at the tail): a non-ASCII byte must be
// seen at every position of every length, including the word boundaries.
TEST(Utf8, AsciiFastPathSeesEveryPositionAtEveryLength) {
  for (size_t n = 0; n <= 70; ++n) {
    const std::string ascii(n, 'a');
    EXPECT_TRUE(is_valid_utf8(ascii)) << n;
    for (size_t pos = 0; pos < n; ++pos) {
      std::string bad = ascii;
      bad[pos] = '\x80';  // lone continuation byte: invalid
      EXPECT_FALSE(is_valid_utf8(bad)) << "length " << n << " position " << pos;
      if (pos + 2 <= n) {
        std::string two = ascii;
        two[pos] = '\xC3';  // valid 2-byte sequence (é) inside ASCII
        two[pos + 1] = '\xA9';
        EXPECT_TRUE(is_valid_utf8(two)) << "length " << n << " position " << pos;
      }
    }
  }
}

TEST(Utf8, FastPathOnlyReadsInsideTheView) {
  // A view into a larger buffer whose surrounding bytes are non-ASCII: only the viewed bytes count.
  const std::string buffer = "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF" "abcdefghijklmnop" "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF";
  for (size_t len = 0; len <= 16; ++len) {
    for (size_t start = 8; start + len <= 24; ++start) {
      EXPECT_TRUE(is_valid_utf8(std::string_view(buffer).substr(start, len))) << start << "+" << len;
    }
  }
}

TEST(Utf8, RepairReplacesRunsWithOneReplacementChar) {
  EXPECT_EQ(to_valid_utf8("a\xFF\xFE" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(to_valid_utf8("x\xC3"), "x\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xF0\x9F\x98 mixed \xE2\x82")));
}

}  // namespace
}  // namespace peregrine::common
